// The viewer's state and how each action changes it. Pure: searching (which takes turns) and
// quitting are returned as effects for the Viewer component to carry out.

import type {Action} from './keys.js';
import type {RowModel, View} from './row-model.js';
import {compileSearch, type SearchPattern} from './search.js';
import {parseGoto} from './goto.js';

export type Mode = 'normal' | 'search' | 'goto' | 'help';

export interface Message {
	text: string;
	error: boolean;
}

export interface ViewerState {
	/** vCPU filter; undefined shows every vCPU. */
	filter: number | undefined;
	cursor: number;
	top: number;
	/** vCPU whose epoch and run windows are shown: the filter's, else the last one the cursor was on. */
	selectedVcpu: number | undefined;
	mode: Mode;
	/** Text typed into the `/` or `:` prompt. */
	input: string;
	/** Digits typed before a command (vi count). */
	count: string;
	detail: boolean;
	/** Tab: the detail pane shows the other side's event nearest the cursor row. */
	detailOther: boolean;
	search: SearchPattern | undefined;
	message: Message | undefined;
	helpTop: number;
	/** Columns the host and guest cells are scrolled right by. */
	shift: number;
}

export type Effect = {type: 'search'; from: number; dir: 1 | -1} | {type: 'quit'} | {type: 'suspend'} | {type: 'cancel-search'};

export interface Context {
	model: RowModel;
	/** Body rows on screen. */
	page: number;
	/** A search is being scanned. */
	searching: boolean;
}

export const SHIFT_STEP = 16;

export function initialState(model: RowModel): ViewerState {
	const state: ViewerState = {
		filter: undefined,
		cursor: 0,
		top: 0,
		selectedVcpu: model.vcpuIds[0],
		mode: 'normal',
		input: '',
		count: '',
		detail: false,
		detailOther: false,
		search: undefined,
		message: undefined,
		helpTop: 0,
		shift: 0,
	};
	return withSelection(model, state);
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** The top row that keeps `cursor` on a page of `page` rows, moving as little as possible. */
export function topFor(top: number, cursor: number, page: number, count: number): number {
	let t = top;
	if (cursor < t) t = cursor;
	else if (cursor >= t + page) t = cursor - page + 1;
	return clamp(t, 0, Math.max(0, count - page));
}

function withSelection(model: RowModel, state: ViewerState): ViewerState {
	if (state.filter !== undefined) return {...state, selectedVcpu: state.filter};
	const view = model.view(undefined);
	if (view.count === 0) return state;
	const vcpu = model.vcpuOf(model.idAt(view, state.cursor));
	return vcpu === undefined ? state : {...state, selectedVcpu: vcpu};
}

/** Moves the cursor, scrolling as little as possible. */
function scrollTo(ctx: Context, state: ViewerState, row: number): ViewerState {
	const count = ctx.model.view(state.filter).count;
	const cursor = clamp(row, 0, Math.max(0, count - 1));
	return withSelection(ctx.model, {...state, cursor, top: topFor(state.top, cursor, ctx.page, count)});
}

/** Moves the cursor to a far row, showing it a third of the way down the page for context. */
export function jumpTo(ctx: Context, state: ViewerState, row: number, message?: Message): ViewerState {
	const count = ctx.model.view(state.filter).count;
	const cursor = clamp(row, 0, Math.max(0, count - 1));
	const visible = cursor >= state.top && cursor < state.top + ctx.page;
	const top = visible ? state.top : clamp(cursor - Math.floor(ctx.page / 3), 0, Math.max(0, count - ctx.page));
	return withSelection(ctx.model, {...state, cursor, top, message});
}

function page(ctx: Context, state: ViewerState, pages: number): ViewerState {
	const count = ctx.model.view(state.filter).count;
	const delta = Math.max(1, Math.round(ctx.page * Math.abs(pages))) * Math.sign(pages);
	const top = clamp(state.top + delta, 0, Math.max(0, count - ctx.page));
	// Keep the cursor at the same place on the screen, as less does; at either end it goes to the end.
	let cursor = state.cursor + (top - state.top);
	if (top === state.top) cursor = delta > 0 ? count - 1 : 0;
	cursor = clamp(cursor, 0, Math.max(0, count - 1));
	return withSelection(ctx.model, {...state, top, cursor});
}

/** Next (dir 1) or previous row in an ascending list of rows, relative to the cursor. */
function neighbour(list: Uint32Array, cursor: number, dir: 1 | -1): number | undefined {
	let lo = 0;
	let hi = list.length;
	const target = dir > 0 ? cursor + 1 : cursor;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (list[mid]! < target) lo = mid + 1;
		else hi = mid;
	}
	const i = dir > 0 ? lo : lo - 1;
	return i >= 0 && i < list.length ? list[i] : undefined;
}

function vcpuWords(view: View): string {
	return view.vcpu === undefined ? 'any vCPU' : `vCPU ${view.vcpu}`;
}

function cycleFilter(ctx: Context, state: ViewerState, dir: 1 | -1): ViewerState {
	const choices: (number | undefined)[] = [undefined, ...ctx.model.vcpuIds];
	const at = choices.indexOf(state.filter);
	const filter = choices[(at + dir + choices.length) % choices.length];
	const oldView = ctx.model.view(state.filter);
	const view = ctx.model.view(filter);
	const position = oldView.count === 0 ? 0 : (oldView.rows ? oldView.rows[state.cursor]! : state.cursor);
	// The same event when the new view has it, else the next one after it.
	const cursor = clamp(ctx.model.rowAtOrAfter(view, position), 0, Math.max(0, view.count - 1));
	const top = clamp(cursor - (state.cursor - state.top), 0, Math.max(0, view.count - ctx.page));
	const label = filter === undefined ? 'all vCPUs' : `vCPU ${filter}`;
	return withSelection(ctx.model, {
		...state,
		filter,
		selectedVcpu: filter ?? state.selectedVcpu,
		cursor,
		top: topFor(top, cursor, ctx.page, view.count),
		message: {text: `showing ${label}: ${view.count} rows`, error: false},
	});
}

