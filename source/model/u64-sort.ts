// Stable orders of u64 keys without a BigInt per comparison: reading an element of a
// BigUint64Array allocates a BigInt, and a comparison sort of 2M guest keys that way took
// 145 ms of the viewer's start. Keys are read as 32-bit words and radix-sorted on their
// distance from the smallest key, so only the digits that vary cost a pass.

import {wordsOf} from './u64-words.js';

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
const TWO32 = 4294967296;

/** Indexes 0..n-1 of `keys`, sorted by key, ties in index order. */
export function sortIndexes(keys: BigUint64Array): Uint32Array {
	const n = keys.length;
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	const words = wordsOf(keys);
	if (!words) return sortWithBigInts(keys, order);
	const runs = runStarts(words, n);
	if (runs.length === 1) return order;
	// Traces are nearly in order (a few vCPU hand-overs out of step): merging their sorted
	// runs then takes fewer passes than the radix sort's three or four.
	if (runs.length <= 8) return mergeRuns(words, order, runs);
	// Distances from the smallest key, as high and low words.
	let minHi = Infinity;
	let minLo = Infinity;
	for (let i = 0; i < n; i++) {
		const hi = words[2 * i + 1]!;
		const lo = words[2 * i]!;
		if (hi < minHi || (hi === minHi && lo < minLo)) {
			minHi = hi;
			minLo = lo;
		}
	}
	const lo = new Uint32Array(n);
	const hi = new Uint32Array(n);
	let spanHi = 0;
	let spanLoBits = 0;
	for (let i = 0; i < n; i++) {
		let l = words[2 * i]! - minLo;
		let h = words[2 * i + 1]! - minHi;
		if (l < 0) {
			l += TWO32;
			h -= 1;
		}
		lo[i] = l;
		hi[i] = h;
		spanHi |= h;
		spanLoBits |= l;
	}
	const bits = spanHi !== 0 ? 32 + (32 - Math.clz32(spanHi)) : 32 - Math.clz32(spanLoBits);
	let from = order;
	let to = new Uint32Array(n);
	const count = new Uint32Array(BUCKETS);
	const digit = new Uint16Array(n);
	for (let shift = 0; shift < bits; shift += DIGIT_BITS) {
		// Each key's digit first, in plain loops: a digit function called per key was not inlined and cost 3x.
		if (shift + DIGIT_BITS <= 32) for (let i = 0; i < n; i++) digit[i] = (lo[i]! >>> shift) & MASK;
		else if (shift < 32) for (let i = 0; i < n; i++) digit[i] = ((lo[i]! >>> shift) | (hi[i]! << (32 - shift))) & MASK;
		else for (let i = 0; i < n; i++) digit[i] = (hi[i]! >>> (shift - 32)) & MASK;
		count.fill(0);
		for (let i = 0; i < n; i++) count[digit[i]!]!++;
		let sum = 0;
		for (let b = 0; b < BUCKETS; b++) {
			const c = count[b]!;
			count[b] = sum;
			sum += c;
		}
		for (let k = 0; k < n; k++) {
			const i = from[k]!;
			to[count[digit[i]!]!++] = i;
		}
		const swap = from;
		from = to;
		to = swap;
	}
	return from;
}

/** Where each ascending run of keys starts: 0, then every index whose key is below the one before. */
function runStarts(words: Uint32Array, n: number): number[] {
	const starts = [0];
	for (let i = 1; i < n; i++) {
		const a = words[2 * i - 1]!;
		const b = words[2 * i + 1]!;
		if (b < a || (b === a && words[2 * i]! < words[2 * i - 2]!)) starts.push(i);
	}
	return starts;
}

/** Natural merge sort: adjacent runs merged pairwise until one is left; stable. */
function mergeRuns(words: Uint32Array, order: Uint32Array<ArrayBuffer>, starts: number[]): Uint32Array<ArrayBuffer> {
	const n = order.length;
	let from = order;
	let to = new Uint32Array(n);
	let bounds = [...starts, n];
	while (bounds.length > 2) {
		const next = [0];
		for (let r = 0; r + 1 < bounds.length; r += 2) {
			const lo = bounds[r]!;
			const mid = bounds[r + 1]!;
			const hi = r + 2 < bounds.length ? bounds[r + 2]! : mid;
			let a = lo;
			let b = mid;
			let o = lo;
			while (a < mid && b < hi) {
				if (wordsAtMost(words, from[a]!, words, from[b]!)) to[o++] = from[a++]!;
				else to[o++] = from[b++]!;
			}
			while (a < mid) to[o++] = from[a++]!;
			while (b < hi) to[o++] = from[b++]!;
			next.push(hi);
		}
		bounds = next;
		const swap = from;
		from = to;
		to = swap;
	}
	return from;
}

/** A big-endian machine: the plain comparison sort. */
function sortWithBigInts(keys: BigUint64Array, order: Uint32Array): Uint32Array {
	const list = Array.from(order);
	list.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
	return Uint32Array.from(list);
}

/** True when keys a[i] <= b[j], compared through their words. */
export function wordsAtMost(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
	const ah = a[2 * i + 1]!;
	const bh = b[2 * j + 1]!;
	return ah < bh || (ah === bh && a[2 * i]! <= b[2 * j]!);
}
