// A vCPU's candidate host TSCs as exact doubles relative to a base host TSC, for the usual
// case (no TSC scaling, offsets and guest times within 2^51 of each other). The BigInt path
// allocated several BigInts per event and epoch (half of align's time went to them and to
// the garbage collector); this one allocates nothing per event. Same candidates, same order.

import {grownByQuarter} from '../model/columns.js';
import {lowerBoundNear} from '../model/bounds.js';
import type {Epoch} from './epochs.js';
import {toSigned, U64_MASK} from '../model/u64.js';
import {baseOf, FAR_HI, NEAR, relative, relativeBig, WORD, wordsOf, type Base} from '../model/u64-words.js';
import type {RunWindows} from './windows.js';

export interface RelativeCandidates {
	/** Candidates of event j are [start[j], start[j + 1]), descending by host TSC. */
	start: Uint32Array;
	/** Host TSC of each candidate minus `base`. */
	key: Float64Array;
	epoch: Int32Array;
	base: Base;
	/** Each event has at most one candidate and they never decrease: the longest chain holds them all. */
	oneChain: boolean;
}

/** Told of each event position left with no candidate, and whether some epoch's range held its time. */
export type NoCandidate = (j: number, inRange: boolean) => void;

const NEAR_BIG = BigInt(NEAR);

/** Index of the smallest and largest of values[events[j]], compared by words. */
function extremes(words: Uint32Array, events: ArrayLike<number>): {min: number; max: number} {
	let min = events[0]!;
	let max = min;
	for (let j = 1; j < events.length; j++) {
		const i = events[j]!;
		const hi = words[2 * i + 1]!;
		const lo = words[2 * i]!;
		const minHi = words[2 * min + 1]!;
		const maxHi = words[2 * max + 1]!;
		if (hi < minHi || (hi === minHi && lo < words[2 * min]!)) min = i;
		if (hi > maxHi || (hi === maxHi && lo > words[2 * max]!)) max = i;
	}
	return {min, max};
}

/** Whether host TSCs low..low+span (mod 2^64) meet the epoch's range [start, end). */
function reaches(epoch: Epoch, low: bigint, span: bigint): boolean {
	const first = epoch.start ?? 0n;
	const last = epoch.end === undefined ? U64_MASK : epoch.end - 1n;
	const meets = (a: bigint, b: bigint): boolean => a <= last && first <= b;
	const high = low + span;
	return high <= U64_MASK ? meets(low, high) : meets(low, U64_MASK) || meets(0n, high - U64_MASK - 1n);
}

/** Windows relative to base, open ends as infinities (what windowOf expects). */
function relativeWindows(windows: RunWindows, base: Base): {ws: Float64Array; we: Float64Array} | undefined {
	const startWords = wordsOf(windows.start);
	const endWords = wordsOf(windows.end);
	if (!startWords || !endWords) return undefined;
	const n = windows.count;
	const ws = new Float64Array(n);
	const we = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		ws[k] = relative(startWords, k, base);
		we[k] = relative(endWords, k, base);
	}
	if (n > 0 && windows.openStart) ws[0] = -Infinity;
	if (n > 0 && windows.openEnd) we[n - 1] = Infinity;
	return {ws, we};
}

/**
 * Candidates as relative doubles, or undefined when some value would not be exact (the
 * caller then uses BigInts). With host = base + key and key = guestRel - k[e], where
 * k[e] = offset[e] + base - guestBase (mod 2^64): exact when every key is within NEAR of 0
 * and base + key never wraps past 0 or 2^64.
 */
