// The task, pid, tgid, CPU of line heads seen before (everything before the timestamp's first
// digit: task-pid (tgid) [cpu] flags), so a line from a task seen lately on that CPU with
// those flags skips the scan for its CPU column, the parse of its task field, CPU and flags
// and the lookup of its task name: one comparison of its head's bytes instead. The head's
// bytes decide all of these when a digit follows them, so a hit gives what the full parse
// would. Heads whose task field could hold a report's `file: ` prefix are not kept: whether
// it is one depends on the lines seen before.

import type {LineFields} from './line.js';
import {WordView} from './word-view.js';

const SLOTS = 4096;
const MASK = SLOTS - 1;
/** Longer heads are parsed every time (a very long task name, a prefix). */
const MAX_HEAD = 64;
const WORDS = MAX_HEAD / 4;
/** The hash reads the last bytes of a head, where its pid, tgid, CPU and flags are. */
const HASHED = 32;

export class HeadCache {
	/** Where the timestamp of the last head kept started, from the line's start: where to look on the next line. */
	at = -1;
	/** One head per slot, the slot chosen by hash; a new head replaces the old. */
	readonly #bytes = new Uint8Array(SLOTS * MAX_HEAD);
	/** The same bytes as little-endian 32-bit words. */
	readonly #words = new Int32Array(this.#bytes.buffer);
	readonly #view = new WordView();
	/** 0 for an empty slot. */
	readonly #length = new Int32Array(SLOTS);
	readonly #commStart = new Int32Array(SLOTS);
	readonly #commEnd = new Int32Array(SLOTS);
	readonly #pid = new Int32Array(SLOTS);
	readonly #tgid = new Int32Array(SLOTS);
	readonly #comm = new Int32Array(SLOTS);
	readonly #cpu = new Int32Array(SLOTS);
	readonly #cpuAt = new Int32Array(SLOTS);

	/** The slot holding the head src[start, start + length), or -1; a digit must follow it (the caller's to check). */
	find(src: Uint8Array, start: number, length: number): number {
		const view = this.#view.of(src);
		const slot = hashOf(view, start, length);
		if (this.#length[slot] !== length) return -1;
		// Four bytes a comparison: a head is 30-60 bytes, compared on nearly every line. (On a
		// big-endian machine the words never match and every line is parsed in full: slower, not wrong.)
		const words = this.#words;
		const base = slot * WORDS;
		const whole = length >> 2;
		for (let k = 0; k < whole; k++) if (view.getInt32(start + 4 * k, true) !== words[base + k]) return -1;
		for (let k = whole * 4; k < length; k++) if (this.#bytes[slot * MAX_HEAD + k] !== src[start + k]) return -1;
		return slot;
	}

	/** Fills the head's fields of a line starting at `start` from a slot; returns the task name's id. */
	fill(slot: number, start: number, out: LineFields): number {
		out.commStart = start + this.#commStart[slot]!;
		out.commEnd = start + this.#commEnd[slot]!;
		out.pid = this.#pid[slot]!;
		out.tgid = this.#tgid[slot]!;
		out.cpu = this.#cpu[slot]!;
		out.cpuAt = start + this.#cpuAt[slot]!;
		out.prefix = '';
		out.prefixCandidate = false;
		return this.#comm[slot]!;
	}

	/** Keeps the head of an event line just parsed in full (up to its timestamp at out.tsStart), with its task name's id. */
	add(src: Uint8Array, start: number, out: LineFields, comm: number): void {
		const length = out.tsStart - start;
		if (length <= 0 || length > MAX_HEAD || out.prefixCandidate) return;
		const slot = hashOf(this.#view.of(src), start, length);
		const base = slot * MAX_HEAD;
		const bytes = this.#bytes;
		for (let k = 0; k < length; k++) bytes[base + k] = src[start + k]!;
		this.#length[slot] = length;
		this.#commStart[slot] = out.commStart - start;
		this.#commEnd[slot] = out.commEnd - start;
		this.#pid[slot] = out.pid;
		this.#tgid[slot] = out.tgid;
		this.#comm[slot] = comm;
		this.#cpu[slot] = out.cpu;
		this.#cpuAt[slot] = out.cpuAt - start;
		this.at = length;
	}
}

/** Hashes the last 32 bytes of a head (where its pid, tgid, CPU and flags are), four at a time; the caller compares every byte. */
function hashOf(view: DataView<ArrayBufferLike>, start: number, length: number): number {
	const end = start + length;
	let hash: number;
	if (length >= HASHED) {
		// The loop below written out for the usual head: the same value (31^8 ... 31 mod 2^32),
		// with the multiplies independent of each other instead of one chain.
		hash =
			(Math.imul(length, -1807454463) +
				Math.imul(view.getInt32(end - 32, true), 1742810335) +
				Math.imul(view.getInt32(end - 28, true), 887503681) +
				Math.imul(view.getInt32(end - 24, true), 28629151) +
				Math.imul(view.getInt32(end - 20, true), 923521) +
				Math.imul(view.getInt32(end - 16, true), 29791) +
				Math.imul(view.getInt32(end - 12, true), 961) +
				Math.imul(view.getInt32(end - 8, true), 31) +
				view.getInt32(end - 4, true)) |
			0;
	} else {
		hash = length;
		for (let i = end - HASHED; i + 4 <= end; i += 4) if (i >= start) hash = (Math.imul(hash, 31) + view.getInt32(i, true)) | 0;
	}
	return (hash ^ (hash >>> 12) ^ (hash >>> 22)) & MASK;
}
