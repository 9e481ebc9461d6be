// assignVcpu's relative-double path gives exactly what its BigInt path gives, including near
// 2^53 and 2^64, across wraps, and where it must hand over to the BigInt path.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {assignVcpu, newGuestResults, type GuestResults} from '../../source/core/assign.js';
import type {Epoch} from '../../source/core/epochs.js';
import {U64_MASK} from '../../source/model/u64.js';
import type {RunWindows} from '../../source/core/windows.js';

interface Case {
	guest: BigUint64Array;
	epochs: Epoch[];
	windows: RunWindows | undefined;
}

function results(c: Case, bigIntOnly: boolean): GuestResults {
	const out = newGuestResults(c.guest.length);
	const events = Uint32Array.from(c.guest, (_, i) => i);
	assignVcpu(c.guest, events, c.epochs, c.windows, undefined, out, bigIntOnly);
	return out;
}

function expectSame(c: Case): void {
	const a = results(c, false);
	const b = results(c, true);
	expect(Array.from(a.hostTsc)).toEqual(Array.from(b.hostTsc));
	expect(Array.from(a.status)).toEqual(Array.from(b.status));
	expect(Array.from(a.epoch)).toEqual(Array.from(b.epoch));
	expect(Array.from(a.reason)).toEqual(Array.from(b.reason));
	expect(a.candidates.size).toBe(b.candidates.size);
	for (let i = 0; i < c.guest.length; i++) expect(a.candidates.get(i)).toEqual(b.candidates.get(i));
}

const u64 = fc.bigInt({min: 0n, max: U64_MASK});
const around = (centre: bigint, spread: bigint) => fc.bigInt({min: -spread, max: spread}).map((d) => (centre + d) & U64_MASK);
const hostBase = fc.oneof(around(64_642_424_581_096n, 10n ** 6n), around(2n ** 53n, 10n ** 6n), around(U64_MASK, 10n ** 6n), u64);
const offset = fc.oneof(fc.constant(0n), around(0n, 10n ** 14n), around(U64_MASK - 10n ** 13n, 10n ** 6n), u64);

const caseArb: fc.Arbitrary<Case> = fc
	.record({
		base: hostBase,
		firstOffset: offset,
		epochs: fc.array(fc.record({gap: fc.bigInt({min: 0n, max: 3000n}), offset: fc.oneof(around(0n, 500n), offset)}), {maxLength: 4}),
		windows: fc.option(
			fc.record({
				gaps: fc.array(fc.tuple(fc.bigInt({min: 1n, max: 200n}), fc.bigInt({min: 1n, max: 200n})), {minLength: 1, maxLength: 30}),
				from: fc.bigInt({min: -500n, max: 500n}),
				openStart: fc.boolean(),
				openEnd: fc.boolean(),
			}),
			{nil: undefined},
		),
		events: fc.array(fc.tuple(fc.bigInt({min: -1000n, max: 12000n}), fc.nat(5), fc.bigInt({min: -3n, max: 3n})), {minLength: 1, maxLength: 60}),
	})
	.map(({base, firstOffset, epochs: later, windows, events}) => {
		const epochs: Epoch[] = [{index: 0, start: undefined, end: undefined, offset: firstOffset, source: 'write', cause: 'test', writeIndex: -1}];
		let at = base;
		let deltaOffset = firstOffset;
		for (const e of later) {
			at = (at + e.gap) & U64_MASK;
			deltaOffset = e.offset <= 500n ? (deltaOffset + e.offset) & U64_MASK : e.offset;
			epochs.at(-1)!.end = at;
			epochs.push({index: epochs.length, start: at, end: undefined, offset: deltaOffset, source: 'write', cause: 'test', writeIndex: -1});
		}
		let run: RunWindows | undefined;
		if (windows) {
			const start: bigint[] = [];
			const end: bigint[] = [];
			let t = base + windows.from;
			for (const [gap, length] of windows.gaps) {
				start.push((t + gap) & U64_MASK);
				end.push((t + gap + length) & U64_MASK);
				t += gap + length;
			}
			// Windows must stay sorted: drop the case's windows when they wrap past 2^64.
			const sorted = start.every((s, k) => s < end[k]! && (k === 0 || end[k - 1]! < s));
			if (sorted) {
				run = {count: start.length, start: BigUint64Array.from(start), end: BigUint64Array.from(end), openStart: windows.openStart, openEnd: windows.openEnd};
			}
		}
		// Each event: a host time near the base under one epoch's offset, plus a little noise.
		const guest = BigUint64Array.from(events, ([dt, pick, noise]) => {
			const epoch = epochs[pick % epochs.length]!;
			return (base + dt + epoch.offset + noise) & U64_MASK;
		});
		return {guest, epochs, windows: run};
	});

describe('assigning on relative doubles', () => {
	it('gives what BigInts give', () => {
		fc.assert(fc.property(caseArb, (c) => expectSame(c)), {numRuns: 400});
	});

	it('skips an epoch no event reaches: a guest clock near 2^64 under a zero offset', () => {
		const base = 64_642_424_581_096n;
		const offset = -87_944_779_317_361n & U64_MASK;
		const epochs: Epoch[] = [
			{index: 0, start: undefined, end: base, offset: 0n, source: 'write', cause: 'test', writeIndex: -1},
			{index: 1, start: base, end: undefined, offset, source: 'write', cause: 'test', writeIndex: -1},
		];
		const guest = BigUint64Array.from([10n, 20n, 30n, 35n], (d) => (base + d + offset) & U64_MASK);
		const windows: RunWindows = {count: 2, start: BigUint64Array.from([base, base + 25n]), end: BigUint64Array.from([base + 22n, base + 40n]), openStart: false, openEnd: false};
		expectSame({guest, epochs, windows});
		expect(Array.from(results({guest, epochs, windows}, false).hostTsc)).toEqual([base + 10n, base + 20n, base + 30n, base + 35n]);
	});

	it('hands over to BigInts when host times wrap past 2^64', () => {
		const epochs: Epoch[] = [{index: 0, start: undefined, end: undefined, offset: 100n, source: 'write', cause: 'test', writeIndex: -1}];
		const guest = BigUint64Array.from([89n, 95n, 105n]);
		expectSame({guest, epochs, windows: undefined});
		// The third lands at host 5, after 2^64 - 5: it breaks the order and stays unresolved.
		expect(Array.from(results({guest, epochs, windows: undefined}, false).hostTsc)).toEqual([U64_MASK - 10n, U64_MASK - 4n, 0n]);
	});
});