export function relativeCandidates(
	guestTsc: BigUint64Array,
	events: ArrayLike<number>,
	epochs: readonly Epoch[],
	windows: RunWindows | undefined,
	noCandidate: NoCandidate,
): RelativeCandidates | undefined {
	const n = events.length;
	const guestWords = wordsOf(guestTsc);
	if (!guestWords || n === 0 || epochs.length === 0) return undefined;
	const {min, max} = extremes(guestWords, events);
	const guestBase = baseOf(guestTsc[min]!);
	const span = guestTsc[max]! - guestBase.value;
	if (span >= NEAR_BIG) return undefined;
	// An epoch whose range no event can reach under its offset takes no part (a guest clock
	// near 2^64 under a zero offset, say); the base comes from the first one that can.
	const reached = epochs.map((epoch) => reaches(epoch, (guestBase.value - epoch.offset) & U64_MASK, span));
	const baseEpoch = Math.max(0, reached.indexOf(true));
	const base = baseOf((guestBase.value - epochs[baseEpoch]!.offset) & U64_MASK);
	const k = new Float64Array(epochs.length);
	const from = new Float64Array(epochs.length).fill(Infinity);
	const to = new Float64Array(epochs.length).fill(-Infinity);
	for (let e = 0; e < epochs.length; e++) {
		if (!reached[e]) continue;
		const ke = toSigned((epochs[e]!.offset + base.value - guestBase.value) & U64_MASK);
		if (-ke <= -NEAR_BIG || span - ke >= NEAR_BIG) return undefined;
		if (base.value - ke < 0n || base.value - ke + span > U64_MASK) return undefined;
		k[e] = Number(ke);
		const {start, end} = epochs[e]!;
		from[e] = start === undefined ? -Infinity : relativeBig(start, base);
		to[e] = end === undefined ? Infinity : relativeBig(end, base);
	}
	const rel = windows && relativeWindows(windows, base);
	if (windows && !rel) return undefined;
	const found = fill(guestWords, events, guestBase.hi, guestBase.lo, k, from, to, rel?.ws, rel?.we, noCandidate);
	return {...found, base};
}

/**
 * The candidates themselves, in a function of its own that sees only typed arrays and
 * numbers: with the objects of the setup above in the same function, V8 gave up optimising
 * it at 2M events (its compiles aborted again and again on maps deprecated meanwhile) and
 * the loop ran unoptimised.
 */
function fill(
	guestWords: Uint32Array,
	events: ArrayLike<number>,
	baseHi: number,
	baseLo: number,
	k: Float64Array,
	from: Float64Array,
	to: Float64Array,
	ws: Float64Array | undefined,
	we: Float64Array | undefined,
	noCandidate: NoCandidate,
): Omit<RelativeCandidates, 'base'> {
	const n = events.length;
	const epochs = k.length;
	const windows = ws !== undefined && we !== undefined ? ws.length : -1;
	if (epochs === 1 && windows >= 0) return fillOneEpoch(guestWords, events, baseHi, baseLo, k[0]!, from[0]!, to[0]!, ws!, we!, noCandidate);
	const start = new Uint32Array(n + 1);
	let key = new Float64Array(n + 16);
	let epoch = new Int32Array(n + 16);
	let m = 0;
	let oneChain = true;
	let previous = -Infinity;
	// One search hint per epoch: two epochs in range put an event's candidates far apart.
	const cursor = new Int32Array(epochs);
	// Each epoch's range in guest time (g in it iff g - k[e] is in [from, to): exact doubles).
	const low = new Float64Array(epochs);
	const high = new Float64Array(epochs);
	for (let e = 0; e < epochs; e++) {
		low[e] = from[e]! + k[e]!;
		high[e] = to[e]! + k[e]!;
	}
	// The epochs whose range holds the last event's time, highest first, and the span of guest
	// time over which that stays so: events come mostly in time order, so most find the same
	// epochs without looking at each.
	const active = new Int32Array(epochs);
	let activeCount = 0;
	let validFrom = Infinity;
	let validTo = -Infinity;
	for (let j = 0; j < n; j++) {
		start[j] = m;
		const i = events[j]!;
		// relative(): the event's guest TSC minus the base, exact within NEAR.
		const above = guestWords[2 * i + 1]! - baseHi;
		const g = above >= FAR_HI ? Infinity : above <= -FAR_HI ? -Infinity : above * WORD + (guestWords[2 * i]! - baseLo);
		if (!(g >= validFrom && g < validTo)) {
			activeCount = 0;
			validFrom = -Infinity;
			validTo = Infinity;
			for (let e = epochs - 1; e >= 0; e--) {
				const a = low[e]!;
				const b = high[e]!;
				if (g >= a && g < b) active[activeCount++] = e;
				if (a <= g) {
					if (a > validFrom) validFrom = a;
				} else if (a < validTo) validTo = a;
				if (b <= g) {
					if (b > validFrom) validFrom = b;
				} else if (b < validTo) validTo = b;
			}
		}
		const inRange = activeCount > 0;
		for (let r = 0; r < activeCount; r++) {
			const e = active[r]!;
			const h = g - k[e]!;
			if (windows >= 0) {
				// Events come mostly in time order: the window is the hint's or the next one,
				// found without a call.
				const hint = cursor[e]!;
				let below: number;
				if ((hint === 0 || ws![hint - 1]! < h) && (hint === windows || !(ws![hint]! < h))) below = hint;
				else if (hint < windows && ws![hint]! < h && (hint + 1 === windows || !(ws![hint + 1]! < h))) below = hint + 1;
				else below = lowerBoundNear(ws!, h, hint);
				cursor[e] = below;
				if (below === 0 || !(h < we![below - 1]!)) continue;
			}
			if (m === key.length) {
				// Sized for the rest at the rate so far (a vCPU without run windows has about
				// 1.6 candidates an event): one copy where growing by a quarter took three.
				const projected = Math.ceil((m / (j + 1)) * n * 1.05) + 16;
				key = grownByQuarter(key, projected);
				epoch = grownByQuarter(epoch, projected);
			}
			key[m] = h;
			epoch[m] = e;
			m++;
		}
		const found = m - start[j]!;
		if (found === 0) {
			noCandidate(j, inRange);
		} else if (oneChain) {
			// Checked on the way: the usual vCPU (one epoch in reach, events in time order) then
			// needs no chain lengths at all.
			if (found > 1 || key[m - 1]! < previous) oneChain = false;
			previous = key[m - 1]!;
		}
	}
	start[n] = m;
	return {start, key: key.subarray(0, m), epoch: epoch.subarray(0, m), oneChain};
}

