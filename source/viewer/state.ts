// The viewer's state and how each action changes it. Pure: searching and filtering (which take
// turns), the mouse and quitting are returned as effects for the Viewer component to carry out.

import {Status} from '../core/assign.js';
import {plural} from '../display/plural.js';
import {parseFilter} from './filter.js';
import {parseGoto} from './goto.js';
import type {Action} from './keymap.js';
import {unknownKeyText, type KeyMode} from './keys.js';
import {clamp, cursorEvent, jumpTo, neighbour, page, rowOfEvent, scrollTo, topFor, viewOf, withSelection} from './moves.js';
import {COLUMN_SETS, type ColumnSet} from './row-fields.js';
import type {EventId} from './row-model.js';
import {compileSearch} from './search.js';
import {timeModes, type TimeMode} from './time-column.js';
import type {Context, Effect, Message, ViewerState} from './viewer-state.js';

export {jumpTo, topFor, viewOf} from './moves.js';

export type {Context, Effect, Message, Mode, ViewerState} from './viewer-state.js';

export const SHIFT_STEP = 16;

export function initialState(ctx: Context): ViewerState {
	const state: ViewerState = {
		vcpuFilter: undefined,
		rowFilter: undefined,
		cursor: 0,
		top: 0,
		selectedVcpu: ctx.model.vcpuIds[0],
		mode: 'normal',
		input: '',
		count: '',
		detail: false,
		detailOther: false,
		search: undefined,
		message: undefined,
		helpTop: 0,
		shift: {host: 0, guest: 0},
		columns: 0,
		time: 'tsc',
		marks: {},
		lastMark: undefined,
		previous: undefined,
		pending: undefined,
		candidateOf: undefined,
		mouse: false,
	};
	return withSelection(ctx, state);
}

/** How the next key is read. */
export function keyMode(state: ViewerState): KeyMode {
	if (state.pending) return state.pending;
	if (state.mode === 'help') return 'help';
	return state.mode === 'normal' ? 'normal' : 'prompt';
}

const info = (text: string): Message => ({text, error: false});
const error = (text: string): Message => ({text, error: true});

function vcpuWords(ctx: Context, vcpu: number | undefined): string {
	return vcpu === undefined ? 'any vCPU' : ctx.model.vcpuName(vcpu);
}

/** The same event in the new view when it has it, else the nearest row; the cursor keeps its place on screen. */
function refilter(ctx: Context, state: ViewerState, next: Pick<ViewerState, 'vcpuFilter' | 'rowFilter'>): ViewerState {
	const id = cursorEvent(ctx, state);
	const moved = {...state, ...next};
	const view = viewOf(ctx, moved);
	const cursor = id === undefined || view.count === 0 ? 0 : rowOfEvent(ctx.model, view, id).row;
	const top = clamp(cursor - (state.cursor - state.top), 0, Math.max(0, view.count - ctx.page));
	return withSelection(ctx, {...moved, cursor, top: topFor(top, cursor, ctx.page, view.count)});
}

function cycleVcpu(ctx: Context, state: ViewerState, dir: 1 | -1): ViewerState {
	const choices: (number | undefined)[] = [undefined, ...ctx.model.vcpuIds];
	const at = choices.indexOf(state.vcpuFilter);
	const vcpuFilter = choices[(at + dir + choices.length) % choices.length];
	const next = refilter(ctx, {...state, selectedVcpu: vcpuFilter ?? state.selectedVcpu}, {vcpuFilter, rowFilter: state.rowFilter});
	const label = vcpuFilter === undefined ? 'all vCPUs' : ctx.model.vcpuName(vcpuFilter);
	return {...next, message: info(`showing ${label}: ${plural(viewOf(ctx, next).count, 'row')}`)};
}

/** Puts a row filter (whose matches Views holds) in force, or clears it. */
export function applyRowFilter(ctx: Context, state: ViewerState, filter: string | undefined): ViewerState {
	const next = refilter(ctx, state, {vcpuFilter: state.vcpuFilter, rowFilter: filter});
	const view = viewOf(ctx, next);
	if (filter !== undefined && view.count === 0) return {...state, message: error(`no row matches &${filter}; the rows shown are unchanged`)};
	const all = ctx.views.get(state.vcpuFilter, undefined).count;
	return {...next, message: info(filter === undefined ? `filter cleared: all ${plural(all, 'row')}` : `filter &${filter}: ${view.count} of ${plural(all, 'row')}`)};
}

