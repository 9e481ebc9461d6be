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

/** Finds ` [ddd]`, the CPU column; -1 when the line has none. */
function findCpuBracket(line: string): number {
	let from = 0;
	for (;;) {
		const open = line.indexOf('[', from);
		if (open < 0) return -1;
		let i = open + 1;
		while (i < line.length && isDigit(line.charCodeAt(i))) i++;
		const before = open > 0 ? line.charCodeAt(open - 1) : 0;
		if (i > open + 1 && line.charCodeAt(i) === 93 /* ] */ && (isSpace(before) || before === 41 /* ) */)) return open;
		from = open + 1;
	}
}

/**
 * Splits `head` (everything before the CPU column) into comm, pid and tgid, and a
 * multi-file prefix when `knownPrefixes` or the comm length says there is one.
 */
function parseHead(head: string, out: LineFields, knownPrefixes: Set<string>): boolean {
	let end = head.length;
	while (end > 0 && isSpace(head.charCodeAt(end - 1))) end--;
	out.tgid = -1;
	if (end > 0 && head.charCodeAt(end - 1) === 41 /* ) */) {
		const open = head.lastIndexOf('(', end - 1);
		if (open < 0) return false;
		const inner = head.slice(open + 1, end - 1).trim();
		if (/^\d+$/.test(inner)) out.tgid = Number(inner);
		else if (!/^-+$/.test(inner)) return false;
		end = open;
		while (end > 0 && isSpace(head.charCodeAt(end - 1))) end--;
	}
	let digitsStart = end;
	while (digitsStart > 0 && isDigit(head.charCodeAt(digitsStart - 1))) digitsStart--;
	if (digitsStart === end || digitsStart === 0 || head.charCodeAt(digitsStart - 1) !== 45 /* - */) return false;
	out.pid = Number(head.slice(digitsStart, end));
	let commStart = 0;
	const commEnd = digitsStart - 1;
	while (commStart < commEnd && isSpace(head.charCodeAt(commStart))) commStart++;
	out.prefix = '';
	let comm = head.slice(commStart, commEnd);
	const colon = comm.indexOf(': ');
	if (colon > 0) {
		const prefix = comm.slice(0, colon);
		const rest = comm.slice(colon + 2).trimStart();
		if (knownPrefixes.has(prefix) || comm.length > COMM_MAX) {
			knownPrefixes.add(prefix);
			out.prefix = prefix;
			comm = rest;
		}
	}
	out.comm = comm;
	return true;
}

/** Tokenizes one line (without its newline) into `out` and returns it. */
export function parseLine(line: string, out: LineFields, knownPrefixes: Set<string>): LineFields {
	out.kind = LineKind.Skip;
	let first = 0;
	while (first < line.length && isSpace(line.charCodeAt(first))) first++;
	if (first === line.length) return out;
	const c0 = line.charCodeAt(first);
	if (c0 === 35 /* # */) return out;
	if (line.startsWith('cpus=', first)) {
		const n = Number(line.slice(first + 5).trim());
		if (!Number.isInteger(n) || n < 0) return bad(out, 'unreadable cpus= header');
		out.kind = LineKind.Cpus;
		out.count = n;
		return out;
	}
	if (line.startsWith('Version = ', first)) return out;

	const bracket = findCpuBracket(line);
	if (bracket < 0) {
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
	if (!parseHead(line.slice(0, bracket), out, knownPrefixes)) return bad(out, 'no TASK-PID before the [CPU] column');
	const close = line.indexOf(']', bracket);
	out.cpu = Number(line.slice(bracket + 1, close));

	let i = close + 1;
	const n = line.length;
	while (i < n && isSpace(line.charCodeAt(i))) i++;
	if (i < n && !isDigit(line.charCodeAt(i))) {
		// irq-info flags such as `d..2` or `dNh1.`
		const flagsStart = i;
		while (i < n && !isSpace(line.charCodeAt(i))) i++;
		if (i - flagsStart > 8) return bad(out, 'unreadable irq-info flags');
		while (i < n && isSpace(line.charCodeAt(i))) i++;
	}
	const tsStart = i;
	while (i < n && isDigit(line.charCodeAt(i))) i++;
	if (i === tsStart) return bad(out, 'no timestamp after the [CPU] column');
	out.decimal = false;
	if (line.charCodeAt(i) === 46 /* . */) {
		out.decimal = true;
		i++;
		while (i < n && isDigit(line.charCodeAt(i))) i++;
	}
	out.ts = line.slice(tsStart, i);
	if (line.charCodeAt(i) !== 58 /* : */) return bad(out, 'no colon after the timestamp');
	i++;
	while (i < n && isSpace(line.charCodeAt(i))) i++;
	const nameStart = i;
	while (i < n && isNameChar(line.charCodeAt(i))) i++;
	if (i > nameStart && line.charCodeAt(i) === 58 /* : */) {
		out.name = line.slice(nameStart, i);
		i++;
	} else {
		// The function tracer prints `func <-parent` with no event name.
		out.name = i > nameStart ? 'function' : '';
		i = nameStart;
		if (out.name === '') return bad(out, 'no event name after the timestamp');
	}
	while (i < n && isSpace(line.charCodeAt(i))) i++;
	let end = n;
	while (end > i && (isSpace(line.charCodeAt(end - 1)) || line.charCodeAt(end - 1) === 13)) end--;
	out.textStart = i;
	out.textEnd = end;
	out.kind = LineKind.Event;
	return out;
}
