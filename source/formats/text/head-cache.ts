// The task, pid and tgid of line heads seen before (everything before the CPU column), so a
// line from a task seen lately skips the scan for its CPU column, the parse of its task
// field and the lookup of its task name: one comparison of its head's bytes instead. The
// head's bytes decide all three, so a hit gives what the full parse would. Heads whose task
// field could hold a report's `file: ` prefix are not kept: whether it is one depends on the
// lines seen before.

import type {LineFields} from './line.js';

const SLOTS = 4096;
const MASK = SLOTS - 1;
/** Longer heads are parsed every time (a very long task name, a prefix). */
const MAX_HEAD = 64;
/** The hash reads the last bytes of a head, where its pid and tgid are. */
const HASHED = 16;

export class HeadCache {
	/** Where the CPU column of the last head kept stood, from the line's start: where to look on the next line. */
	at = -1;
	/** One head per slot, the slot chosen by hash; a new head replaces the old. */
	readonly #bytes = new Uint8Array(SLOTS * MAX_HEAD);
	/** 0 for an empty slot. */
	readonly #length = new Int32Array(SLOTS);
	readonly #commStart = new Int32Array(SLOTS);
	readonly #commEnd = new Int32Array(SLOTS);
	readonly #pid = new Int32Array(SLOTS);
	readonly #tgid = new Int32Array(SLOTS);
	readonly #comm = new Int32Array(SLOTS);

	/** The slot holding the head src[start, start + length), or -1. */
	find(src: Uint8Array, start: number, length: number): number {
		const slot = hashOf(src, start, length);
		if (this.#length[slot] !== length) return -1;
		const bytes = this.#bytes;
		const base = slot * MAX_HEAD;
		for (let k = 0; k < length; k++) if (bytes[base + k] !== src[start + k]) return -1;
		return slot;
	}

	/** Fills the head's fields of a line starting at `start` from a slot; returns the task name's id. */
	fill(slot: number, start: number, out: LineFields): number {
		out.commStart = start + this.#commStart[slot]!;
		out.commEnd = start + this.#commEnd[slot]!;
		out.pid = this.#pid[slot]!;
		out.tgid = this.#tgid[slot]!;
		out.prefix = '';
		out.prefixCandidate = false;
		return this.#comm[slot]!;
	}

	/** Keeps the head of an event line just parsed in full (its CPU column at out.cpuAt), with its task name's id. */
	add(src: Uint8Array, start: number, out: LineFields, comm: number): void {
		const length = out.cpuAt - start;
		if (length <= 0 || length > MAX_HEAD || out.prefixCandidate) return;
		const slot = hashOf(src, start, length);
		const base = slot * MAX_HEAD;
		const bytes = this.#bytes;
		for (let k = 0; k < length; k++) bytes[base + k] = src[start + k]!;
		this.#length[slot] = length;
		this.#commStart[slot] = out.commStart - start;
		this.#commEnd[slot] = out.commEnd - start;
		this.#pid[slot] = out.pid;
		this.#tgid[slot] = out.tgid;
		this.#comm[slot] = comm;
		this.at = length;
	}
}

function hashOf(src: Uint8Array, start: number, length: number): number {
	let hash = length;
	for (let i = start + Math.max(0, length - HASHED); i < start + length; i++) hash = (Math.imul(hash, 31) + src[i]!) | 0;
	return (hash ^ (hash >>> 12)) & MASK;
}
