// Assigns each guest event of one vCPU to an offset epoch (docs/conversion.md; docs/domain.md §3-6).
//
// An event may take epoch e when its converted host TSC lies in e's range and, when the vCPU
// has run windows, strictly inside one. Along the vCPU's record order the epoch never goes
// back and host time never decreases inside an epoch; since epochs are consecutive host-time
// ranges, that is the same as: converted host TSCs never decrease. So a feasible assignment
// is a non-decreasing choice of one candidate per event.
//
// When no choice keeps every event, the largest set of events that can be kept is used (a
// longest non-decreasing chain, one candidate per event), so one impossible event does not
// sink its vCPU. An event's values are those it takes in some largest chain: one value means
// exact, several mean ambiguous, none means unresolved (it breaks the order).

import type {Epoch, OffsetSource} from './epochs.js';
import {relativeCandidates} from './assign-relative.js';
import {onLongestChain} from './chains.js';
import {doubled} from '../model/columns.js';
import {CandidateTable} from './candidates.js';
import {guestToHost, type Scaling} from '../model/u64.js';
import {wordsOf, writeRelative, type Base} from '../model/u64-words.js';
import {insideWindow, type RunWindows} from './windows.js';

export const enum Status {
	Exact = 0,
	Ambiguous = 1,
	Unresolved = 2,
}

export const enum Reason {
	None = 0,
	NoOffset = 1,
	OutsideWindows = 2,
	OutsideEpochs = 3,
	Order = 4,
	NotRecovered = 5,
}

export type {Candidates} from './candidates.js';

/** Results for every guest event, indexed like the guest trace. */
export interface GuestResults {
	hostTsc: BigUint64Array;
	status: Uint8Array;
	/** Epoch index when exact, -1 otherwise. */
	epoch: Int32Array;
	reason: Uint8Array;
	/** vCPU of the event, -1 when its guest CPU maps to none. */
	vcpu: Int32Array;
	/** Every candidate of each ambiguous event. */
	candidates: CandidateTable;
}

export function newGuestResults(count: number): GuestResults {
	return {
		hostTsc: new BigUint64Array(count),
		status: new Uint8Array(count).fill(Status.Unresolved),
		epoch: new Int32Array(count).fill(-1),
		reason: new Uint8Array(count),
		vcpu: new Int32Array(count).fill(-1),
		candidates: new CandidateTable(count),
	};
}

function inEpoch(epoch: Epoch, tsc: bigint): boolean {
	return (epoch.start === undefined || tsc >= epoch.start) && (epoch.end === undefined || tsc < epoch.end);
}

/** Per event, its locally possible (host TSC, epoch) pairs, descending by TSC. */
interface Flat {
	start: Uint32Array;
	/** Order keys of the candidates: exact relative doubles, or the host TSCs themselves. */
	key: Float64Array | BigUint64Array;
	epoch: Int32Array;
	/** Stores candidate k's host TSC as event `index`'s result. */
	store(k: number, index: number): void;
	/** Adds candidate k to the list of the event last opened in out.candidates. */
	push(k: number): void;
	/** Each event has at most one candidate and they never decrease (known on the relative path). */
	oneChain: boolean;
	/** When oneChain: stores every event's candidate as exact, in one loop without a call per event. */
	storeChain?: (events: ArrayLike<number>) => void;
}

/** The BigInt path: any scaling, any offsets (used when the relative one cannot be exact). */
function localCandidates(
	guestTsc: BigUint64Array,
	events: ArrayLike<number>,
	epochs: readonly Epoch[],
	windows: RunWindows | undefined,
	scaling: Scaling | undefined,
	out: GuestResults,
): Flat {
	const n = events.length;
	const start = new Uint32Array(n + 1);
	let tsc = new BigUint64Array(n + 16);
	let epoch = new Int32Array(n + 16);
	let m = 0;
	for (let j = 0; j < n; j++) {
		start[j] = m;
		const index = events[j]!;
		const g = guestTsc[index]!;
		let inRange = false;
		const first = m;
		for (let e = epochs.length - 1; e >= 0; e--) {
			const h = guestToHost(g, epochs[e]!.offset, scaling);
			// A conversion past 2^64 - 1: the event cannot lie in this epoch.
			if (h === undefined || !inEpoch(epochs[e]!, h)) continue;
			inRange = true;
			if (windows && !insideWindow(windows, h)) continue;
			if (m === tsc.length) {
				tsc = doubled(tsc);
				epoch = doubled(epoch);
			}
			tsc[m] = h;
			epoch[m] = e;
			m++;
		}
		// Later epochs hold later host times, so walking epochs backwards gives descending TSCs.
		if (m === first) {
			out.reason[index] = epochs.length === 0 ? Reason.NoOffset : inRange ? Reason.OutsideWindows : Reason.OutsideEpochs;
		}
	}
	start[n] = m;
	const keys = tsc.subarray(0, m);
	const ids = epoch.subarray(0, m);
	return {
		start,
		key: keys,
		epoch: ids,
		store: (k, index) => {
			out.hostTsc[index] = keys[k]!;
		},
		push: (k) => out.candidates.push(keys[k]!, ids[k]!),
		oneChain: false,
	};
}

