// Kernel symbols (kallsyms) for %pS-style pointers and printk formats for bprint, parsed
// only when a rendering first needs them (kallsyms can be megabytes of text).

export class Symbols {
	readonly #kallsyms: () => string;
	readonly #printk: () => string;
	#addresses: BigUint64Array | undefined;
	#names: string[] = [];
	#formats: Map<bigint, string> | undefined;

	constructor(kallsyms: () => string, printk: () => string) {
		this.#kallsyms = kallsyms;
		this.#printk = printk;
	}

	#loadSymbols(): BigUint64Array {
		if (this.#addresses) return this.#addresses;
		const entries: {address: bigint; name: string}[] = [];
		let text = '';
		try {
			text = this.#kallsyms();
		} catch {
			text = '';
		}
		for (const line of text.split('\n')) {
			const match = /^([0-9a-fA-F]+)\s+(\S)\s+(\S+)(?:\s+\[(\S+)\])?/.exec(line);
			if (!match) continue;
			const type = match[2]!;
			const name = match[3]!;
			// libtraceevent leaves out absolute symbols and $-prefixed local labels.
			if (type === 'A' || type === 'a' || name.startsWith('$')) continue;
			entries.push({address: BigInt(`0x${match[1]}`), name});
		}
		entries.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
		this.#addresses = BigUint64Array.from(entries, (e) => e.address);
		this.#names = entries.map((e) => e.name);
		return this.#addresses;
	}

	/** `name+0xoff` (or `name` when `offset` is false) for a kernel address; undefined when unknown. */
	symbol(address: bigint, offset: boolean): string | undefined {
		const addresses = this.#loadSymbols();
		let lo = 0;
		let hi = addresses.length - 1;
		let found = -1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (addresses[mid]! <= address) {
				found = mid;
				lo = mid + 1;
			} else hi = mid - 1;
		}
		if (found < 0) return undefined;
		// libtraceevent's table ends with a sentinel, so its last symbol matches only exactly.
		if (found === addresses.length - 1 && addresses[found] !== address) return undefined;
		const name = this.#names[found]!;
		const delta = address - addresses[found]!;
		return offset ? `${name}+0x${delta.toString(16)}` : name;
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