function submit(ctx: Context, state: ViewerState): {state: ViewerState; effect?: Effect} {
	const text = state.input;
	const normal: ViewerState = {...state, mode: 'normal', input: ''};
	if (state.mode === 'search') {
		if (text === '') {
			if (!state.search) return {state: normal};
			return {state: normal, effect: {type: 'search', from: state.cursor, dir: 1}};
		}
		return {state: {...normal, search: compileSearch(text)}, effect: {type: 'search', from: state.cursor, dir: 1}};
	}
	if (state.mode === 'filter') {
		const parsed = parseFilter(text);
		if ('error' in parsed) return {state: {...normal, message: error(parsed.error)}};
		if (!parsed.filter && state.rowFilter === undefined) return {state: normal};
		return {state: normal, effect: {type: 'filter', filter: parsed.filter}};
	}
	const view = viewOf(ctx, state);
	const target = parseGoto(text, view.count);
	switch (target.kind) {
		case 'none':
			return {state: normal};
		case 'error':
			return {state: {...normal, message: error(target.message)}};
		case 'row':
			return {state: jumpTo(ctx, normal, target.row, info(`row ${target.row + 1}`))};
		case 'tsc': {
			const row = ctx.model.rowAtTsc(view, target.tsc);
			const words = row >= view.count ? `host TSC ${target.tsc} is after the last row` : `host TSC ${target.tsc}: row ${row + 1}`;
			return {state: jumpTo(ctx, normal, row, info(words))};
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

function setMark(ctx: Context, state: ViewerState, letter: string): ViewerState {
	const id = cursorEvent(ctx, state);
	if (id === undefined) return {...state, message: error('no row to mark')};
	const marks = {...state.marks};
	// One letter per row: a row marked again keeps only the new letter.
	for (const [other, at] of Object.entries(marks)) if (at === id) delete marks[other];
	marks[letter] = id;
	return {...state, marks, lastMark: letter, message: info(`mark ${letter} set on row ${state.cursor + 1} ('${letter} comes back)`)};
}

function jumpToMark(ctx: Context, state: ViewerState, letter: string): ViewerState {
	const target = letter === "'" ? state.previous : state.marks[letter];
	if (target === undefined) return {...state, message: error(letter === "'" ? 'no jump to come back from yet' : `no mark ${letter} (m${letter} sets it)`)};
	const {row, shown} = rowOfEvent(ctx.model, viewOf(ctx, state), target);
	const what = letter === "'" ? 'back' : `mark ${letter}`;
	return jumpTo(ctx, state, row, info(shown ? what : `${what}: hidden by the filter; the nearest row shown`));
}

function goToCandidate(ctx: Context, state: ViewerState, n: number): ViewerState {
	const {model} = ctx;
	const {host, results} = model.alignment;
	const isAmbiguous = (id: EventId | undefined): id is EventId => id !== undefined && id >= host.count && results.status[id - host.count] === Status.Ambiguous;
	const here = cursorEvent(ctx, state);
	// Still where the last @ went: its event's other candidates, even if this row is ambiguous too.
	const last = state.candidateOf;
	const source = last && last.row === state.cursor ? last.id : here;
	if (!isAmbiguous(source)) return {...state, message: error('@: put the cursor on an ambiguous guest event first (a jumps to the next)')};
	const candidates = results.candidates.get(source - host.count);
	const tsc = candidates?.tsc[n - 1];
	if (!candidates || tsc === undefined) return {...state, message: error(`@${n}: this event has ${candidates?.tsc.length ?? 0} candidates`)};
	const view = viewOf(ctx, state);
	const row = Math.min(model.rowAtTsc(view, tsc), view.count - 1);
	const moved = jumpTo(ctx, state, row, info(`candidate ${n} of ${candidates.tsc.length} (epoch ${candidates.epochs[n - 1]}): host TSC ${tsc}, row ${row + 1}; '' goes back`));
	return {...moved, candidateOf: {id: source, row: moved.cursor}};
}

function cycleTime(ctx: Context, state: ViewerState): ViewerState {
	const modes = timeModes(ctx.model);
	const time = modes[(modes.indexOf(state.time) + 1) % modes.length]!;
	// Short enough for the bottom bar at 80 columns; without a rate the --tsc-khz hint comes before the `m` hint.
	const clock = ctx.model.alignment.clock !== undefined;
	const delta = clock ? 'Δ' : 'Δ cycles';
	const hints = [...(clock ? [] : ['ns: --tsc-khz']), ...(state.lastMark || state.previous !== undefined ? [] : ['m sets'])];
	const note = hints.length > 0 ? ` (${hints.join('; ')})` : '';
	const words: Record<TimeMode, string> = {
		tsc: 'time: host TSC',
		since: 'time: since the first event',
		prev: `time: ${delta} from row above${clock ? '' : ' (ns: --tsc-khz)'}`,
		mark: `time: ${delta} from ${state.lastMark ? `mark ${state.lastMark}` : state.previous !== undefined ? "''" : 'a mark'}${note}`,
	};
	return {...state, time, message: info(words[time])};
}

export function reduce(ctx: Context, current: ViewerState, action: Action): {state: ViewerState; effect?: Effect} {
	const view = viewOf(ctx, current);
	// The page may have changed size since the last key (terminal resize, detail pane).
	const top = topFor(current.top, current.cursor, ctx.page, view.count);
	const state = top === current.top ? current : {...current, top};
	const count = state.count === '' ? undefined : Number(state.count);
	const base: ViewerState = state.count === '' && !state.message && !state.pending ? state : {...state, count: '', message: undefined, pending: undefined};
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
			return {state: jumpTo(ctx, base, count ? count - 1 : 0)};
		case 'last':
			return {state: jumpTo(ctx, base, count ? count - 1 : view.count - 1)};
		case 'epoch':
		case 'flag':
		case 'status': {
			const list = action.type === 'epoch' ? view.epochStarts : action.type === 'flag' ? view.flagged : view[action.which];
			const row = neighbour(list, state.cursor, action.dir);
			if (row === undefined) {
				const what = action.type === 'epoch' ? `offset epoch start for ${vcpuWords(ctx, view.vcpu)}` : action.type === 'flag' ? 'flagged row' : `${action.which} guest event`;
				return {state: {...base, message: error(`no ${action.dir > 0 ? 'later' : 'earlier'} ${what}${state.rowFilter ? ' among the filtered rows' : ''}`)}};
			}
			return {state: jumpTo(ctx, base, row)};
		}
		case 'vcpu':
			return {state: cycleVcpu(ctx, base, action.dir)};
		case 'prompt':
			return {state: {...base, mode: action.mode, input: ''}, effect: ctx.scanning ? {type: 'cancel-search'} : undefined};
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
			if (state.pending) return {state: base};
			if (state.mode !== 'normal') return {state: {...base, mode: 'normal', input: ''}};
			if (ctx.scanning) return {state: {...base, message: info(`${ctx.scanning} stopped`)}, effect: {type: 'cancel-search'}};
			if (state.detail) return {state: {...base, detail: false}};
			return {state: {...base, search: undefined}};
		case 'match':
			if (!state.search) return {state: {...base, message: error('no search yet: press / to search')}};
			return {state: base, effect: {type: 'search', from: state.cursor, dir: action.dir}};
		case 'detail':
			return {state: {...base, detail: !state.detail, detailOther: false}};
		case 'tab':
			return {state: {...base, detail: true, detailOther: state.detail ? !state.detailOther : true}};
		case 'help':
			return {state: {...base, mode: state.mode === 'help' ? 'normal' : 'help', helpTop: 0}};
		case 'shift': {
			const id = cursorEvent(ctx, state);
			const lane = id === undefined || ctx.model.isHost(id) ? 'host' : 'guest';
			const by = Math.max(0, state.shift[lane] + action.dir * SHIFT_STEP);
			return {state: {...base, shift: {...state.shift, [lane]: by}, message: info(by === 0 ? `${lane} text not scrolled` : `${lane} text scrolled right by ${by} (h / l)`)}};
		}
		case 'columns': {
			const columns = ((state.columns + 1) % COLUMN_SETS.length) as ColumnSet;
			return {state: {...base, columns, message: info(`columns: ${COLUMN_SETS[columns]}`)}};
		}
		case 'time':
			return {state: cycleTime(ctx, base)};
		case 'pending':
			return {state: {...base, pending: action.what}};
		case 'set-mark':
			return {state: setMark(ctx, base, action.letter)};
		case 'jump-mark':
			return {state: jumpToMark(ctx, base, action.letter)};
		case 'candidate':
			return {state: goToCandidate(ctx, base, action.n)};
		case 'mouse': {
			const mouse = !state.mouse;
			return {state: {...base, mouse, message: info(mouse ? 'mouse wheel on (M again to select text with the mouse)' : 'mouse wheel off: the terminal selects text')}, effect: {type: 'mouse', on: mouse}};
		}
		case 'unknown':
			return {state: {...base, message: error(unknownKeyText(action.key, action.hint))}};
		case 'suspend':
			return {state: base, effect: {type: 'suspend'}};
		case 'quit':
			return {state, effect: {type: 'quit', interrupted: action.interrupted}};
	}
}
