// The keyboard as Ink reads it, with every escape sequence the viewer has no key for taken
// out whole. Ink 6.8 passes a sequence it cannot name on as its text, so Shift-F1
// (`ESC [1;2P`) or a terminal's reply (`ESC [?1;2c`) became the keys `[ 1 ; 2 P`, each a
// command (`[` jumps, `?` opens help); and it throws on a Ctrl-modified one it cannot name
// (Ctrl-F1 is `ESC [1;5P`), which ended the viewer.

const ESC = '\x1b';

/** Arrows, Home/End, Shift-Tab, Insert/Delete, PgUp/PgDn (any modifiers), and SGR mouse reports (the wheel). */
const KEPT = /^\x1b(?:\[(?:(?:1;\d+)?[A-DHFZ]|[1-8](?:;\d+)?~|<\d+;\d+;\d+[Mm])|O\d*[A-DHF])$/;

const between = (ch: string | undefined, low: number, high: number): boolean => ch !== undefined && ch.charCodeAt(0) >= low && ch.charCodeAt(0) <= high;

/**
 * The end of the CSI or SS3 sequence whose introducer (`[` or `O`) is at `at`: the index after
 * it, 'pending' when `text` ends inside it, undefined when it is none (ESC then a key: Alt).
 */
function sequenceEnd(text: string, at: number): number | 'pending' | undefined {
	let i = at + 1;
	if (text[at] === 'O') {
		while (between(text[i], 0x30, 0x39)) i++;
		if (i === text.length) return i > at + 1 ? 'pending' : undefined;
		return between(text[i], 0x40, 0x7e) ? i + 1 : undefined;
	}
	// Linux console function keys: `ESC [ [ A`.
	if (text[i] === '[') i++;
	while (between(text[i], 0x30, 0x3f)) i++;
	while (between(text[i], 0x20, 0x2f)) i++;
	if (i === text.length) return 'pending';
	if (!between(text[i], 0x40, 0x7e)) return undefined;
	// An old-style (X10) mouse report: `ESC [ M` and three bytes of button and position.
	if (text[i] === 'M' && i === at + 1) return i + 4 <= text.length ? i + 4 : 'pending';
	return i + 1;
}

/**
 * `text` without the sequences the viewer has no key for; `held`: the start of a sequence cut
 * at the end of `text`, to put before the next read. A lone ESC (the Esc key, or Alt with a
 * key) is kept: Ink waits for what follows it itself.
 */
export function filterKeys(text: string): {keys: string; held: string} {
	let keys = '';
	let from = 0;
	let i = text.indexOf(ESC);
	while (i !== -1) {
		// ESC ESC [ ...: Alt with a special key; the Alt goes with the sequence.
		const start = text[i + 1] === ESC && (text[i + 2] === '[' || text[i + 2] === 'O') ? i + 1 : i;
		const introducer = start + 1;
		const end = text[introducer] === '[' || text[introducer] === 'O' ? sequenceEnd(text, introducer) : undefined;
		if (end === 'pending') return {keys: keys + text.slice(from, i), held: text.slice(i)};
		if (end === undefined) {
			i = text.indexOf(ESC, i + 1);
			continue;
		}
		keys += text.slice(from, i);
		if (KEPT.test(text.slice(start, end))) keys += text.slice(i, end);
		from = end;
		i = text.indexOf(ESC, end);
	}
	return {keys: keys + text.slice(from), held: ''};
}

/** `stdin` as Ink should read it: the same stream (raw mode, events, TTY), its reads filtered. */
export function filteredKeyboard(stdin: NodeJS.ReadStream): NodeJS.ReadStream {
	let held = '';
	const read = (...args: unknown[]): unknown => {
		const chunk: unknown = (stdin.read as (...a: unknown[]) => unknown)(...args);
		if (chunk === null) return null;
		const filtered = filterKeys(held + String(chunk));
		held = filtered.held;
		return filtered.keys;
	};
	return new Proxy(stdin, {
		get(target, key) {
			if (key === 'read') return read;
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
