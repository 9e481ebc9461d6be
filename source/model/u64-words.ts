// Exact u64 values read and written as two 32-bit words, so hot loops can work on doubles
// relative to a base without allocating a BigInt per value. A difference is exact as a
// double only while it is small: callers check NEAR before trusting one.

import os from 'node:os';

export const WORD = 4294967296;
/** Differences below this in magnitude are exact doubles here, with room for sums of two. */
export const NEAR = 2 ** 51;
/** A high-word difference at or beyond this means |difference| > NEAR (clamped to infinity). */
export const FAR_HI = 2 ** 20;
const E15_HI = Math.floor(1e15 / WORD);
const E15_LO = 1e15 - E15_HI * WORD;

/** The 32-bit words (low first) of a BigUint64Array; undefined on a big-endian machine. */
export function wordsOf(values: BigUint64Array): Uint32Array | undefined {
	if (os.endianness() !== 'LE') return undefined;
	return new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
}

/** The same words in a new array, on any machine (for wordsOf's big-endian case). */
export function wordsCopy(values: BigUint64Array): Uint32Array {
	const words = new Uint32Array(values.length * 2);
	for (let i = 0; i < values.length; i++) {
		words[2 * i] = Number(values[i]! & 0xffffffffn);
		words[2 * i + 1] = Number(values[i]! >> 32n);
	}
	return words;
}

export interface Base {
	value: bigint;
	hi: number;
	lo: number;
}

export function baseOf(value: bigint): Base {
	return {value, hi: Number(value >> 32n), lo: Number(value & 0xffffffffn)};
}

/**
 * values[i] - base, exact when its magnitude is below 2^52; beyond NEAR it may be given as
 * -Infinity or Infinity instead, which compares the same against anything within NEAR.
 */
export function relative(words: Uint32Array, i: number, base: Base): number {
	const hi = words[2 * i + 1]! - base.hi;
	if (hi >= FAR_HI) return Infinity;
	if (hi <= -FAR_HI) return -Infinity;
	return hi * WORD + (words[2 * i]! - base.lo);
}

/** The same for a bigint value (epoch bounds, a few per vCPU). */
export function relativeBig(value: bigint, base: Base): number {
	const d = value - base.value;
	if (d > BigInt(NEAR)) return Infinity;
	if (d < -BigInt(NEAR)) return -Infinity;
	return Number(d);
}

/** Stores base + rel into values[i] through its words; the caller knows it is a u64 and rel exact. */
export function writeRelative(words: Uint32Array, i: number, base: Base, rel: number): void {
	// rel's high word by floor, its low word by subtraction: both exact (a division by 2^32
	// and an integer below 2^53). No `%`: V8 runs it on doubles as a call to C's fmod, three
	// quarters of this function's time, which runs for every converted event.
	const above = Math.floor(rel / WORD);
	let lo = base.lo + (rel - above * WORD);
	let hi = base.hi + above;
	if (lo >= WORD) {
		lo -= WORD;
		hi++;
	}
	words[2 * i] = lo;
	words[2 * i + 1] = hi;
}

/**
 * A u64 parsed from at most 20 ASCII digits src[start, end) into words; false when it
 * exceeds 2^64 - 1 (or has more than 20 digits). The last 15 digits are an exact double
 * and the first five at most multiply 10^15 word by word, so no per-digit carry is needed.
 */
export function decimalWords(src: Uint8Array, start: number, end: number, out: {hi: number; lo: number}): boolean {
	if (end - start > 20) return false;
	const split = Math.max(start, end - 15);
	let head = 0;
	for (let i = start; i < split; i++) head = head * 10 + (src[i]! - 48);
	let tail = 0;
	for (let i = split; i < end; i++) tail = tail * 10 + (src[i]! - 48);
	const tailHi = Math.floor(tail / WORD);
	// head * 10^15 + tail, with 10^15 = E15_HI * 2^32 + E15_LO; every product stays below 2^53.
	const low = head * E15_LO + (tail - tailHi * WORD);
	const carry = Math.floor(low / WORD);
	const hi = head * E15_HI + tailHi + carry;
	if (hi >= WORD) return false;
	out.hi = hi;
	out.lo = low - carry * WORD;
	return true;
}

/** Whether values[i] < values[j], compared by words. */
export function lessAt(words: Uint32Array, i: number, j: number): boolean {
	const a = words[2 * i + 1]!;
	const b = words[2 * j + 1]!;
	return a < b || (a === b && words[2 * i]! < words[2 * j]!);
}

/** Index that gather() turns into 0. */
export const NO_INDEX = 0xffffffff;

/** values[indexes[k]] for k < count (0 for NO_INDEX), copied by words where possible. */
export function gather(values: BigUint64Array, indexes: Uint32Array, count: number): BigUint64Array {
	const out = new BigUint64Array(count);
	const from = wordsOf(values);
	const to = wordsOf(out);
	for (let k = 0; k < count; k++) {
		const i = indexes[k]!;
		if (i === NO_INDEX) continue;
		if (from && to) {
			to[2 * k] = from[2 * i]!;
			to[2 * k + 1] = from[2 * i + 1]!;
		} else {
			out[k] = values[i]!;
		}
	}
	return out;
}
