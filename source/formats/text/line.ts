// Tokenizer for one line of ftrace `trace` text or `trace-cmd report` text (docs/text-formats.md).
// Works on the file's bytes as read: indexing a Buffer is cheaper than a decoded string's
// charCodeAt, and no chunk is decoded at all. Text comes out as byte ranges.

import type {NameCache} from './name-cache.js';
import {WordView} from './word-view.js';

const wordView = new WordView();

export const enum LineKind {
	Skip,
	Event,
	Lost,
	Cpus,
	Bad,
}

/**
 * Reused for every line: the tokenizer allocates nothing per event line. Text fields are
 * index ranges into the source; the reader interns them without slicing.
 */
export interface LineFields {
	kind: LineKind;
	/** The task name, src[commStart, commEnd). */
	commStart: number;
	commEnd: number;
	pid: number;
	/** -1 when the line has no tgid column or it reads `(-------)`. */
	tgid: number;
	cpu: number;
	/** The timestamp's digits, src[tsStart, tsEnd) (with a `.` for a nanosecond clock). */
	tsStart: number;
	tsEnd: number;
	/** Their value when there are at most 15 digits and no `.` (exact in a double), else -1. */
	tsValue: number;
	decimal: boolean;
	/** The event name, src[nameStart, nameEnd); empty for a function-tracer line (`function`). */
	nameStart: number;
	nameEnd: number;
	/** The name's hash (range-ids.ts's rangeHash of its bytes); not made when nameId is known. */
	nameHash: number;
	/** The name's id when a NameCache knew it, else -1. */
	nameId: number;
	textStart: number;
	textEnd: number;
	/** Lost: events lost (-1 unknown). Cpus: the CPU count. */
	count: number;
	reason: string;
	/** A multi-file report's `name: ` prefix, or '' when none. */
	prefix: string;
	/** The task field holds a `: ` that could start such a prefix (whether it does depends on lines seen before). */
	prefixCandidate: boolean;
	/** Where the CPU column's `[` is. */
	cpuAt: number;
}

export function newLineFields(): LineFields {
	return {
		kind: LineKind.Skip,
		commStart: 0,
		commEnd: 0,
		pid: 0,
		tgid: -1,
		cpu: 0,
		tsStart: 0,
		tsEnd: 0,
		tsValue: -1,
		decimal: false,
		nameStart: 0,
		nameEnd: 0,
		nameHash: 0,
		nameId: -1,
		textStart: 0,
		textEnd: 0,
		count: 0,
		reason: '',
		prefix: '',
		prefixCandidate: false,
		cpuAt: 0,
	};
}

const LOST_RE =
	/^(?:\s*\S.*?: )?CPU:\s*(\d+)\s*\[(?:LOST (\d+) EVENTS|(\d+) EVENTS DROPPED|LOST EVENTS|EVENTS DROPPED)\]/;
const COMM_MAX = 16; // TASK_COMM_LEN, including the NUL, so a longer "comm" holds a file prefix

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
	return code === 32 || code === 9;
}

