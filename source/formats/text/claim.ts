// Whether bytes are trace text: the text format's sniff, also asked of gunzipped bytes.

import {findBinaryByte, isGzip} from '../sniff.js';
import {LineKind, newLineFields, parseLine} from './line.js';

/**
 * What the first bytes of a file (or of a pipe, or of gunzipped text) say. Decided by
 * content, as a person would: a start that holds trace text is text, even when a NUL block
 * follows (what a file system leaves after a crash); those lines are counted as malformed
 * later. Only a start with no trace text at all and binary bytes is not text.
 */
export function textClaim(head: Buffer): 'content' | 'fallback' | undefined {
	if (isGzip(head) || holdsTraceText(head)) return 'content';
	return findBinaryByte(head) < 0 ? 'fallback' : undefined;
}

/** Whether a line of the sample is trace text: an event, a `#` header, `cpus=`, a lost-events line. */
function holdsTraceText(bytes: Buffer): boolean {
	const fields = newLineFields();
	const prefixes = new Set<string>();
	let start = 0;
	while (start < bytes.length) {
		let end = bytes.indexOf(10, start);
		if (end < 0) end = bytes.length;
		const line = bytes.subarray(start, end);
		if (line.indexOf(0) < 0) {
			const kind = parseLine(line, 0, line.length, fields, prefixes).kind;
			if (kind === LineKind.Event || kind === LineKind.Cpus || kind === LineKind.Lost) return true;
			const first = line.findIndex((b) => b !== 32 && b !== 9);
			if (first >= 0 && line[first] === 35 /* # */) return true;
		}
		start = end + 1;
	}
	return false;
}
