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
/** The hash reads the last bytes of a head, where its pid, tgid, CPU and flags are. */
const HASHED = 32;

export class HeadCache {
	/** Where the timestamp of the last head kept started, from the line's start: where to look on the next line. */
	at = -1;
	/** One head per slot, the slot chosen by hash; a new head replaces the old. */
	readonly #bytes = new Uint8Array(SLOTS * MAX_HEAD);
	/** The same bytes, read four at a time (little-endian, as the line's are). */
	readonly #kept = new DataView(this.#bytes.buffer);
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
		if (length < HASHED) return this.#findShort(view, src, start, length);
		// The hash's eight words are compared as they are: the last 32 bytes are read once.
		const end = start + length;
		const w0 = view.getInt32(end - 32, true);
		const w1 = view.getInt32(end - 28, true);
		const w2 = view.getInt32(end - 24, true);
		const w3 = view.getInt32(end - 20, true);
		const w4 = view.getInt32(end - 16, true);
		const w5 = view.getInt32(end - 12, true);
		const w6 = view.getInt32(end - 8, true);
		const w7 = view.getInt32(end - 4, true);
		const slot = slotOf(length, w0, w1, w2, w3, w4, w5, w6, w7);
		if (this.#length[slot] !== length) return -1;
		const kept = this.#kept;
		const base = slot * MAX_HEAD;
		const last = base + length;
		if (
			w7 !== kept.getInt32(last - 4, true) ||
			w6 !== kept.getInt32(last - 8, true) ||
			w5 !== kept.getInt32(last - 12, true) ||
			w4 !== kept.getInt32(last - 16, true) ||
			w3 !== kept.getInt32(last - 20, true) ||
			w2 !== kept.getInt32(last - 24, true) ||
			w1 !== kept.getInt32(last - 28, true) ||
			w0 !== kept.getInt32(last - 32, true)
		) {
			return -1;
		}
		for (let k = length - 36; k > 0; k -= 4) if (view.getInt32(start + k, true) !== kept.getInt32(base + k, true)) return -1;
		// The first bytes as one word, overlapping those compared already: no byte-by-byte rest.
		return view.getInt32(start, true) === kept.getInt32(base, true) ? slot : -1;
	}

	/** find() for a head shorter than the hash reads: byte by byte. */
	#findShort(view: DataView<ArrayBufferLike>, src: Uint8Array, start: number, length: number): number {
		const slot = hashOf(view, start, length);
		if (this.#length[slot] !== length) return -1;
		const base = slot * MAX_HEAD;
		for (let k = 0; k < length; k++) if (this.#bytes[base + k] !== src[start + k]) return -1;
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

/** The slot a head src[start, start + length) goes to (for tests: heads that share one). */
export function headSlot(src: Uint8Array, start: number, length: number): number {
	return hashOf(new DataView(src.buffer, src.byteOffset, src.byteLength), start, length);
}

/** Hashes the last 32 bytes of a head (where its pid, tgid, CPU and flags are), four at a time; the caller compares every byte. */
function hashOf(view: DataView<ArrayBufferLike>, start: number, length: number): number {
	const end = start + length;
	if (length >= HASHED) {
		return slotOf(
			length,
			view.getInt32(end - 32, true),
			view.getInt32(end - 28, true),
			view.getInt32(end - 24, true),
			view.getInt32(end - 20, true),
			view.getInt32(end - 16, true),
			view.getInt32(end - 12, true),
			view.getInt32(end - 8, true),
			view.getInt32(end - 4, true),
		);
	}
	let hash = length;
	for (let i = end - HASHED; i + 4 <= end; i += 4) if (i >= start) hash = (Math.imul(hash, 31) + view.getInt32(i, true)) | 0;
	return fold(hash);
}

/**
 * The slot of a head of `length` bytes ending in the words w0..w7: the short heads' loop
 * written out (31^8 ... 31 mod 2^32), the multiplies independent of each other.
 */
function slotOf(length: number, w0: number, w1: number, w2: number, w3: number, w4: number, w5: number, w6: number, w7: number): number {
	return fold(
		(Math.imul(length, -1807454463) +
			Math.imul(w0, 1742810335) +
			Math.imul(w1, 887503681) +
			Math.imul(w2, 28629151) +
			Math.imul(w3, 923521) +
			Math.imul(w4, 29791) +
			Math.imul(w5, 961) +
			Math.imul(w6, 31) +
			w7) |
			0,
	);
}

function fold(hash: number): number {
	return (hash ^ (hash >>> 12) ^ (hash >>> 22)) & MASK;
}
