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

/** The symbols libtraceevent keeps from kallsyms text, in file order: address and printed name. */
function keptLines(text: string): {address: bigint; name: string}[] {
	const kept: {address: bigint; name: string}[] = [];
	for (const line of text.split('\n')) {
		const space = line.indexOf(' ');
		const hex = space < 0 ? line : line.slice(0, space);
		if (!/^[0-9a-fA-F]{1,16}$/.test(hex) || line.length <= space + 3 || line[space + 2] !== ' ') continue;
		const type = line[space + 1];
		const name = line.slice(space + 3).split('\t')[0]!.replace(/[\x00-\x20]+$/, '');
		if (type === 'A' || type === 'a' || line[space + 3] === '$' || name === '') continue;
		kept.push({address: BigInt(`0x${hex}`), name});
	}
	return kept;
}

describe('kallsyms lines', () => {
	const hex = fc.oneof(
		fc.bigInt({min: 0n, max: (1n << 64n) - 1n}).map((a) => a.toString(16)),
		fc.bigInt({min: 0xffffffffc0000000n, max: 0xffffffffc00000ffn}).map((a) => a.toString(16).toUpperCase()),
		fc.constantFrom('', 'zz', '11ffffffffc0003000', '1ffffffffc0003000', 'ffffffffc000zz00', '0'),
	);
	const line = fc.tuple(hex, fc.constantFrom('t', 'T', 'A', 'a', 'd'), fc.constantFrom(' ', '', '\t'), fc.constantFrom('fn', 'f2', '$x.1', '', ' ', '  \t[kvm]', 'mod_fn\t[kvm]', 'crlf\r', 'tail  ')).map(([h, t, gap, n]) => `${h} ${t}${gap}${n}`);

	it('are kept, skipped and named as libtraceevent reads them, whatever they hold', () => {
		fc.assert(
			fc.property(fc.array(line, {minLength: 1, maxLength: 40}), fc.array(fc.bigInt({min: 0n, max: (1n << 64n) - 1n}), {maxLength: 10}), (lines, queries) => {
				const text = lines.join('\n');
				const kept = keptLines(text);
				const table = new Symbols(() => Buffer.from(text), () => '');
				const addresses = kept.map((k) => k.address);
				// Also where the odd addresses above would land if misread.
				for (const q of [...queries, ...addresses, 0xffffffffc0003000n, 0xffffffffc0003010n, 0xffffffffc000ff00n]) {
					const want = expected(addresses, q, true);
					// expected() names symbol i `s<i>`: put the kept line's own name in its place.
					expect(table.symbol(q, true)).toBe(want?.replace(/^s(\d+)\+/, (_, i: string) => `${kept[Number(i)]!.name}+`));
				}
			}),
			{numRuns: 400},
		);
	});
});
