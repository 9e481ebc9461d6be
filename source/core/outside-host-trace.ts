// Which converted guest events land outside the host trace's time span. Nothing in the host
// trace confirms their offset (a write before the trace began or after it ended is unseen),
// and when every event lands outside, the two files are most likely not one capture.

import type {Alignment} from './align.js';
import {Status} from './assign.js';
import {wordsAtMost} from '../model/u64-sort.js';
import {wordsOf} from '../model/u64-words.js';

export interface HostSpan {
	/** The host trace's smallest and largest TSC. */
	first: bigint;
	last: bigint;
}

export function hostSpan(alignment: Alignment): HostSpan | undefined {
	const {tsc, count} = alignment.host;
	if (count === 0) return undefined;
	// Text traces are in time order only per CPU, so the ends are found, not assumed.
	const words = wordsOf(tsc);
	if (!words) return {first: tsc.reduce((a, b) => (b < a ? b : a)), last: tsc.reduce((a, b) => (b > a ? b : a))};
	let first = 0;
	let last = 0;
	for (let i = 1; i < count; i++) {
		if (!wordsAtMost(words, first, words, i)) first = i;
		else if (!wordsAtMost(words, i, words, last)) last = i;
	}
	return {first: tsc[first]!, last: tsc[last]!};
}

export interface OutsideSpan {
	before: number;
	after: number;
}

/** Counts the converted (exact or ambiguous) guest events among `events` outside `span`. */
export function outsideSpan(alignment: Alignment, span: HostSpan | undefined, events: Uint32Array): OutsideSpan {
	const counts = {before: 0, after: 0};
	if (!span) return counts;
	const {status, hostTsc} = alignment.results;
	// Compared as 32-bit words: reading a BigUint64Array element allocates a BigInt.
	const words = wordsOf(hostTsc);
	const firstHi = Number(span.first >> 32n);
	const firstLo = Number(span.first & 0xffffffffn);
	const lastHi = Number(span.last >> 32n);
	const lastLo = Number(span.last & 0xffffffffn);
	for (const j of events) {
		if (status[j] === Status.Unresolved) continue;
		if (words) {
			const hi = words[2 * j + 1]!;
			const lo = words[2 * j]!;
			if (hi < firstHi || (hi === firstHi && lo < firstLo)) counts.before++;
			else if (hi > lastHi || (hi === lastHi && lo > lastLo)) counts.after++;
		} else {
			const t = hostTsc[j]!;
			if (t < span.first) counts.before++;
			else if (t > span.last) counts.after++;
		}
	}
	return counts;
}
