// Trace text is guest-controlled: a task name or event text may hold terminal escape
// sequences. Everything shown on a terminal goes through here first.

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** C0, DEL and C1 controls as `\xNN`, so no byte of trace text can drive the terminal. */
export function escapeControl(text: string): string {
	// Nearly all trace text has none: a scan is cheaper than a replace that finds nothing
	// (a search through millions of rows escapes every one of them).
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
			return text.replace(CONTROL, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
		}
	}
	return text;
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