/** What String.prototype.trimStart removes, among latin1 characters. */
function isTrimSpace(code: number): boolean {
	return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/** 1 for the bytes of an event name (letters, digits, `_`, `.`, `-`): one load instead of six comparisons. */
const NAME_CHAR = new Uint8Array(256);
for (let code = 0; code < 256; code++) {
	const name = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(code) || code === 95 || code === 46 || code === 45;
	NAME_CHAR[code] = name ? 1 : 0;
}

function bad(out: LineFields, reason: string): LineFields {
	out.kind = LineKind.Bad;
	out.reason = reason;
	return out;
}

/** Whether src[at, end) starts with the ASCII text `prefix`. */
function startsWith(src: Uint8Array, at: number, end: number, prefix: string): boolean {
	if (end - at < prefix.length) return false;
	for (let k = 0; k < prefix.length; k++) if (src[at + k] !== prefix.charCodeAt(k)) return false;
	return true;
}

/** src[start, end) as a string, one character per byte. */
export function latin1(src: Uint8Array, start: number, end: number): string {
	return Buffer.from(src.buffer, src.byteOffset + start, end - start).toString('latin1');
}

/** Finds ` [ddd]`, the CPU column, in src[start, end); -1 when the line has none. */
function findCpuBracket(src: Uint8Array, start: number, end: number): number {
	let from = start;
	for (;;) {
		let open = from;
		while (open < end && src[open] !== 91 /* [ */) open++;
		if (open >= end) return -1;
		let i = open + 1;
		while (i < end && isDigit(src[i]!)) i++;
		const before = open > start ? src[open - 1]! : 0;
		if (i > open + 1 && i < end && src[i]! === 93 /* ] */ && (isSpace(before) || before === 41 /* ) */)) return open;
		from = open + 1;
	}
}

/** Value of the decimal digits in line[from, to) (at most 9 digits, so it stays an int). */
function digitsValue(line: Uint8Array, from: number, to: number): number {
	let value = 0;
	for (let i = from; i < to; i++) value = value * 10 + line[i]! - 48;
	return value;
}

/**
 * Splits line[0, end) (everything before the CPU column) into comm, pid and tgid, and a
 * multi-file prefix when `knownPrefixes` or the comm length says there is one. Indexes
 * into the line instead of slicing: this runs once per event.
 */
function parseHead(line: Uint8Array, start: number, headEnd: number, out: LineFields, knownPrefixes: Set<string>): boolean {
	let end = headEnd;
	while (end > start && isSpace(line[end - 1]!)) end--;
	out.tgid = -1;
	if (end > start && line[end - 1]! === 41 /* ) */) {
		let open = end - 2;
		while (open >= start && line[open]! !== 40 /* ( */) open--;
		if (open < start) return false;
		let i = open + 1;
		let j = end - 1;
		while (i < j && isSpace(line[i]!)) i++;
		while (j > i && isSpace(line[j - 1]!)) j--;
		let digits = i;
		while (digits < j && isDigit(line[digits]!)) digits++;
		if (digits === j && j > i && j - i <= 9) {
			out.tgid = digitsValue(line, i, j);
		} else {
			for (let k = i; k < j; k++) if (line[k]! !== 45 /* - */) return false;
			if (j === i) return false;
		}
		end = open;
		while (end > start && isSpace(line[end - 1]!)) end--;
	}
	let digitsStart = end;
	while (digitsStart > start && isDigit(line[digitsStart - 1]!)) digitsStart--;
	if (digitsStart === end || digitsStart === start || end - digitsStart > 9 || line[digitsStart - 1]! !== 45 /* - */) return false;
	out.pid = digitsValue(line, digitsStart, end);
	let commStart = start;
	const commEnd = digitsStart - 1;
	while (commStart < commEnd && isSpace(line[commStart]!)) commStart++;
	out.prefix = '';
	out.prefixCandidate = false;
	if (commEnd - commStart > 2) {
		// The first `: ` inside the comm; one at its very start is no prefix.
		let colon = commStart;
		while (colon < commEnd - 1 && !(line[colon]! === 58 && line[colon + 1]! === 32)) colon++;
		if (colon > commStart && colon < commEnd - 1) {
			out.prefixCandidate = true;
			const prefix = latin1(line, commStart, colon);
			if (knownPrefixes.has(prefix) || commEnd - commStart > COMM_MAX) {
				knownPrefixes.add(prefix);
				out.prefix = prefix;
				commStart = colon + 2;
				while (commStart < commEnd && isTrimSpace(line[commStart]!)) commStart++;
			}
		}
	}
	out.commStart = commStart;
	out.commEnd = commEnd;
	return true;
}

/**
 * Tokenizes one line, src[start, end) without its newline, into `out` and returns it. The
 * source is a whole chunk of the file: nothing is sliced per line.
 */
export function parseLine(src: Uint8Array, start: number, lineEnd: number, out: LineFields, knownPrefixes: Set<string>): LineFields {
	out.kind = LineKind.Skip;
	const n = lineEnd;
	let first = start;
	while (first < n && isSpace(src[first]!)) first++;
	if (first === n) return out;
	const c0 = src[first]!;
	if (c0 === 35 /* # */) return out;
	if (startsWith(src, first, n, 'cpus=')) {
		const count = Number(latin1(src, first + 5, n).trim());
		if (!Number.isInteger(count) || count < 0) return bad(out, 'unreadable cpus= header');
		out.kind = LineKind.Cpus;
		out.count = count;
		return out;
	}
	if (startsWith(src, first, n, 'Version = ')) return out;

	const bracket = findCpuBracket(src, start, n);
	if (bracket < 0) {
		const line = latin1(src, start, n);
		const lost = LOST_RE.exec(line);
		if (lost) {
			out.kind = LineKind.Lost;
			out.cpu = Number(lost[1]);
			out.count = lost[2] ? Number(lost[2]) : lost[3] ? Number(lost[3]) : -1;
			return out;
		}
		if (line.includes('buffer started')) return out;
		return bad(out, 'not an event line (no [CPU] column)');
	}
	if (!parseHead(src, start, bracket, out, knownPrefixes)) return bad(out, 'no TASK-PID before the [CPU] column');
	return parseTail(src, bracket, n, out);
}

/**
 * The rest of an event line from its CPU column at `bracket` (a valid one, as findCpuBracket
 * gives): CPU, flags, then parseStamp. With `names`, a name kept there is matched in place
 * and its id set in out.nameId.
 */
function parseTail(src: Uint8Array, bracket: number, n: number, out: LineFields, names?: NameCache): LineFields {
	out.cpuAt = bracket;
	let close = bracket + 1;
	while (src[close] !== 93 /* ] */) close++; // findCpuBracket saw it
	if (close - bracket - 1 > 9) return bad(out, 'unreadable [CPU] column');
	out.cpu = digitsValue(src, bracket + 1, close);

	let i = close + 1;
	while (i < n && isSpace(src[i]!)) i++;
	if (i < n && !isDigit(src[i]!)) {
		// irq-info flags such as `d..2` or `dNh1.`
		const flagsStart = i;
		while (i < n && !isSpace(src[i]!)) i++;
		if (i - flagsStart > 8) return bad(out, 'unreadable irq-info flags');
		while (i < n && isSpace(src[i]!)) i++;
	}
	return parseStamp(src, i, n, out, names);
}

/**
 * The rest of an event line from `tsStart`, where its timestamp's digits start: timestamp,
 * event name and text. For a line whose head, CPU and flags are known already
 * (formats/text/head-cache.ts) or just parsed (parseTail).
 */
export function parseStamp(src: Uint8Array, tsStart: number, n: number, out: LineFields, names?: NameCache): LineFields {
	let i = tsStart;
	// Four digits at a time from one 32-bit read (a line's timestamp is 10-20 digits): one
	// chain of double multiply-adds a digit was the tokenizer's costliest loop.
	let value = 0;
	const view = wordView.of(src);
	while (n - i >= 4) {
		const word = view.getInt32(i, true);
		// Every byte 0x30-0x39: its high nibble 3, and still 3 with 6 added.
		if (((word & 0xf0f0f0f0) | (((word + 0x06060606) & 0xf0f0f0f0) >>> 4)) !== 0x33333333) break;
		const digits = word - 0x30303030;
		// The first and third digit times ten plus the second and fourth, in two 16-bit halves.
		const pairs = Math.imul(digits & 0x00ff00ff, 10) + ((digits >>> 8) & 0x00ff00ff);
		value = value * 10000 + (pairs & 0xffff) * 100 + (pairs >>> 16);
		i += 4;
	}
	for (; i < n; i++) {
		const digit = src[i]! - 48;
		if (digit < 0 || digit > 9) break;
		value = value * 10 + digit;
	}
	if (i === tsStart) return bad(out, 'no timestamp after the [CPU] column');
	out.tsValue = i - tsStart <= 15 ? value : -1;
	out.decimal = false;
	if (i < n && src[i]! === 46 /* . */) {
		out.decimal = true;
		out.tsValue = -1;
		i++;
		while (i < n && isDigit(src[i]!)) i++;
	}
	out.tsStart = tsStart;
	out.tsEnd = i;
	if (i >= n || src[i]! !== 58 /* : */) return bad(out, 'no colon after the timestamp');
	i++;
	while (i < n && isSpace(src[i]!)) i++;
	const nameStart = i;
	const known = names === undefined ? -1 : names.match(src, i, n);
	if (known >= 0) {
		out.nameId = names!.id(known);
		out.nameStart = nameStart;
		out.nameEnd = nameStart + names!.length(known);
		return textOf(src, out.nameEnd + 1, n, out);
	}
	out.nameId = -1;
	// The name's hash as RangeIds takes it, made on the way: no second pass over its bytes.
	let hash = 0;
	for (; i < n; i++) {
		const c = src[i]!;
		if (NAME_CHAR[c] === 0) break;
		hash = (Math.imul(hash, 31) + c) | 0;
	}
	out.nameHash = hash;
	if (i > nameStart && i < n && src[i]! === 58 /* : */) {
		out.nameStart = nameStart;
		out.nameEnd = i;
		i++;
	} else {
		// The function tracer prints `func <-parent` with no event name.
		if (i === nameStart) return bad(out, 'no event name after the timestamp');
		out.nameStart = out.nameEnd = nameStart;
		i = nameStart;
	}
	return textOf(src, i, n, out);
}

/** The event text from `i` on, spaces around it trimmed; the line is an event line. */
function textOf(src: Uint8Array, from: number, n: number, out: LineFields): LineFields {
	let i = from;
	while (i < n && isSpace(src[i]!)) i++;
	let end = n;
	while (end > i && (isSpace(src[end - 1]!) || src[end - 1]! === 13)) end--;
	out.textStart = i;
	out.textEnd = end;
	out.kind = LineKind.Event;
	return out;
}
