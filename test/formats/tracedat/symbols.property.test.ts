import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {Symbols} from '../../../source/formats/tracedat/symbols.js';

// kallsyms as the kernel writes it (its own symbols in address order, then each module's) or
// shuffled: %pS must name what libtraceevent's sorted table would, whatever the runs.

const address = fc.oneof(
	fc.bigInt({min: 0n, max: (1n << 64n) - 1n}),
	// Kernel and module addresses share their high word: ties and near misses there.
	fc.bigInt({min: 0xffffffffc0000000n, max: 0xffffffffc0000fffn}),
	fc.bigInt({min: 0n, max: 0x40n}),
);

/** What a stable sort by address and a search for the last entry <= the address give, with libtraceevent's sentinel. */
function expected(addresses: bigint[], query: bigint, offset: boolean): string | undefined {
	const order = addresses.map((a, i) => i).sort((i, j) => (addresses[i]! < addresses[j]! ? -1 : addresses[i]! > addresses[j]! ? 1 : i - j));
	let at = -1;
	for (let k = 0; k < order.length; k++) if (addresses[order[k]!]! <= query) at = k;
	if (at < 0 || (at === order.length - 1 && addresses[order[at]!] !== query)) return undefined;
	const i = order[at]!;
	return offset ? `s${i}+0x${(query - addresses[i]!).toString(16)}` : `s${i}`;
}

describe('kallsyms lookups', () => {
	it('name the symbol a sorted table would, for any order of lines and any address', () => {
		fc.assert(
			fc.property(fc.array(address, {minLength: 1, maxLength: 60}), fc.array(address, {minLength: 1, maxLength: 30}), fc.boolean(), (addresses, queries, offset) => {
				const text = addresses.map((a, i) => `${a.toString(16).padStart(16, '0')} t s${i}`).join('\n');
				const table = new Symbols(() => Buffer.from(text), () => '');
				// Queries also land exactly on symbols and just past them.
				const all = [...queries, ...addresses, ...addresses.map((a) => (a + 1n) & ((1n << 64n) - 1n))];
				for (const q of all) expect(table.symbol(q, offset)).toBe(expected(addresses, q, offset));
			}),
			{numRuns: 300},
		);
	});
});