function submit(ctx: Context, state: ViewerState): {state: ViewerState; effect?: Effect} {
	const text = state.input;
	const normal: ViewerState = {...state, mode: 'normal', input: ''};
	if (state.mode === 'search') {
		if (text === '') {
			if (!state.search) return {state: normal};
			return {state: normal, effect: {type: 'search', from: state.cursor, dir: 1}};
		}
		const search = compileSearch(text);
		return {state: {...normal, search}, effect: {type: 'search', from: state.cursor, dir: 1}};
	}
	const view = ctx.model.view(state.filter);
	const target = parseGoto(text, view.count);
	switch (target.kind) {
		case 'none':
			return {state: normal};
		case 'error':
			return {state: {...normal, message: {text: target.message, error: true}}};
		case 'row':
			return {state: jumpTo(ctx, normal, target.row, {text: `row ${target.row + 1}`, error: false})};
		case 'tsc': {
			const row = ctx.model.rowAtTsc(view, target.tsc);
			const words = row >= view.count ? `host TSC ${target.tsc} is after the last row` : `host TSC ${target.tsc}: row ${row + 1}`;
			return {state: jumpTo(ctx, normal, row, {text: words, error: false})};
		}
	}
}

function helpScroll(top: number, action: Action, pageRows: number): number {
	switch (action.type) {
		case 'move':
			return Math.max(0, top + action.delta);
		case 'page':
			return Math.max(0, top + Math.round(pageRows * action.pages));
		case 'first':
			return 0;
		case 'last':
			return Number.MAX_SAFE_INTEGER; // clamped when drawn
		default:
			return top;
	}
}

export function reduce(ctx: Context, current: ViewerState, action: Action): {state: ViewerState; effect?: Effect} {
	const view = ctx.model.view(current.filter);
	// The page may have changed size since the last key (terminal resize, detail pane).
	const top = topFor(current.top, current.cursor, ctx.page, view.count);
	const state = top === current.top ? current : {...current, top};
	const count = state.count === '' ? undefined : Number(state.count);
	const base: ViewerState = state.count === '' && !state.message ? state : {...state, count: '', message: undefined};
	if (state.mode === 'help' && action.type !== 'help' && action.type !== 'quit' && action.type !== 'escape') {
		return {state: {...base, helpTop: helpScroll(state.helpTop, action, ctx.page)}};
	}
	switch (action.type) {
		case 'count':
			if (action.digit === '0' && state.count === '') return {state};
			return {state: {...state, count: (state.count + action.digit).slice(0, 12), message: undefined}};
		case 'move':
			return {state: scrollTo(ctx, base, state.cursor + action.delta * (count ?? 1))};
		case 'page':
			return {state: page(ctx, base, action.pages)};
		case 'first':
			return {state: count ? jumpTo(ctx, base, count - 1) : scrollTo(ctx, {...base, top: 0}, 0)};
		case 'last':
			return {state: count ? jumpTo(ctx, base, count - 1) : scrollTo(ctx, {...base, top: view.count}, view.count - 1)};
		case 'epoch':
		case 'flag': {
			const list = action.type === 'epoch' ? view.epochStarts : view.flagged;
			const row = neighbour(list, state.cursor, action.dir);
			if (row === undefined) {
				const what = action.type === 'epoch' ? `offset epoch start for ${vcpuWords(view)}` : 'flagged row';
				return {state: {...base, message: {text: `no ${action.dir > 0 ? 'later' : 'earlier'} ${what}`, error: true}}};
			}
			return {state: jumpTo(ctx, base, row)};
		}
		case 'filter':
			return {state: cycleFilter(ctx, base, action.dir)};
		case 'prompt':
			return {state: {...base, mode: action.mode, input: ''}, effect: ctx.searching ? {type: 'cancel-search'} : undefined};
		case 'input':
			return {state: {...state, input: state.input + action.text}};
		case 'backspace':
			// Backspace on an empty prompt leaves it, as in less.
			return {state: state.input === '' ? {...state, mode: 'normal'} : {...state, input: [...state.input].slice(0, -1).join('')}};
		case 'clear-input':
			return {state: {...state, input: ''}};
		case 'submit':
			return submit(ctx, state);
		case 'escape':
			if (state.mode === 'search' || state.mode === 'goto' || state.mode === 'help') return {state: {...base, mode: 'normal', input: ''}};
			if (ctx.searching) return {state: {...base, message: {text: 'search stopped', error: false}}, effect: {type: 'cancel-search'}};
			if (state.detail) return {state: {...base, detail: false}};
			return {state: {...base, search: undefined}};
		case 'match':
			if (!state.search) return {state: {...base, message: {text: 'no search yet: press / to search', error: true}}};
			return {state: base, effect: {type: 'search', from: state.cursor, dir: action.dir}};
		case 'detail':
			return {state: {...base, detail: !state.detail, detailOther: false}};
		case 'tab':
			return {state: {...base, detail: true, detailOther: state.detail ? !state.detailOther : true}};
		case 'help':
			return {state: {...base, mode: state.mode === 'help' ? 'normal' : 'help', helpTop: 0}};
		case 'shift':
			return {state: {...base, shift: Math.max(0, state.shift + action.dir * SHIFT_STEP)}};
		case 'suspend':
			return {state: base, effect: {type: 'suspend'}};
		case 'quit':
			return {state, effect: {type: 'quit'}};
	}
}
