// Tokenizer for one line of ftrace `trace` text or `trace-cmd report` text (DOMAIN.md §4).
// Works on a latin1-decoded line, so string indexes are byte offsets into the file.

export const enum LineKind {
	Skip,
	Event,
	Lost,
	Cpus,
	Bad,
}

/** Reused for every line: the tokenizer allocates no object per line. */
export interface LineFields {
	kind: LineKind;
	comm: string;
	pid: number;
	/** -1 when the line has no tgid column or it reads `(-------)`. */
	tgid: number;
	cpu: number;
	/** The timestamp's digits (with a `.` for a nanosecond clock). */
	ts: string;
	decimal: boolean;
	name: string;
	textStart: number;
	textEnd: number;
	/** Lost: events lost (-1 unknown). Cpus: the CPU count. */
	count: number;
	reason: string;
	/** A multi-file report's `name: ` prefix, or '' when none. */
	prefix: string;
}

export function newLineFields(): LineFields {
	return {
		kind: LineKind.Skip,
		comm: '',
		pid: 0,
		tgid: -1,
		cpu: 0,
		ts: '',
		decimal: false,
		name: '',
		textStart: 0,
		textEnd: 0,
		count: 0,
		reason: '',
		prefix: '',
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

function isNameChar(code: number): boolean {
	return (
		(code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(code) || code === 95 || code === 46 || code === 45
	);
}

function bad(out: LineFields, reason: string): LineFields {
	out.kind = LineKind.Bad;
	out.reason = reason;
	return out;
}

/** Finds ` [ddd]`, the CPU column, in src[start, end); -1 when the line has none. */
function findCpuBracket(src: string, start: number, end: number): number {
	let from = start;
	for (;;) {
		const open = src.indexOf('[', from);
		if (open < 0 || open >= end) return -1;
		let i = open + 1;
		while (i < end && isDigit(src.charCodeAt(i))) i++;
		const before = open > start ? src.charCodeAt(open - 1) : 0;
		if (i > open + 1 && i < end && src.charCodeAt(i) === 93 /* ] */ && (isSpace(before) || before === 41 /* ) */)) return open;
		from = open + 1;
	}
}

/** Value of the decimal digits in line[from, to) (at most 9 digits, so it stays an int). */
function digitsValue(line: string, from: number, to: number): number {
	let value = 0;
	for (let i = from; i < to; i++) value = value * 10 + line.charCodeAt(i) - 48;
	return value;
}

/**
 * Splits line[0, end) (everything before the CPU column) into comm, pid and tgid, and a
 * multi-file prefix when `knownPrefixes` or the comm length says there is one. Indexes
 * into the line instead of slicing: this runs once per event.
 */
function parseHead(line: string, start: number, headEnd: number, out: LineFields, knownPrefixes: Set<string>): boolean {
	let end = headEnd;
	while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
	out.tgid = -1;
	if (end > start && line.charCodeAt(end - 1) === 41 /* ) */) {
		const open = line.lastIndexOf('(', end - 1);
		if (open < start) return false;
		let i = open + 1;
		let j = end - 1;
		while (i < j && isSpace(line.charCodeAt(i))) i++;
		while (j > i && isSpace(line.charCodeAt(j - 1))) j--;
		let digits = i;
		while (digits < j && isDigit(line.charCodeAt(digits))) digits++;
		if (digits === j && j > i && j - i <= 9) {
			out.tgid = digitsValue(line, i, j);
		} else {
			for (let k = i; k < j; k++) if (line.charCodeAt(k) !== 45 /* - */) return false;
			if (j === i) return false;
		}
		end = open;
		while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
	}
	let digitsStart = end;
	while (digitsStart > start && isDigit(line.charCodeAt(digitsStart - 1))) digitsStart--;
	if (digitsStart === end || digitsStart === start || end - digitsStart > 9 || line.charCodeAt(digitsStart - 1) !== 45 /* - */) return false;
	out.pid = digitsValue(line, digitsStart, end);
	let commStart = start;
	const commEnd = digitsStart - 1;
	while (commStart < commEnd && isSpace(line.charCodeAt(commStart))) commStart++;
	out.prefix = '';
	let comm = line.slice(commStart, commEnd);
	if (commEnd - commStart > 2) {
		const colon = comm.indexOf(': ');
		if (colon > 0) {
			const prefix = comm.slice(0, colon);
			if (knownPrefixes.has(prefix) || comm.length > COMM_MAX) {
				knownPrefixes.add(prefix);
				out.prefix = prefix;
				comm = comm.slice(colon + 2).trimStart();
			}
		}
	}
	out.comm = comm;
	return true;
}

/**
 * Tokenizes one line, src[start, end) without its newline, into `out` and returns it. The
 * source is a whole decoded chunk: indexing a flat string is faster than slicing each line.
 */
export function parseLine(src: string, start: number, lineEnd: number, out: LineFields, knownPrefixes: Set<string>): LineFields {
	out.kind = LineKind.Skip;
	const n = lineEnd;
	let first = start;
	while (first < n && isSpace(src.charCodeAt(first))) first++;
	if (first === n) return out;
	const c0 = src.charCodeAt(first);
	if (c0 === 35 /* # */) return out;
	if (src.startsWith('cpus=', first)) {
		const count = Number(src.slice(first + 5, n).trim());
		if (!Number.isInteger(count) || count < 0) return bad(out, 'unreadable cpus= header');
		out.kind = LineKind.Cpus;
		out.count = count;
		return out;
	}
	if (src.startsWith('Version = ', first)) return out;

	const bracket = findCpuBracket(src, start, n);
	if (bracket < 0) {
		const line = src.slice(start, n);
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
	const close = src.indexOf(']', bracket);
	if (close - bracket - 1 > 9) return bad(out, 'unreadable [CPU] column');
	out.cpu = digitsValue(src, bracket + 1, close);

	let i = close + 1;
	while (i < n && isSpace(src.charCodeAt(i))) i++;
	if (i < n && !isDigit(src.charCodeAt(i))) {
		// irq-info flags such as `d..2` or `dNh1.`
		const flagsStart = i;
		while (i < n && !isSpace(src.charCodeAt(i))) i++;
		if (i - flagsStart > 8) return bad(out, 'unreadable irq-info flags');
		while (i < n && isSpace(src.charCodeAt(i))) i++;
	}
	const tsStart = i;
	while (i < n && isDigit(src.charCodeAt(i))) i++;
	if (i === tsStart) return bad(out, 'no timestamp after the [CPU] column');
	out.decimal = false;
	if (i < n && src.charCodeAt(i) === 46 /* . */) {
		out.decimal = true;
		i++;
		while (i < n && isDigit(src.charCodeAt(i))) i++;
	}
	out.ts = src.slice(tsStart, i);
	if (i >= n || src.charCodeAt(i) !== 58 /* : */) return bad(out, 'no colon after the timestamp');
	i++;
	while (i < n && isSpace(src.charCodeAt(i))) i++;
	const nameStart = i;
	while (i < n && isNameChar(src.charCodeAt(i))) i++;
	if (i > nameStart && i < n && src.charCodeAt(i) === 58 /* : */) {
		out.name = src.slice(nameStart, i);
		i++;
	} else {
		// The function tracer prints `func <-parent` with no event name.
		out.name = i > nameStart ? 'function' : '';
		i = nameStart;
		if (out.name === '') return bad(out, 'no event name after the timestamp');
	}
	while (i < n && isSpace(src.charCodeAt(i))) i++;
	let end = n;
	while (end > i && (isSpace(src.charCodeAt(end - 1)) || src.charCodeAt(end - 1) === 13)) end--;
	out.textStart = i;
	out.textEnd = end;
	out.kind = LineKind.Event;
	return out;
}
