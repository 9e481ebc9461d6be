// What a terminal too small for the viewer shows: what it needs and how to quit, in the words
// that fit. Cut to one line, `terminal too small: need 40x8 (q quits)` lost its second half at
// 20 columns and said only `terminal t` at 10.

import {wrapWords} from '../display/wrap.js';
import {MIN_COLUMNS, MIN_ROWS} from './layout.js';

const NEED = `${MIN_COLUMNS}x${MIN_ROWS}`;
/** Longest first; the first whose words fit the terminal is shown. */
const NOTES = [`terminal too small: need ${NEED} (q quits)`, `too small: need ${NEED}, q quits`, `need ${NEED}, q quits`];

export function tooSmallLines(columns: number, rows: number): string[] {
	const height = Math.max(1, rows);
	for (const note of NOTES) {
		const lines = wrapWords(note, columns);
		if (lines.length <= height) return lines;
	}
	return wrapWords(NOTES.at(-1)!, columns).slice(0, height);
}
