// `&` filter, as in less: only rows that match every term are shown. A term is free text (a
// pattern over the row, matched as `/` matches, through search.ts and so in linear time), or one of is:exact|ambiguous|unresolved|flagged,
// side:host|guest, event:NAME, task:NAME (NAME may use * and ?), cpu:N, vcpu:N; `!` negates a
// term; "double quotes" keep spaces in one term.

import {Status} from '../core/assign.js';
import type {Trace} from '../model/trace.js';
import {cellText} from './cells.js';
import type {EventId, RowModel} from './row-model.js';
import {compileSearch, matchesText, type SearchPattern} from './search.js';

type Test =
	| {kind: 'is'; what: 'exact' | 'ambiguous' | 'unresolved' | 'flagged'}
	| {kind: 'side'; host: boolean}
	| {kind: 'event' | 'task'; glob: RegExp}
	| {kind: 'cpu' | 'vcpu'; n: number}
	| {kind: 'text'; pattern: SearchPattern};

export type Term = Test & {negate: boolean};

export interface RowFilter {
	/** As typed, trimmed: also the filter's identity. */
	source: string;
	terms: Term[];
}

/** Splits on spaces, keeping "quoted text" together (the quotes dropped). */
function words(text: string): string[] {
	const out: string[] = [];
	for (const found of text.matchAll(/(!?)"([^"]*)"?|(\S+)/g)) out.push(found[3] ?? `${found[1]}${found[2]}`);
	return out;
}

function glob(name: string): RegExp {
	const body = name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${body}$`);
}

const IS = ['exact', 'ambiguous', 'unresolved', 'flagged'] as const;

function parseTerm(word: string): Test | string {
	const colon = /^(is|side|event|task|cpu|vcpu):(.*)$/.exec(word);
	if (!colon) return {kind: 'text', pattern: compileSearch(word)};
	const [, key, value] = colon as unknown as [string, string, string];
	switch (key) {
		case 'is':
			return (IS as readonly string[]).includes(value) ? {kind: 'is', what: value as (typeof IS)[number]} : `is: takes ${IS.join(', ')}, not "${value}"`;
		case 'side':
			return value === 'host' || value === 'guest' ? {kind: 'side', host: value === 'host'} : `side: takes host or guest, not "${value}"`;
		case 'event':
		case 'task':
			return value ? {kind: key, glob: glob(value)} : `${key}: needs a name (* and ? match any text)`;
		default:
			return /^\d+$/.test(value) ? {kind: key as 'cpu' | 'vcpu', n: Number(value)} : `${key}: takes a number, not "${value}"`;
	}
}

/** The filter for `text`; an empty text clears it (undefined); a bad term gives one sentence. */
export function parseFilter(text: string): {filter: RowFilter | undefined} | {error: string} {
	const source = text.trim();
	if (source === '') return {filter: undefined};
	const terms: Term[] = [];
	for (const word of words(source)) {
		const negate = word.startsWith('!') && word.length > 1;
		const test = parseTerm(negate ? word.slice(1) : word);
		if (typeof test === 'string') return {error: `filter: ${test}`};
		terms.push({...test, negate});
	}
	return {filter: {source, terms}};
}

/** Per interned name of a trace, whether `glob` matches it: a filter tests an id, not a string, per row. */
function nameTable(names: readonly string[], re: RegExp): Uint8Array {
	return Uint8Array.from(names, (n) => (re.test(n) ? 1 : 0));
}

/** A test of one event by merged position; cheap terms run first, text last. */
export function filterTest(model: RowModel, filter: RowFilter): (position: number) => boolean {
	const {host, guest, results} = model.alignment;
	const hostCount = host.count;
	const flagged = new Uint8Array(model.total);
	for (const p of model.view(undefined).flagged) flagged[p] = 1;
	const vcpuAt = filter.terms.some((t) => t.kind === 'vcpu') ? model.vcpuAtPosition() : undefined;
	const order = [...filter.terms].sort((a, b) => Number(a.kind === 'text') - Number(b.kind === 'text'));
	const checks = order.map((term): ((id: EventId, position: number) => boolean) => {
		const check = single(term, model, hostCount, flagged, vcpuAt, host, guest, results.status);
		return term.negate ? (id, p) => !check(id, p) : check;
	});
	return (position) => {
		const id = model.order[position]!;
		for (const check of checks) if (!check(id, position)) return false;
		return true;
	};
}

function single(
	term: Term,
	model: RowModel,
	hostCount: number,
	flagged: Uint8Array,
	vcpuAt: Int32Array | undefined,
	host: Trace,
	guest: Trace,
	status: Uint8Array,
): (id: EventId, position: number) => boolean {
	switch (term.kind) {
		case 'is':
			if (term.what === 'flagged') return (_id, p) => flagged[p] === 1;
			{
				const want = term.what === 'exact' ? Status.Exact : term.what === 'ambiguous' ? Status.Ambiguous : Status.Unresolved;
				return (id) => id >= hostCount && status[id - hostCount] === want;
			}
		case 'side':
			return term.host ? (id) => id < hostCount : (id) => id >= hostCount;
		case 'event':
		case 'task': {
			const field = term.kind === 'event' ? 'name' : 'comm';
			const hostTable = nameTable(term.kind === 'event' ? host.names : host.comms, term.glob);
			const guestTable = nameTable(term.kind === 'event' ? guest.names : guest.comms, term.glob);
			return (id) => (id < hostCount ? hostTable[host[field][id]!] === 1 : guestTable[guest[field][id - hostCount]!] === 1);
		}
		case 'cpu':
			return (id) => (id < hostCount ? host.cpu[id] : guest.cpu[id - hostCount]) === term.n;
		case 'vcpu':
			return (_id, p) => vcpuAt![p] === term.n;
		case 'text':
			return (id) => matchesText(term.pattern, cellText(model, id));
	}
}

/** Whether the filter reads text (slow on millions of rows: scanned in slices with progress). */
export function readsText(filter: RowFilter): boolean {
	return filter.terms.some((t) => t.kind === 'text');
}
