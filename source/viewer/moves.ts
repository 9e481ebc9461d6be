// Cursor moves shared by the reducer: scrolling as little as possible, jumping (remembered
// for ''), paging as less does, and finding an event's row in a view.

import type {EventId, RowModel, View} from './row-model.js';
import {lowerBound} from '../model/bounds.js';
import type {Context, Message, ViewerState} from './viewer-state.js';

export function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** The view on screen: the vCPU filter and the row filter together. */
export function viewOf(ctx: Context, state: ViewerState): View {
	return ctx.views.get(state.vcpuFilter, state.rowFilter);
}

/** The event on the cursor row, undefined when the view is empty. */
export function cursorEvent(ctx: Context, state: ViewerState): EventId | undefined {
	const view = viewOf(ctx, state);
	return view.count > 0 ? ctx.model.idAt(view, clamp(state.cursor, 0, view.count - 1)) : undefined;
}

/** The top row that keeps `cursor` on a page of `page` rows, moving as little as possible. */
export function topFor(top: number, cursor: number, page: number, count: number): number {
	let t = top;
	if (cursor < t) t = cursor;
	else if (cursor >= t + page) t = cursor - page + 1;
	return clamp(t, 0, Math.max(0, count - page));
}

export function withSelection(ctx: Context, state: ViewerState): ViewerState {
	if (state.vcpuFilter !== undefined) return {...state, selectedVcpu: state.vcpuFilter};
	const id = cursorEvent(ctx, state);
	const vcpu = id === undefined ? undefined : ctx.model.vcpuOf(id);
	return vcpu === undefined ? state : {...state, selectedVcpu: vcpu};
}

/** Moves the cursor, scrolling as little as possible. */
export function scrollTo(ctx: Context, state: ViewerState, row: number): ViewerState {
	const count = viewOf(ctx, state).count;
	const cursor = clamp(row, 0, Math.max(0, count - 1));
	return withSelection(ctx, {...state, cursor, top: topFor(state.top, cursor, ctx.page, count)});
}

/**
 * Moves the cursor to a far row, showing it a third of the way down the page for context, and
 * remembers where it came from (the `'` mark, which '' returns to).
 */
export function jumpTo(ctx: Context, state: ViewerState, row: number, message?: Message): ViewerState {
	const view = viewOf(ctx, state);
	const count = view.count;
	const cursor = clamp(row, 0, Math.max(0, count - 1));
	const visible = cursor >= state.top && cursor < state.top + ctx.page;
	const top = visible ? state.top : clamp(cursor - Math.floor(ctx.page / 3), 0, Math.max(0, count - ctx.page));
	const from = cursorEvent(ctx, state);
	const previous = cursor !== state.cursor && from !== undefined ? from : state.previous;
	return withSelection(ctx, {...state, cursor, top, message, previous});
}

export function page(ctx: Context, state: ViewerState, pages: number): ViewerState {
	const count = viewOf(ctx, state).count;
	const delta = Math.max(1, Math.round(ctx.page * Math.abs(pages))) * Math.sign(pages);
	const top = clamp(state.top + delta, 0, Math.max(0, count - ctx.page));
	// Keep the cursor at the same place on the screen, as less does; at either end it goes to the end.
	let cursor = state.cursor + (top - state.top);
	if (top === state.top) cursor = delta > 0 ? count - 1 : 0;
	cursor = clamp(cursor, 0, Math.max(0, count - 1));
	return withSelection(ctx, {...state, top, cursor});
}

/** Next (dir 1) or previous row in an ascending list of rows, relative to the cursor. */
export function neighbour(list: Uint32Array, cursor: number, dir: 1 | -1): number | undefined {
	const i = dir > 0 ? lowerBound(list, cursor + 1) : lowerBound(list, cursor) - 1;
	return i >= 0 && i < list.length ? list[i] : undefined;
}

/** The row of `view` that shows event `id`, or the nearest row when the view hides it. */
export function rowOfEvent(model: RowModel, view: View, id: EventId): {row: number; shown: boolean} {
	const position = model.position[id]!;
	if (!view.rows) return {row: position, shown: true};
	const after = lowerBound(view.rows, position);
	if (after < view.count && view.rows[after] === position) return {row: after, shown: true};
	if (after === 0) return {row: 0, shown: false};
	if (after >= view.count) return {row: view.count - 1, shown: false};
	const closer = position - view.rows[after - 1]! <= view.rows[after]! - position ? after - 1 : after;
	return {row: closer, shown: false};
}
