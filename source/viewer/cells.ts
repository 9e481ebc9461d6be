// The text of one row: the host-TSC column, the flags and the event's own fields. Every
// string that came from a trace goes through escapeControl here, before it can reach Ink.

import {Status} from '../core/assign.js';
import type {Trace} from '../model/trace.js';
import {escapeControl} from '../display/escape.js';
import type {EventId, RowFlags, RowModel} from './row-model.js';

/** Task and event names of a trace, escaped once per distinct name (a search escapes every row). */
const escapedNames = new WeakMap<Trace, {comms: (string | undefined)[]; names: (string | undefined)[]}>();

function namesOf(trace: Trace): {comms: (string | undefined)[]; names: (string | undefined)[]} {
	let names = escapedNames.get(trace);
	if (!names) escapedNames.set(trace, (names = {comms: [], names: []}));
	return names;
}

export function commOf(trace: Trace, index: number): string {
	const id = trace.comm[index]!;
	return (namesOf(trace).comms[id] ??= escapeControl(trace.comms[id]!));
}

export function nameOf(trace: Trace, index: number): string {
	const id = trace.name[index]!;
	return (namesOf(trace).names[id] ??= escapeControl(trace.names[id]!));
}

/**
 * A trace event as one line of text, the way ftrace prints it (guest rows lead with the guest
 * TSC): what `/` and a filter's free text match, whatever columns are shown.
 */
export function cellText(model: RowModel, id: EventId): string {
	const {host, guest} = model.alignment;
	const {side, index} = model.event(id);
	const trace = side === 'host' ? host : guest;
	const body = `${commOf(trace, index)}-${trace.pid[index]} [${String(trace.cpu[index]).padStart(3, '0')}] ${nameOf(trace, index)}: ${escapeControl(trace.text(index))}`;
	return side === 'host' ? body : `${trace.tsc[index]} ${body}`;
}

/** The host-TSC column: the event's host TSC; `?` for a guest event with none. */
export function tscText(model: RowModel, id: EventId): string {
	const {host, results} = model.alignment;
	if (id < host.count) return host.tsc[id]!.toString();
	const g = id - host.count;
	return results.status[g] === Status.Unresolved ? '?' : results.hostTsc[g]!.toString();
}

export type FlagKind = 'region' | 'ambiguous' | 'unresolved' | 'lost';

/** Gutter codes: N/n non-monotonic (start/inside), A<k> ambiguous, U unresolved, O outside every window, L lost events, W lost write. */
export function flagCodes(flags: RowFlags): {code: string; kind: FlagKind}[] {
	const codes: {code: string; kind: FlagKind}[] = [];
	if (flags.regionStart) codes.push({code: 'N', kind: 'region'});
	else if (flags.inRegion) codes.push({code: 'n', kind: 'region'});
	if (flags.candidates > 0) codes.push({code: `A${flags.candidates > 9 ? '+' : flags.candidates}`, kind: 'ambiguous'});
	if (flags.unresolved) codes.push({code: flags.outsideWindow ? 'O' : 'U', kind: 'unresolved'});
	if (flags.lost !== undefined) codes.push({code: 'L', kind: 'lost'});
	if (flags.lostWrite) codes.push({code: 'W', kind: 'lost'});
	return codes;
}

/** Pads or cuts to exactly `width` characters. */
export function fit(text: string, width: number): string {
	if (width <= 0) return '';
	return text.length > width ? text.slice(0, width) : text.padEnd(width);
}

/** Cuts a long string in the middle, keeping both ends (file paths). */
export function fitMiddle(text: string, width: number): string {
	if (text.length <= width) return text;
	if (width <= 1) return text.slice(0, width);
	const head = Math.ceil((width - 1) / 2);
	return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

const NARROW = /^[\x20-\x7e]*$/;

/**
 * The start of `text` that fits `columns` terminal columns, and its width. Printable ASCII is
 * one column a character; anything else is counted as two, so a row of wide characters
 * (CJK task names, emoji) never runs past the edge, at worst leaving a column blank.
 */
export function cutColumns(text: string, columns: number): {text: string; width: number} {
	if (columns <= 0) return {text: '', width: 0};
	if (NARROW.test(text)) return text.length <= columns ? {text, width: text.length} : {text: text.slice(0, columns), width: columns};
	let width = 0;
	let end = 0;
	for (const ch of text) {
		const w = NARROW.test(ch) ? 1 : 2;
		if (width + w > columns) break;
		width += w;
		end += ch.length;
	}
	return {text: text.slice(0, end), width};
}