/** The relative-double path when it is exact (see assign-relative.ts), else undefined. */
function relativeFlat(
	guestTsc: BigUint64Array,
	events: ArrayLike<number>,
	epochs: readonly Epoch[],
	windows: RunWindows | undefined,
	out: GuestResults,
): Flat | undefined {
	const words = wordsOf(out.hostTsc);
	const noCandidate = (j: number, inRange: boolean): void => {
		out.reason[events[j]!] = inRange ? Reason.OutsideWindows : Reason.OutsideEpochs;
	};
	const found = words && relativeCandidates(guestTsc, events, epochs, windows, noCandidate);
	if (!words || !found) return undefined;
	const {start, key, base} = found;
	return {
		start,
		key,
		epoch: found.epoch,
		store: (k, index) => writeRelative(words, index, base, key[k]!),
		push: (k) => out.candidates.pushRelative(base, key[k]!, found.epoch[k]!),
		oneChain: found.oneChain,
		storeChain: (events) => storeChainRelative(words, base, events, start, key, found.epoch, out),
	};
}

/**
 * The one-chain case of assignVcpu on the relative path: the candidate of each event that
 * has one becomes its host TSC, exact. A loop of its own over every event, with no closure
 * called per event (it ran mostly uncompiled, a call or two per event).
 */
function storeChainRelative(words: Uint32Array, base: Base, events: ArrayLike<number>, start: Uint32Array, key: Float64Array, epoch: Int32Array, out: GuestResults): void {
	const status = out.status;
	const epochOut = out.epoch;
	for (let j = 0; j < events.length; j++) {
		const k = start[j]!;
		if (k === start[j + 1]) continue; // reason already set
		const index = events[j]!;
		writeRelative(words, index, base, key[k]!);
		status[index] = Status.Exact;
		epochOut[index] = epoch[k]!;
	}
}

/** `bigIntOnly` skips the relative-double path (tests compare the two). */
export function assignVcpu(
	guestTsc: BigUint64Array,
	events: ArrayLike<number>,
	epochs: readonly Epoch[],
	windows: RunWindows | undefined,
	scaling: Scaling | undefined,
	out: GuestResults,
	bigIntOnly = false,
): void {
	const flat =
		(!scaling && !bigIntOnly ? relativeFlat(guestTsc, events, epochs, windows, out) : undefined) ??
		localCandidates(guestTsc, events, epochs, windows, scaling, out);
	if (flat.oneChain) {
		// Every candidate is the only one of its event and the longest chain holds them all.
		if (flat.storeChain) {
			flat.storeChain(events);
			return;
		}
		for (let j = 0; j < events.length; j++) {
			const k = flat.start[j]!;
			if (k === flat.start[j + 1]) continue; // reason already set
			const index = events[j]!;
			flat.store(k, index);
			out.status[index] = Status.Exact;
			out.epoch[index] = flat.epoch[k]!;
		}
		return;
	}
	const on = onLongestChain(flat.key, flat.start, events.length);
	for (let j = 0; j < events.length; j++) {
		const index = events[j]!;
		const from = flat.start[j]!;
		const to = flat.start[j + 1]!;
		if (from === to) continue; // reason already set
		let kept = 0;
		let last = -1;
		for (let k = from; k < to; k++) {
			if (on[k] === 1) {
				kept++;
				last = k;
			}
		}
		if (kept === 0) {
			out.reason[index] = Reason.Order;
			continue;
		}
		// Candidates are stored descending, so `last` holds the smallest.
		flat.store(last, index);
		if (kept === 1) {
			out.status[index] = Status.Exact;
			out.epoch[index] = flat.epoch[last]!;
			continue;
		}
		out.status[index] = Status.Ambiguous;
		out.candidates.open(index);
		for (let k = to - 1; k >= from; k--) if (on[k] === 1) flat.push(k);
	}
}

/** Offset source shared by every candidate epoch of an event, if they agree. */
export function sourceOf(epochs: readonly Epoch[], ids: readonly number[]): OffsetSource | undefined {
	const sources = new Set(ids.map((id) => epochs[id]!.source));
	return sources.size === 1 ? [...sources][0] : undefined;
}
