// What a terminal too small for the viewer shows: what it needs and how to quit, in the words
// that fit. Cut to one line, `terminal too small: need 40x8 (q quits)` lost its second half at
// 20 columns and said only `terminal t` at 10.

import {MIN_COLUMNS, MIN_ROWS} from './layout.js';

const NEED = `${MIN_COLUMNS}x${MIN_ROWS}`;
/** Longest first; the first whose words fit the terminal is shown. */
const NOTES = [`terminal too small: need ${NEED} (q quits)`, `too small: need ${NEED}, q quits`, `need ${NEED}, q quits`];

/** `text` in lines of at most `columns`, broken between words (a longer word is cut). */
function wrapWords(text: string, columns: number): string[] {
	const lines: string[] = [];
	for (const word of text.split(' ')) {
		const last = lines.length - 1;
		if (last >= 0 && lines[last]!.length + 1 + word.length <= columns) lines[last] += ` ${word}`;
		else lines.push(word.slice(0, columns));
	}
	return lines;
}

export function tooSmallLines(columns: number, rows: number): string[] {
	const width = Math.max(1, columns);
	const height = Math.max(1, rows);
	for (const note of NOTES) {
		const lines = wrapWords(note, width);
		if (lines.length <= height) return lines;
	}
	return wrapWords(NOTES.at(-1)!, width).slice(0, height);
}
