// The preliminary rows (the start of a large pair, loading/preview.ts): host rows only, since
// a guest event's place and status there may still change; then the whole pair, with the
// viewer's state carried over, the cursor on the same event (same side, same file line) at
// the same place on screen, marks on their events.

import {lowerBound} from '../model/bounds.js';
import {plural} from '../display/plural.js';
import {applyRowFilter} from './state.js';
import {clamp, cursorEvent, rowOfEvent, topFor, viewOf, withSelection} from './moves.js';
import type {EventId, RowModel} from './row-model.js';
import type {Context, ViewerState} from './viewer-state.js';

/**
 * What a viewer leaves for the one that replaces it. The whole pair gets a new viewer rather
 * than new props: React's development build walks changed props deeply (for its performance
 * tracks), and through a RowModel's arrays that takes minutes.
 */
export interface Handover {
	last?: () => {ctx: Context; state: ViewerState};
}

/** The row filter the preliminary rows are shown through: a filter a user could type too. */
export const HOST_ROWS = 'side:host';

/** `state` showing the host rows only (the preliminary rows). */
export function hostRowsOnly(ctx: Context, state: ViewerState): ViewerState {
	const {model, views} = ctx;
	views.store(HOST_ROWS, Uint32Array.from(model.position.subarray(0, model.alignment.host.count)).sort());
	return applyRowFilter(ctx, state, HOST_ROWS);
}

/** The event of `model` read from the same line of the same file as `id` of `from`, if it has one. */
export function sameEvent(from: RowModel, id: EventId, model: RowModel): EventId | undefined {
	const {side, index} = from.event(id);
	const before = side === 'host' ? from.alignment.host : from.alignment.guest;
	const after = side === 'host' ? model.alignment.host : model.alignment.guest;
	const line = before.line[index]!;
	const at = lowerBound(after.line, line);
	if (at >= after.count || after.line[at] !== line) return undefined;
	return side === 'host' ? at : model.alignment.host.count + at;
}

/** `state` of the viewer on `from`, for the viewer on `to`. A row filter, a candidate trail and a pending key do not carry over. */
export function carryOver(from: Context, to: Context, state: ViewerState): ViewerState {
	const map = (id: EventId | undefined): EventId | undefined => (id === undefined ? undefined : sameEvent(from.model, id, to.model));
	const id = map(cursorEvent(from, state));
	const vcpuFilter = state.vcpuFilter !== undefined && to.model.vcpuIds.includes(state.vcpuFilter) ? state.vcpuFilter : undefined;
	const marks: Record<string, EventId> = {};
	for (const [letter, marked] of Object.entries(state.marks)) {
		const now = map(marked);
		if (now !== undefined) marks[letter] = now;
	}
	const moved: ViewerState = {
		...state,
		vcpuFilter,
		rowFilter: undefined,
		marks,
		lastMark: state.lastMark !== undefined && marks[state.lastMark] !== undefined ? state.lastMark : undefined,
		previous: map(state.previous),
		candidateOf: undefined,
		pending: undefined,
		message: {text: `loaded: all ${plural(to.model.total, 'row')}; statuses final`, error: false},
	};
	const view = viewOf(to, moved);
	const cursor = id === undefined || view.count === 0 ? 0 : rowOfEvent(to.model, view, id).row;
	const top = clamp(cursor - (state.cursor - state.top), 0, Math.max(0, view.count - to.page));
	return withSelection(to, {...moved, cursor, top: topFor(top, cursor, to.page, view.count)});
}
