// Kernel symbols (kallsyms) for %pS-style pointers and printk formats for bprint, parsed
// only when a rendering first needs them (kallsyms can be megabytes of text).

import {doubled} from '../../model/columns.js';

export class Symbols {
	readonly #kallsyms: () => Uint8Array;
	readonly #printk: () => string;
	/** Symbol addresses split in 32-bit halves (no BigInt per line) in file order. */
	#high: Uint32Array | undefined;
	#low = new Uint32Array(0);
	/** Each symbol's name as a byte range of the kallsyms text, decoded when first printed. */
	#text: Uint8Array = new Uint8Array(0);
	#nameStart = new Uint32Array(0);
	/** The end of each symbol's line: where its name ends is found when it is first printed. */
	#lineEnd = new Uint32Array(0);
	readonly #names = new Map<number, string>();
	/** Where each ascending run of addresses starts, and the end of the last. */
	#runs = new Uint32Array(0);
	/** The runs by their first address, lowest first. */
	#runsByFirst = new Uint32Array(0);
	/** The symbol a sorted table would hold last: libtraceevent matches it only exactly. */
	#last = -1;
	readonly #found = new Map<bigint, number>();
	/** `name+0xoff` per address: a trace's call sites are few (163 in 10k lookups on the real guest). */
	readonly #withOffset = new Map<bigint, string>();
	#formats: Map<bigint, string> | undefined;

	constructor(kallsyms: () => Uint8Array, printk: () => string) {
		this.#kallsyms = kallsyms;
		this.#printk = printk;
	}

	#loadSymbols(): Uint32Array {
		if (this.#high) return this.#high;
		let bytes: Uint8Array;
		try {
			bytes = this.#kallsyms();
		} catch {
			bytes = new Uint8Array(0);
		}
		// "<hex address> <type> <name>[\t[module]]" per line. kallsyms can be 300k lines and is
		// read on the way to a first frame or a merge, so it is scanned as bytes in one loop (no
		// call per line or per digit: it runs before V8 has optimised anything), with no string,
		// slice or BigInt per line; names stay bytes until one is printed.
		const length = bytes.length;
		// Lines are 30 to 60 bytes: sized for all of them, the arrays rarely grow.
		const capacity = Math.max(1024, Math.ceil(length / 24));
		let high = new Uint32Array(capacity);
		let low = new Uint32Array(capacity);
		let nameStart = new Uint32Array(capacity);
		let lineEnd = new Uint32Array(capacity);
		let count = 0;
		// Ascending runs and the highest address (the latest of equals) are found on the way.
		// A run's start is written for every symbol and kept by counting it: a push made only
		// at a run's start was first made in code V8 had optimised, and undid it.
		let runs = new Uint32Array(capacity + 1);
		let runCount = 1;
		let last = -1;
		for (let at = 0; at < length; ) {
			const start = at;
			// The address: hex digits up to a space, at most 16 of them (the low 32 bits take the
			// last eight; the ones before them shift into hi).
			let hi = 0;
			let lo = 0;
			let readable = true;
			let c = bytes[at]!;
			while (c !== 32 && c !== 10 && at < length) {
				const lower = c | 32;
				const digit = c >= 48 && c <= 57 ? c - 48 : lower >= 97 && lower <= 102 ? lower - 87 : -1;
				if (digit < 0 || at - start >= 16) {
					readable = false;
					break;
				}
				hi = ((hi << 4) | (lo >>> 28)) >>> 0;
				lo = ((lo << 4) | digit) >>> 0;
				c = bytes[++at]!;
			}
			let end = at;
			while (end < length && bytes[end] !== 10) end++;
			// libtraceevent leaves out absolute symbols (type A or a), `$`-prefixed local labels
			// and lines it cannot read. A name that starts with a printable byte cannot be empty,
			// so its end is found only when it is printed (most of kallsyms never is).
			const name = at + 3;
			if (readable && at !== start && name < end && bytes[at + 2] === 32) {
				const type = bytes[at + 1]!;
				if (type !== 65 && type !== 97 && bytes[name] !== 36 && (bytes[name]! > 32 || nameEnd(bytes, name, end) !== name)) {
					if (count === high.length) {
						high = doubled(high);
						low = doubled(low);
						nameStart = doubled(nameStart);
						lineEnd = doubled(lineEnd);
						runs = doubled(runs);
					}
					runs[runCount] = count;
					runCount += count > 0 && (high[count - 1]! > hi || (high[count - 1] === hi && low[count - 1]! > lo)) ? 1 : 0;
					if (last < 0 || high[last]! < hi || (high[last] === hi && low[last]! <= lo)) last = count;
					high[count] = hi;
					low[count] = lo;
					nameStart[count] = name;
					lineEnd[count] = end;
					count++;
				}
			}
			at = end + 1;
		}
		// Not sorted: kallsyms is the kernel's symbols in address order, then each module's, so
		// a lookup binary-searches each of a few hundred ascending runs instead (sorting 90k
		// lines cost more than every lookup of a trace together).
		this.#high = high.subarray(0, count);
		this.#low = low.subarray(0, count);
		this.#text = bytes;
		this.#nameStart = nameStart;
		this.#lineEnd = lineEnd;
		runs[runCount++] = count;
		// A copy of the few hundred run starts: a subarray would hold the capacity-sized buffer.
		runs = runs.slice(0, runCount);
		this.#runs = runs;
		// A few hundred runs (the kernel's, then one or a few per module): a plain sort.
		const byFirst = Array.from({length: count > 0 ? runs.length - 1 : 0}, (_, r) => r);
		byFirst.sort((a, b) => high[runs[a]!]! - high[runs[b]!]! || low[runs[a]!]! - low[runs[b]!]! || a - b);
		this.#runsByFirst = Uint32Array.from(byFirst);
		this.#last = last;
		return this.#high;
	}

