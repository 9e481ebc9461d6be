// Ids of short byte ranges of a chunk (event names, task names), found without making a
// string per event: a small hash table keyed by the range's bytes in front of the resolver
// (an Interner). A string and a Map lookup per event and field cost a tenth of the read time.

import {latin1} from './line.js';

export class RangeIds {
	readonly #resolve: (raw: string) => number;
	#table = new Int32Array(64).fill(-1);
	#hashes: number[] = [];
	/** The range's bytes as a latin1 string. */
	#keys: string[] = [];
	#ids: number[] = [];

	/** `resolve` gives the id of a range's bytes (as latin1) the first time they are seen. */
	constructor(resolve: (raw: string) => number) {
		this.#resolve = resolve;
	}

	id(src: Uint8Array, start: number, end: number): number {
		return this.idHashed(src, start, end, rangeHash(src, start, end));
	}

	/** id() for a range whose rangeHash the caller made already (the tokenizer, while scanning it). */
	idHashed(src: Uint8Array, start: number, end: number, hash: number): number {
		const mask = this.#table.length - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = this.#table[slot]!;
			if (entry < 0) break;
			if (this.#hashes[entry] === hash && same(this.#keys[entry]!, src, start, end)) return this.#ids[entry]!;
		}
		const raw = latin1(src, start, end);
		const id = this.#resolve(raw);
		this.#hashes.push(hash);
		this.#keys.push(raw);
		this.#ids.push(id);
		if (this.#keys.length * 2 > this.#table.length) this.#rebuild(this.#table.length * 2);
		else this.#place(this.#keys.length - 1);
		return id;
	}

	#place(entry: number): void {
		const mask = this.#table.length - 1;
		let slot = this.#hashes[entry]! & mask;
		while (this.#table[slot]! >= 0) slot = (slot + 1) & mask;
		this.#table[slot] = entry;
	}

	#rebuild(size: number): void {
		this.#table = new Int32Array(size).fill(-1);
		for (let entry = 0; entry < this.#keys.length; entry++) this.#place(entry);
	}
}

export function rangeHash(src: Uint8Array, start: number, end: number): number {
	let hash = 0;
	for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + src[i]!) | 0;
	return hash;
}

function same(key: string, src: Uint8Array, start: number, end: number): boolean {
	if (key.length !== end - start) return false;
	for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== src[start + i]) return false;
	return true;
}
