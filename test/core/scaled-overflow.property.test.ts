// Issue 14, one conversion corner: under TSC scaling with a ratio below 1, the host TSC that
// maps to a guest TSC can lie past 2^64 - 1. No 64-bit host TSC maps there, so the event
// cannot lie in that epoch: it must never be offered as a (wrapped) candidate.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {assignVcpu, newGuestResults, Reason} from '../../source/core/assign.js';
import type {Epoch} from '../../source/core/epochs.js';
import {hostToGuest, U64_MASK, type Scaling} from '../../source/model/u64.js';

const epoch = (offset: bigint): Epoch => ({index: 0, start: undefined, end: undefined, offset, source: 'flag', cause: 'test', writeIndex: -1});

function convert(guest: bigint, offset: bigint, scaling: Scaling) {
	const out = newGuestResults(1);
	assignVcpu(BigUint64Array.of(guest), Uint32Array.of(0), [epoch(offset)], undefined, scaling, out);
	return {status: out.status[0]!, tsc: out.hostTsc[0]!, reason: out.reason[0]!, candidates: out.candidates.get(0)?.tsc};
}

describe('a scaled conversion past 2^64 - 1', () => {
	it('AMD, 32 fraction bits, ratio 0.75: the event is unresolved, not a wrapped candidate', () => {
		const scaling = {ratio: 3n << 30n, fracBits: 32n};
		const offset = 1000n;
		const guest = (U64_MASK - 4000n) & U64_MASK; // guest - offset is 3/4 of 2^64 and more
		const r = convert(guest, offset, scaling);
		expect(r.status).toBe(2);
		expect(r.reason).toBe(Reason.OutsideEpochs);
		expect(r.candidates).toBeUndefined();
	});

	it('every host TSC given fits in 64 bits, maps back to the guest TSC and is the smallest that does', () => {
		const ratio = fc.oneof(fc.bigInt({min: 1n << 30n, max: (1n << 32n) - 1n}), fc.constant(3n << 30n));
		fc.assert(
			fc.property(fc.bigInt({min: 0n, max: U64_MASK}), fc.bigInt({min: 0n, max: U64_MASK}), ratio, (guest, offset, r) => {
				const scaling = {ratio: r, fracBits: 32n};
				const result = convert(guest, offset, scaling);
				const exact = (((guest - offset) & U64_MASK) << 32n) / r;
				const smallest = ((((guest - offset) & U64_MASK) << 32n) + r - 1n) / r;
				if (smallest > U64_MASK) {
					expect(result.status).toBe(2);
					return;
				}
				expect(result.status).toBe(0);
				expect(result.tsc).toBe(smallest);
				expect(result.tsc).toBeLessThanOrEqual(U64_MASK);
				expect(hostToGuest(result.tsc, offset, scaling)).toBe(guest);
				if (result.tsc > 0n) expect(hostToGuest(result.tsc - 1n, offset, scaling)).not.toBe(guest);
				expect(exact).toBeLessThanOrEqual(smallest);
			}),
			{numRuns: 500},
		);
	});
});
