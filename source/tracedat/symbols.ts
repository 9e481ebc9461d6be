// Kernel symbols (kallsyms) for %pS-style pointers and printk formats for bprint, parsed
// only when a rendering first needs them (kallsyms can be megabytes of text).

export class Symbols {
	readonly #kallsyms: () => Uint8Array;
	readonly #printk: () => string;
	/** Symbol addresses split in 32-bit halves (no BigInt per line) in file order, and their names. */
	#high: Uint32Array | undefined;
	#low = new Uint32Array(0);
	#names: string[] = [];
	/** Where each ascending run of addresses starts, and the end of the last. */
	#runs: number[] = [];
	/** The symbol a sorted table would hold last: libtraceevent matches it only exactly. */
	#last = -1;
	readonly #found = new Map<bigint, number>();
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
		// Symbol names are ASCII; latin1 decoding is native and keeps one char per byte.
		const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
		const high: number[] = [];
		const low: number[] = [];
		const names: string[] = [];
		// "<hex address> <type> <name>[\t[module]]" per line; kallsyms can be 300k lines, so no
		// regex and no BigInt per line.
		for (let start = 0; start < text.length; ) {
			let end = text.indexOf('\n', start);
			if (end < 0) end = text.length;
			const space = text.indexOf(' ', start);
			if (space > start && space - start <= 16 && space + 3 < end && text.charCodeAt(space + 2) === 32) {
				const type = text.charCodeAt(space + 1);
				let nameEnd = space + 3;
				while (nameEnd < end && text.charCodeAt(nameEnd) !== 9) nameEnd++;
				const split = Math.max(start, space - 8);
				const hi = split > start ? Number.parseInt(text.slice(start, split), 16) : 0;
				const lo = Number.parseInt(text.slice(split, space), 16);
				// libtraceevent leaves out absolute symbols and $-prefixed local labels.
				if (type !== 65 && type !== 97 && nameEnd > space + 3 && text.charCodeAt(space + 3) !== 36 && hi === hi && lo === lo) {
					high.push(hi);
					low.push(lo);
					names.push(text.slice(space + 3, nameEnd).trimEnd());
				}
			}
			start = end + 1;
		}
		// Not sorted: kallsyms is the kernel's symbols in address order, then each module's, so
		// a lookup binary-searches each of a few hundred ascending runs instead (sorting 90k
		// lines cost more than every lookup of a trace together).
		this.#high = Uint32Array.from(high);
		this.#low = Uint32Array.from(low);
		this.#names = names;
		this.#runs = [0];
		for (let k = 1; k < high.length; k++) if (this.#compare(k - 1, k) > 0) this.#runs.push(k);
		this.#runs.push(high.length);
		for (let k = 0; k < high.length; k++) if (this.#last < 0 || this.#compare(k, this.#last) >= 0) this.#last = k;
		return this.#high;
	}

	/** Address order of symbols j and k, ties by file order (as a stable sort leaves them). */
	#compare(j: number, k: number): number {
		const high = this.#high!;
		return high[j]! - high[k]! || this.#low[j]! - this.#low[k]! || j - k;
	}

	/** The symbol at or below an address, as a sorted table's last entry <= it would give; -1 when none. */
	#at(address: bigint): number {
		let found = this.#found.get(address);
		if (found !== undefined) return found;
		const high = this.#loadSymbols();
		const low = this.#low;
		const hi = Number((address >> 32n) & 0xffffffffn);
		const lo = Number(address & 0xffffffffn);
		found = -1;
		const runs = this.#runs;
		for (let r = 0; r + 1 < runs.length; r++) {
			let left = runs[r]!;
			let right = runs[r + 1]! - 1;
			let best = -1;
			while (left <= right) {
				const mid = (left + right) >> 1;
				if (high[mid]! < hi || (high[mid] === hi && low[mid]! <= lo)) {
					best = mid;
					left = mid + 1;
				} else right = mid - 1;
			}
			if (best >= 0 && (found < 0 || this.#compare(best, found) > 0)) found = best;
		}
		// libtraceevent's table ends with a sentinel, so its last symbol matches only exactly.
		if (found === this.#last && (high[found] !== hi || low[found] !== lo)) found = -1;
		this.#found.set(address, found);
		return found;
	}

	/** `name+0xoff` (or `name` when `offset` is false) for a kernel address; undefined when unknown. */
	symbol(address: bigint, offset: boolean): string | undefined {
		const found = this.#at(address);
		if (found < 0) return undefined;
		const name = this.#names[found]!;
		if (!offset) return name;
		const base = (BigInt(this.#high![found]!) << 32n) | BigInt(this.#low[found]!);
		return `${name}+0x${(address - base).toString(16)}`;
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