/**
 * fill() for the usual vCPU: one epoch and run windows, so at most one candidate per event.
 * The same candidates, order and answers as the general loop, in a loop a fraction of its
 * size: it runs once over every event, much of it before V8 has compiled it, and a small loop
 * both runs faster uncompiled and is compiled sooner (the general one took 20-60 ms for the
 * real guest's 90k events, this one 5-15).
 */
function fillOneEpoch(
	guestWords: Uint32Array,
	events: ArrayLike<number>,
	baseHi: number,
	baseLo: number,
	k: number,
	from: number,
	to: number,
	ws: Float64Array,
	we: Float64Array,
	noCandidate: NoCandidate,
): Omit<RelativeCandidates, 'base'> {
	const n = events.length;
	const windows = ws.length;
	const start = new Uint32Array(n + 1);
	const key = new Float64Array(n + 16);
	// Every candidate is of epoch 0, which the array holds from the start.
	const epoch = new Int32Array(n + 16);
	const low = from + k;
	const high = to + k;
	let m = 0;
	let oneChain = true;
	let previous = -Infinity;
	let hint = 0;
	for (let j = 0; j < n; j++) {
		start[j] = m;
		const i = events[j]!;
		const above = guestWords[2 * i + 1]! - baseHi;
		const g = above >= FAR_HI ? Infinity : above <= -FAR_HI ? -Infinity : above * WORD + (guestWords[2 * i]! - baseLo);
		const inRange = g >= low && g < high;
		if (inRange) {
			const h = g - k;
			let below: number;
			if ((hint === 0 || ws[hint - 1]! < h) && (hint === windows || !(ws[hint]! < h))) below = hint;
			else if (hint < windows && ws[hint]! < h && (hint + 1 === windows || !(ws[hint + 1]! < h))) below = hint + 1;
			else below = lowerBoundNear(ws, h, hint);
			hint = below;
			if (below !== 0 && h < we[below - 1]!) {
				key[m] = h;
				m++;
				if (h < previous) oneChain = false;
				previous = h;
				continue;
			}
		}
		noCandidate(j, inRange);
	}
	start[n] = m;
	return {start, key: key.subarray(0, m), epoch: epoch.subarray(0, m), oneChain};
}