	#name(k: number): string {
		let name = this.#names.get(k);
		if (name === undefined) {
			// Symbol names are ASCII; latin1 keeps one char per byte whatever they hold.
			const start = this.#nameStart[k]!;
			const bytes = this.#text.subarray(start, nameEnd(this.#text, start, this.#lineEnd[k]!));
			name = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
			this.#names.set(k, name);
		}
		return name;
	}

	/**
	 * The symbol at or below an address, as a sorted table's last entry <= it would give (ties
	 * in file order, as a stable sort leaves them); -1 when none. Runs are visited by their
	 * first address, so those starting above the address are never looked at; each run is
	 * judged by its ends and searched only when it straddles the address.
	 */
	#at(address: bigint): number {
		let found = this.#found.get(address);
		if (found !== undefined) return found;
		const high = this.#loadSymbols();
		const low = this.#low;
		const hi = Number((address >> 32n) & 0xffffffffn);
		const lo = Number(address & 0xffffffffn);
		found = -1;
		let foundHi = 0;
		let foundLo = 0;
		const runs = this.#runs;
		const byFirst = this.#runsByFirst;
		for (let k = 0; k < byFirst.length; k++) {
			const r = byFirst[k]!;
			const left = runs[r]!;
			const firstHi = high[left]!;
			if (firstHi > hi || (firstHi === hi && low[left]! > lo)) break;
			const right = runs[r + 1]! - 1;
			const lastHi = high[right]!;
			const lastLo = low[right]!;
			if (found >= 0 && (lastHi < foundHi || (lastHi === foundHi && lastLo < foundLo))) continue;
			let best = right;
			if (lastHi > hi || (lastHi === hi && lastLo > lo)) {
				// The run's last symbol at or below the address: `left` is, `right` is not.
				let a = left + 1;
				let b = right;
				while (a < b) {
					const mid = (a + b) >>> 1;
					const midHi = high[mid]!;
					if (midHi < hi || (midHi === hi && low[mid]! <= lo)) a = mid + 1;
					else b = mid;
				}
				best = a - 1;
			}
			const bestHi = high[best]!;
			const bestLo = low[best]!;
			if (found < 0 || bestHi > foundHi || (bestHi === foundHi && (bestLo > foundLo || (bestLo === foundLo && best > found)))) {
				found = best;
				foundHi = bestHi;
				foundLo = bestLo;
			}
		}
		// libtraceevent's table ends with a sentinel, so its last symbol matches only exactly.
		if (found === this.#last && (high[found] !== hi || low[found] !== lo)) found = -1;
		this.#found.set(address, found);
		return found;
	}

	/** `name+0xoff` (or `name` when `offset` is false) for a kernel address; undefined when unknown. */
	symbol(address: bigint, offset: boolean): string | undefined {
		// An address seen before with its offset is one lookup.
		if (offset) {
			const seen = this.#withOffset.get(address);
			if (seen !== undefined) return seen;
		}
		const found = this.#at(address);
		if (found < 0) return undefined;
		const name = this.#name(found);
		if (!offset) return name;
		const base = (BigInt(this.#high![found]!) << 32n) | BigInt(this.#low[found]!);
		const text = `${name}+0x${(address - base).toString(16)}`;
		this.#withOffset.set(address, text);
		return text;
	}

	/** The trace_printk format string stored at `address`. */
	printkFormat(address: bigint): string | undefined {
		if (!this.#formats) {
			this.#formats = new Map();
			let text = '';
			try {
				text = this.#printk();
			} catch {
				text = '';
			}
			for (const line of text.split('\n')) {
				const match = /^0x([0-9a-fA-F]+)\s*:\s*"(.*)"\s*$/.exec(line);
				if (match) this.#formats.set(BigInt(`0x${match[1]}`), unescapeC(match[2]!));
			}
		}
		return this.#formats.get(address);
	}
}

export function unescapeC(text: string): string {
	return text.replace(/\\(n|t|r|\\|"|')/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

/** The end of the name starting at `name` in a line ending at `end`: up to a tab ([module]), trailing blanks left out. */
function nameEnd(bytes: Uint8Array, name: number, end: number): number {
	let at = name;
	while (at < end && bytes[at] !== 9) at++;
	// Trailing blanks (a \r, spaces) are not part of the name.
	while (at > name && bytes[at - 1]! <= 32) at--;
	return at;
}
