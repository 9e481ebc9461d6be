// The candidates of ambiguous guest events, stored flat. A Map of two small arrays per event
// cost a third of align's time with 300k ambiguous events (inserts, BigInts and the garbage
// collector); get() builds an event's lists only when someone asks.

import {doubled} from '../model/columns.js';
import type {Base} from '../model/u64-words.js';
import {wordsOf, writeRelative} from '../model/u64-words.js';

export interface Candidates {
	/** Ascending host TSCs. */
	tsc: bigint[];
	epochs: number[];
}

export class CandidateTable {
	readonly #events: number;
	/** Per guest event, its slot, -1 when it has no candidates; made at the first one. */
	#slotOf: Int32Array | undefined;
	/** First entry of each slot. */
	#first = new Uint32Array(64);
	#slots = 0;
	#tsc = new BigUint64Array(128);
	#tscWords: Uint32Array | undefined = wordsOf(this.#tsc);
	#epoch = new Int32Array(128);
	#entries = 0;

	constructor(events: number) {
		this.#events = events;
	}

	/** Events with candidates. */
	get size(): number {
		return this.#slots;
	}

	/** Starts event `index`'s list (replacing any earlier one); push its candidates next, ascending. */
	open(index: number): void {
		if (!this.#slotOf) this.#slotOf = new Int32Array(this.#events).fill(-1);
		if (this.#slots === this.#first.length) this.#first = doubled(this.#first);
		this.#slotOf[index] = this.#slots;
		this.#first[this.#slots++] = this.#entries;
	}

	#room(): number {
		if (this.#entries === this.#tsc.length) {
			this.#tsc = doubled(this.#tsc);
			this.#tscWords = wordsOf(this.#tsc);
			this.#epoch = doubled(this.#epoch);
		}
		return this.#entries++;
	}

	push(tsc: bigint, epoch: number): void {
		const k = this.#room();
		this.#tsc[k] = tsc;
		this.#epoch[k] = epoch;
	}

	/** push of base + rel, an exact u64 (see u64-words.ts), without making a BigInt. */
	pushRelative(base: Base, rel: number, epoch: number): void {
		const k = this.#room();
		if (this.#tscWords) writeRelative(this.#tscWords, k, base, rel);
		else this.#tsc[k] = base.value + BigInt(rel);
		this.#epoch[k] = epoch;
	}

	set(index: number, candidates: Candidates): void {
		this.open(index);
		candidates.tsc.forEach((tsc, k) => this.push(tsc, candidates.epochs[k]!));
	}

	get(index: number): Candidates | undefined {
		const slot = this.#slotOf?.[index] ?? -1;
		if (slot < 0) return undefined;
		const from = this.#first[slot]!;
		const to = slot + 1 < this.#slots ? this.#first[slot + 1]! : this.#entries;
		return {tsc: Array.from(this.#tsc.subarray(from, to)), epochs: Array.from(this.#epoch.subarray(from, to))};
	}
}
