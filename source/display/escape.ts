// Trace text is guest-controlled: a task name or event text may hold terminal escape
// sequences. Everything shown on a terminal goes through here first.

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** C0, DEL and C1 controls as `\xNN`, so no byte of trace text can drive the terminal. */
export function escapeControl(text: string): string {
	// Nearly all trace text has none. A test is cheaper than a replace that finds nothing, and
	// the regex engine's native scan beats a charCodeAt loop while that loop is still cold (a
	// merge of 100k events: about 10 ms).
	if (!HAS_CONTROL.test(text)) return text;
	return text.replace(CONTROL, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const JSON_C1 = /[\u007f-\u009f\u2028\u2029]/g;

/** JSON.stringify leaves DEL and C1 controls raw; a terminal showing the JSON could act on them. */
export function safeJson(value: unknown): string {
	return JSON.stringify(value).replace(JSON_C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A JSON string literal, terminal-safe; plain printable ASCII (nearly all trace text) skips JSON.stringify. */
export function jsonString(text: string): string {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x20 || c > 0x7e || c === 34 || c === 92) return safeJson(text);
	}
	return `"${text}"`;
}
