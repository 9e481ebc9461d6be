// Kernel symbols (kallsyms) for %pS-style pointers and printk formats for bprint, parsed
// only when a rendering first needs them (kallsyms can be megabytes of text).

export class Symbols {
	readonly #kallsyms: () => string;
	readonly #printk: () => string;
	/** Symbol addresses split in 32-bit halves (no BigInt per line while parsing), sorted. */
	#high: Uint32Array | undefined;
	#low = new Uint32Array(0);
	#names: string[] = [];
	#formats: Map<bigint, string> | undefined;

	constructor(kallsyms: () => string, printk: () => string) {
		this.#kallsyms = kallsyms;
		this.#printk = printk;
	}

	#loadSymbols(): Uint32Array {
		if (this.#high) return this.#high;
		let text = '';
		try {
			text = this.#kallsyms();
		} catch {
			text = '';
		}
		const high: number[] = [];
		const low: number[] = [];
		const names: string[] = [];
		// "<hex address> <type> <name>[\t[module]]" per line, parsed without a regex: kallsyms
		// can be 100k+ lines and is read only when a %pS-style pointer is first printed.
		for (let start = 0; start < text.length; ) {
			let end = text.indexOf('\n', start);
			if (end < 0) end = text.length;
			const space = text.indexOf(' ', start);
			if (space > start && space - start <= 16 && space + 3 < end && text[space + 2] === ' ') {
				const type = text[space + 1]!;
				let nameEnd = space + 3;
				while (nameEnd < end && text[nameEnd] !== '\t' && text[nameEnd] !== ' ') nameEnd++;
				const name = text.slice(space + 3, nameEnd);
				const split = Math.max(start, space - 8);
				const hi = split > start ? Number.parseInt(text.slice(start, split), 16) : 0;
				const lo = Number.parseInt(text.slice(split, space), 16);
				// libtraceevent leaves out absolute symbols and $-prefixed local labels.
				if (type !== 'A' && type !== 'a' && name !== '' && !name.startsWith('$') && Number.isFinite(hi) && Number.isFinite(lo)) {
					high.push(hi);
					low.push(lo);
					names.push(name);
				}
			}
			start = end + 1;
		}
		const order = Array.from(names, (_, i) => i);
		const before = (a: number, b: number) => high[a]! - high[b]! || low[a]! - low[b]!;
		if (order.some((i) => i > 0 && before(i - 1, i) > 0)) order.sort(before);
		this.#high = Uint32Array.from(order, (i) => high[i]!);
		this.#low = Uint32Array.from(order, (i) => low[i]!);
		this.#names = order.map((i) => names[i]!);
		return this.#high;
	}

	/** `name+0xoff` (or `name` when `offset` is false) for a kernel address; undefined when unknown. */
	symbol(address: bigint, offset: boolean): string | undefined {
		const high = this.#loadSymbols();
		const low = this.#low;
		const hi = Number((address >> 32n) & 0xffffffffn);
		const lo = Number(address & 0xffffffffn);
		let left = 0;
		let right = high.length - 1;
		let found = -1;
		while (left <= right) {
			const mid = (left + right) >> 1;
			if (high[mid]! < hi || (high[mid] === hi && low[mid]! <= lo)) {
				found = mid;
				left = mid + 1;
			} else right = mid - 1;
		}
		if (found < 0) return undefined;
		const exact = high[found] === hi && low[found] === lo;
		// libtraceevent's table ends with a sentinel, so its last symbol matches only exactly.
		if (found === high.length - 1 && !exact) return undefined;
		const name = this.#names[found]!;
		if (!offset) return name;
		const base = (BigInt(high[found]!) << 32n) | BigInt(low[found]!);
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
