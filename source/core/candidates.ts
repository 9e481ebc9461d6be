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

/** A CandidateTable's contents as typed arrays, which can cross to another thread. */
export interface ExportedCandidates {
	slotOf: Int32Array | undefined;
	first: Uint32Array;
	tsc: BigUint64Array;
	epoch: Int32Array;
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

	/** The table's arrays as they stand, to hand to another thread (see adopt). */
	exported(): ExportedCandidates {
		return {slotOf: this.#slotOf, first: this.#first.subarray(0, this.#slots), tsc: this.#tsc.subarray(0, this.#entries), epoch: this.#epoch.subarray(0, this.#entries)};
	}

	/** Event `local`'s list in an exported table, if it has one, becomes event `index`'s here. */
	adopt(from: ExportedCandidates, local: number, index: number): void {
		const slot = from.slotOf?.[local] ?? -1;
		if (slot < 0) return;
		const a = from.first[slot]!;
		const b = slot + 1 < from.first.length ? from.first[slot + 1]! : from.tsc.length;
		this.open(index);
		while (this.#entries + (b - a) > this.#tsc.length) {
			this.#tsc = doubled(this.#tsc);
			this.#tscWords = wordsOf(this.#tsc);
			this.#epoch = doubled(this.#epoch);
		}
		this.#tsc.set(from.tsc.subarray(a, b), this.#entries);
		this.#epoch.set(from.epoch.subarray(a, b), this.#entries);
		this.#entries += b - a;
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
