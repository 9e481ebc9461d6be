// Assigns each guest event of one vCPU to an offset epoch (DOMAIN.md §2, issue 2 semantics).
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
import {guestToHost, U64_MASK, type Scaling} from './u64.js';
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

export interface Candidates {
	/** Ascending host TSCs. */
	tsc: bigint[];
	epochs: number[];
}

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
	candidates: Map<number, Candidates>;
}

export function newGuestResults(count: number): GuestResults {
	return {
		hostTsc: new BigUint64Array(count),
		status: new Uint8Array(count).fill(Status.Unresolved),
		epoch: new Int32Array(count).fill(-1),
		reason: new Uint8Array(count),
		vcpu: new Int32Array(count).fill(-1),
		candidates: new Map(),
	};
}

function inEpoch(epoch: Epoch, tsc: bigint): boolean {
	return (epoch.start === undefined || tsc >= epoch.start) && (epoch.end === undefined || tsc < epoch.end);
}

/** Per event, its locally possible (host TSC, epoch) pairs, descending by TSC. */
interface Flat {
	start: Uint32Array;
	tsc: BigUint64Array;
	epoch: Int32Array;
}

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
			if (!inEpoch(epochs[e]!, h)) continue;
			inRange = true;
			if (windows && !insideWindow(windows, h)) continue;
			if (m === tsc.length) {
				const biggerTsc = new BigUint64Array(tsc.length * 2);
				biggerTsc.set(tsc);
				tsc = biggerTsc;
				const biggerEpoch = new Int32Array(epoch.length * 2);
				biggerEpoch.set(epoch);
				epoch = biggerEpoch;
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
	return {start, tsc: tsc.subarray(0, m), epoch: epoch.subarray(0, m)};
}

/** First index in tails[0..length) whose value is above v. */
function upperBound(tails: bigint[], v: bigint): number {
	let lo = 0;
	let hi = tails.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (tails[mid]! <= v) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Length of the longest non-decreasing chain ending at each candidate (one candidate per event). */
function chainLengths(flat: Flat, reverse: boolean): Uint32Array {
	const m = flat.tsc.length;
	const length = new Uint32Array(m);
	const tails: bigint[] = [];
	// Forward: candidates as stored (descending within an event). Reverse: walk everything
	// backwards and flip the order of values, which keeps "descending within an event".
	for (let step = 0; step < m; step++) {
		const k = reverse ? m - 1 - step : step;
		const v = reverse ? U64_MASK - flat.tsc[k]! : flat.tsc[k]!;
		const p = tails.length === 0 || v >= tails[tails.length - 1]! ? tails.length : upperBound(tails, v);
		tails[p] = v;
		length[k] = p + 1;
	}
	return length;
}

export function assignVcpu(
	guestTsc: BigUint64Array,
	events: ArrayLike<number>,
	epochs: readonly Epoch[],
	windows: RunWindows | undefined,
	scaling: Scaling | undefined,
	out: GuestResults,
): void {
	const flat = localCandidates(guestTsc, events, epochs, windows, scaling, out);
	const forward = chainLengths(flat, false);
	const backward = chainLengths(flat, true);
	let best = 0;
	for (let k = 0; k < forward.length; k++) if (forward[k]! > best) best = forward[k]!;
	for (let j = 0; j < events.length; j++) {
		const index = events[j]!;
		const from = flat.start[j]!;
		const to = flat.start[j + 1]!;
		if (from === to) continue; // reason already set
		let kept = 0;
		let last = -1;
		for (let k = from; k < to; k++) {
			if (forward[k]! + backward[k]! - 1 === best) {
				kept++;
				last = k;
			}
		}
		if (kept === 0) {
			out.reason[index] = Reason.Order;
			continue;
		}
		// Candidates are stored descending, so `last` holds the smallest.
		out.hostTsc[index] = flat.tsc[last]!;
		if (kept === 1) {
			out.status[index] = Status.Exact;
			out.epoch[index] = flat.epoch[last]!;
			continue;
		}
		out.status[index] = Status.Ambiguous;
		const tsc: bigint[] = [];
		const epochIds: number[] = [];
		for (let k = to - 1; k >= from; k--) {
			if (forward[k]! + backward[k]! - 1 !== best) continue;
			tsc.push(flat.tsc[k]!);
			epochIds.push(flat.epoch[k]!);
		}
		out.candidates.set(index, {tsc, epochs: epochIds});
	}
}

/** Offset source shared by every candidate epoch of an event, if they agree. */
export function sourceOf(epochs: readonly Epoch[], ids: readonly number[]): OffsetSource | undefined {
	const sources = new Set(ids.map((id) => epochs[id]!.source));
	return sources.size === 1 ? [...sources][0] : undefined;
}
