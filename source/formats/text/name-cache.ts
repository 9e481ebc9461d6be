// Event names seen before, matched in the read buffer four bytes at a time together with the
// `:` after them: a line whose name is known skips the byte-by-byte scan of its name, its hash
// and the confirm of the name's id (RangeIds). A name not kept here takes that scan as before.
// (On a big-endian machine the words never match: slower, not wrong.)

import {WordView} from './word-view.js';

const SLOTS = 256;
const MASK = SLOTS - 1;
/** Names of up to 31 bytes, kept with their `:` as eight words at most. */
const MAX_WORDS = 8;
/** Past this many names the rest are scanned every time; the table stays half empty. */
const MAX_NAMES = 128;

export class NameCache {
	/** Entry per slot (-1 empty), the slot chosen by the name's first eight bytes (four for a shorter name). */
	readonly #table = new Int16Array(SLOTS).fill(-1);
	/** Each name's bytes and `:`, as little-endian words; the last word's spare bytes zero. */
	readonly #words = new Int32Array(MAX_NAMES * MAX_WORDS);
	/** Words of the name and its `:`. */
	readonly #wordCount = new Int32Array(MAX_NAMES);
	/** Which bytes of the last word are the name's. */
	readonly #lastMask = new Int32Array(MAX_NAMES);
	readonly #length = new Int32Array(MAX_NAMES);
	readonly #ids = new Int32Array(MAX_NAMES);
	#count = 0;
	readonly #view = new WordView();

	/** The entry of a kept name that src[at, end) starts with, followed by `:`; -1 when none. */
	match(src: Uint8Array, at: number, end: number): number {
		if (end - at < 4) return -1;
		const view = this.#view.of(src);
		const first = view.getInt32(at, true);
		if (end - at >= 8) {
			// A name of 7 bytes or more is kept by its first eight: kvm_entry, kvm_exit and
			// kvm_write_tsc_offset share their first four, and one chain of them cost more
			// than the scan it saves.
			const found = this.#probe(view, at, end, slotOf(first ^ Math.imul(view.getInt32(at + 4, true), 0x85ebca6b)), first);
			if (found >= 0) return found;
		}
		return this.#probe(view, at, end, slotOf(first), first);
	}

	#probe(view: DataView<ArrayBufferLike>, at: number, end: number, from: number, first: number): number {
		const words = this.#words;
		for (let slot = from; ; slot = (slot + 1) & MASK) {
			const entry = this.#table[slot]!;
			if (entry < 0) return -1;
			const base = entry * MAX_WORDS;
			const count = this.#wordCount[entry]!;
			// The first word is always whole: a name is kept from three bytes on.
			if (words[base] !== first || at + 4 * count > end) continue;
			let k = 1;
			while (k < count - 1 && view.getInt32(at + 4 * k, true) === words[base + k]) k++;
			if (k >= count) return entry;
			if (k === count - 1 && (view.getInt32(at + 4 * k, true) & this.#lastMask[entry]!) === words[base + k]) return entry;
		}
	}

	/** The length of an entry's name. */
	length(entry: number): number {
		return this.#length[entry]!;
	}

	/** The name id an entry was kept with. */
	id(entry: number): number {
		return this.#ids[entry]!;
	}

	/** Keeps the name src[start, end) (followed by `:` there) with its id. */
	add(src: Uint8Array, start: number, end: number, id: number): void {
		const bytes = end - start + 1;
		if (bytes < 4 || bytes > MAX_WORDS * 4 || this.#count === MAX_NAMES) return;
		const entry = this.#count++;
		const base = entry * MAX_WORDS;
		for (let k = 0; k < bytes; k++) {
			const byte = k < bytes - 1 ? src[start + k]! : 58; /* : */
			this.#words[base + (k >> 2)] |= byte << (8 * (k & 3));
		}
		const count = (bytes + 3) >> 2;
		this.#wordCount[entry] = count;
		this.#lastMask[entry] = (bytes & 3) === 0 ? -1 : (1 << (8 * (bytes & 3))) - 1;
		this.#length[entry] = bytes - 1;
		this.#ids[entry] = id;
		const first = this.#words[base]!;
		let slot = bytes >= 8 ? slotOf(first ^ Math.imul(this.#words[base + 1]!, 0x85ebca6b)) : slotOf(first);
		while (this.#table[slot]! >= 0) slot = (slot + 1) & MASK;
		this.#table[slot] = entry;
	}
}

function slotOf(first: number): number {
	const hash = Math.imul(first, 0x9e3779b1);
	return (hash >>> 24) & MASK;
}
