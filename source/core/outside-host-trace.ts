// Which converted guest events land outside the host trace's time span. Nothing in the host
// trace confirms their offset (a write before the trace began or after it ended is unseen),
// and when every event lands outside, the two files are most likely not one capture.

import type {Alignment, VcpuReport} from './align.js';
import {Reason, Status} from './assign.js';
import {guestToHost} from '../model/u64.js';
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
	/** Cycles between the host trace's first event and the earliest event before it (0n when none). */
	furthestBefore: bigint;
	/** Cycles between the host trace's last event and the latest event after it (0n when none). */
	furthestAfter: bigint;
}

/** Counts the converted (exact or ambiguous) guest events among `events` outside `span`. */
export function outsideSpan(alignment: Alignment, span: HostSpan | undefined, events: Uint32Array): OutsideSpan {
	const counts = {before: 0, after: 0, furthestBefore: 0n, furthestAfter: 0n};
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
			if (hi < firstHi || (hi === firstHi && lo < firstLo)) note(counts, span, hostTsc[j]!);
			else if (hi > lastHi || (hi === lastHi && lo > lastLo)) note(counts, span, hostTsc[j]!);
		} else note(counts, span, hostTsc[j]!);
	}
	return counts;
}

/** Counts `t` when it lies outside `span`, keeping the furthest distance on each side. */
function note(counts: OutsideSpan, span: HostSpan, t: bigint): void {
	if (t < span.first) {
		counts.before++;
		if (span.first - t > counts.furthestBefore) counts.furthestBefore = span.first - t;
	} else if (t > span.last) {
		counts.after++;
		if (t - span.last > counts.furthestAfter) counts.furthestAfter = t - span.last;
	}
}

/**
 * Unresolved events of a vCPU that no run window holds, and that every epoch able to hold
 * them (its offset puts the event inside the epoch's own time range) puts before the host trace
 * began, or after it ended: a benign reason, as when the guest started tracing first. With
 * `written`, only epochs started by a traced write count: the scaled-guest hint.
 */
export function unresolvedOutsideSpan(alignment: Alignment, span: HostSpan | undefined, v: VcpuReport, written = false): OutsideSpan {
	const counts = {before: 0, after: 0, furthestBefore: 0n, furthestAfter: 0n};
	const epochs = written ? v.epochs.filter((e) => e.source === 'write' && e.writeIndex >= 0) : v.epochs;
	// Only events left outside the windows count; most vCPUs have none (summarise counted them).
	if (!span || epochs.length === 0 || v.unresolvedBy.outsideWindows === 0) return counts;
	const {results, guest, scaling} = alignment;
	for (const j of v.events) {
		if (results.status[j] !== Status.Unresolved || results.reason[j] !== Reason.OutsideWindows) continue;
		let low: bigint | undefined;
		let high: bigint | undefined;
		for (const e of epochs) {
			const t = guestToHost(guest.tsc[j]!, e.offset, scaling);
			// Past 2^64 under a scaled clock: that epoch cannot hold the event.
			if (t === undefined) continue;
			if ((e.start !== undefined && t < e.start) || (e.end !== undefined && t >= e.end)) continue;
			if (low === undefined || t < low) low = t;
			if (high === undefined || t > high) high = t;
		}
		if (high === undefined || low === undefined) continue;
		if (high < span.first) note(counts, span, high);
		else if (low > span.last) note(counts, span, low);
	}
	return counts;
}
