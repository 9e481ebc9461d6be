// Run windows of a vCPU: kvm_entry to the next kvm_exit of its thread. Guest code runs only
// inside them, so a guest event's host TSC must fall strictly inside one.

import {Column} from '../model/columns.js';
import {lowerBoundBig} from '../model/bounds.js';
import {KvmKind, type Trace} from '../model/trace.js';
import {PidSlots} from './pid-slots.js';
import {gather, lessAt, NO_INDEX, wordsOf} from '../model/u64-words.js';

export interface RunWindows {
	count: number;
	/** Sorted, non-overlapping [start, end] pairs. */
	start: BigUint64Array;
	end: BigUint64Array;
	/** The first window was open when the trace began: it extends to -infinity. */
	openStart: boolean;
	/** The last window was still open when the trace ended: it extends to +infinity. */
	openEnd: boolean;
}

interface Span {
	start: bigint;
	end: bigint;
	openStart: boolean;
	openEnd: boolean;
}

/** Windows of each of `pids`, in one pass over the kvm records (each thread in its own order). */
function threadSpans(host: Trace, pids: readonly number[]): Span[] {
	const spans: Span[] = [];
	const state = new Map<number, {open: bigint | undefined; seen: boolean}>(pids.map((pid) => [pid, {open: undefined, seen: false}]));
	const {kvm} = host;
	for (let k = 0; k < kvm.count; k++) {
		const index = kvm.index[k]!;
		const thread = state.get(host.pid[index]!);
		if (!thread) continue;
		const tsc = host.tsc[index]!;
		if (kvm.kind[k] === KvmKind.Entry) {
			// Two entries in a row mean an exit was lost: the window runs from the first.
			thread.open ??= tsc;
		} else if (thread.open !== undefined) {
			spans.push({start: thread.open, end: tsc, openStart: false, openEnd: false});
			thread.open = undefined;
		} else if (!thread.seen) {
			spans.push({start: 0n, end: tsc, openStart: true, openEnd: false});
		}
		thread.seen = true;
	}
	for (const thread of state.values()) {
		if (thread.open !== undefined) spans.push({start: thread.open, end: 0n, openStart: false, openEnd: true});
	}
	return spans;
}

/**
 * One thread's windows straight into typed arrays: the usual case (one thread per vCPU, a
 * host file in time order) needs no span objects, sort or merge. Works on event indexes and
 * compares TSCs by words, so no BigInt is made per record. finish() gives undefined when
 * the thread's records are not in time order.
 */
class ThreadWindows {
	// Event indexes of each window's ends; NO_INDEX for an end beyond the trace (TSC 0).
	readonly #start = new Column(Uint32Array, 64);
	readonly #end = new Column(Uint32Array, 64);
	#openStart = false;
	#open = -1;
	#seen = false;
	#last = -1;
	#ordered = true;

	/** The thread's next kvm record: event `index`, an entry or an exit. */
	add(index: number, entry: boolean, less: (i: number, j: number) => boolean): void {
		if (!this.#ordered) return;
		if (this.#last >= 0 && less(index, this.#last)) {
			this.#ordered = false;
			return;
		}
		this.#last = index;
		if (entry) {
			if (this.#open < 0) this.#open = index;
		} else if (this.#open >= 0) {
			this.#start.push(this.#open);
			this.#end.push(index);
			this.#open = -1;
		} else if (!this.#seen) {
			this.#start.push(NO_INDEX);
			this.#end.push(index);
			this.#openStart = true;
		}
		this.#seen = true;
	}

	finish(host: Trace): RunWindows | undefined {
		if (!this.#ordered) return undefined;
		const openEnd = this.#open >= 0;
		if (openEnd) {
			this.#start.push(this.#open);
			this.#end.push(NO_INDEX);
		}
		const count = this.#start.length;
		return {count, start: gather(host.tsc, this.#start.array, count), end: gather(host.tsc, this.#end.array, count), openStart: this.#openStart, openEnd};
	}
}

function tscLess(host: Trace): (i: number, j: number) => boolean {
	const words = wordsOf(host.tsc);
	return words ? (i, j) => lessAt(words, i, j) : (i, j) => host.tsc[i]! < host.tsc[j]!;
}

function singleThread(host: Trace, pid: number): RunWindows | undefined {
	const less = tscLess(host);
	const windows = new ThreadWindows();
	const {kvm} = host;
	for (let k = 0; k < kvm.count; k++) {
		const index = kvm.index[k]!;
		if (host.pid[index] === pid) windows.add(index, kvm.kind[k] === KvmKind.Entry, less);
	}
	return windows.finish(host);
}

/**
 * What runWindows(host, [pid]) gives, for every thread with kvm records, from one pass over
 * the records (undefined where runWindows must take its general path).
 */
export function threadWindows(host: Trace): Map<number, RunWindows | undefined> {
	const less = tscLess(host);
	const slots = new PidSlots();
	const threads: ThreadWindows[] = [];
	const {kvm} = host;
	for (let k = 0; k < kvm.count; k++) {
		const index = kvm.index[k]!;
		const slot = slots.add(host.pid[index]!);
		if (slot === threads.length) threads.push(new ThreadWindows());
		threads[slot]!.add(index, kvm.kind[k] === KvmKind.Entry, less);
	}
	return new Map(slots.pids.map((pid, slot) => [pid, threads[slot]!.finish(host)]));
}

/** The union of the windows of every thread that ran the vCPU. */
export function runWindows(host: Trace, pids: readonly number[]): RunWindows {
	const single = pids.length === 1 ? singleThread(host, pids[0]!) : undefined;
	if (single) return single;
	const spans = threadSpans(host, pids);
	const key = (s: Span): bigint => (s.openStart ? -1n : s.start);
	spans.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
	const merged: Span[] = [];
	for (const span of spans) {
		const last = merged.at(-1);
		if (last && (last.openEnd || key(span) <= last.end)) {
			if (span.openEnd) last.openEnd = true;
			else if (!last.openEnd && span.end > last.end) last.end = span.end;
		} else {
			merged.push({...span});
		}
	}
	return {
		count: merged.length,
		start: BigUint64Array.from(merged, (s) => s.start),
		end: BigUint64Array.from(merged, (s) => s.end),
		openStart: merged[0]?.openStart ?? false,
		openEnd: merged.at(-1)?.openEnd ?? false,
	};
}

/** Whether `tsc` lies strictly inside a window. */
export function insideWindow(windows: RunWindows, tsc: bigint): boolean {
	return windowAt(windows, tsc) >= 0;
}

/** Index of the window `tsc` lies strictly inside, or -1. */
export function windowAt(windows: RunWindows, tsc: bigint): number {
	const {count, start, end} = windows;
	// Last window whose start is below tsc (an open first window starts before everything).
	const w = lowerBoundBig(start, tsc, windows.openStart && count > 0 ? 1 : 0, count) - 1;
	if (w < 0) return -1;
	return (w === count - 1 && windows.openEnd) || tsc < end[w]! ? w : -1;
}
