// Trace text is guest-controlled: a task name or event text may hold terminal escape
// sequences, or Unicode controls that reorder or hide what is shown. Every string that came
// from a trace file goes through here before it reaches a terminal (stdout, stderr, the viewer).

/**
 * What a terminal must never get raw: C0, DEL and C1 controls, and the invisible characters
 * that reorder or hide text: bidi embeddings, overrides, isolates and marks (U+061C,
 * U+200E-F, U+202A-E, U+2066-9), zero-width characters (U+200B-D, U+2060-4, U+FEFF, U+180E)
 * and the soft hyphen.
 */
const UNSAFE = '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';
const CONTROL = new RegExp(`[${UNSAFE}]`, 'g');
const HAS_CONTROL = new RegExp(`[${UNSAFE}]`);

function escapeOne(ch: string): string {
	const code = ch.charCodeAt(0);
	return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Controls as `\xNN`, invisible Unicode as `\uNNNN`, so no byte of trace text can drive or fool the terminal. */
export function escapeControl(text: string): string {
	// Nearly all trace text has none. A test is cheaper than a replace that finds nothing, and
	// the regex engine's native scan beats a charCodeAt loop while that loop is still cold (a
	// merge of 100k events: about 10 ms).
	if (!HAS_CONTROL.test(text)) return text;
	return text.replace(CONTROL, escapeOne);
}

const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029${UNSAFE.slice(UNSAFE.indexOf('\\u00ad'))}]`, 'g');

/** JSON.stringify leaves DEL, C1 and invisible Unicode raw; a terminal showing the JSON could act on them. */
export function safeJson(value: unknown): string {
	return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A JSON string literal, terminal-safe; plain printable ASCII (nearly all trace text) skips JSON.stringify. */
export function jsonString(text: string): string {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x20 || c > 0x7e || c === 34 || c === 92) return safeJson(text);
	}
	return `"${text}"`;
}
