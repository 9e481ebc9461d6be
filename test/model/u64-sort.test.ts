import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {sortIndexes} from '../../source/model/u64-sort.js';

/** The plain stable comparison sort on BigInts: what sortIndexes must equal. */
function reference(keys: bigint[]): number[] {
	return keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
}

const sortedBy = (keys: bigint[]): number[] => Array.from(sortIndexes(BigUint64Array.from(keys)));

describe('sortIndexes', () => {
	test('orders by key, ties in index order, across the whole u64 range', () => {
		const keys = [2n ** 64n - 1n, 5n, 2n ** 32n, 5n, 2n ** 32n - 1n, 0n, 2n ** 63n, 5n];
		expect(sortedBy(keys)).toEqual([5, 1, 3, 7, 4, 2, 6, 0]);
	});

	test('keys already in order come back as the identity', () => {
		expect(sortedBy([1n, 1n, 2n, 2n ** 40n])).toEqual([0, 1, 2, 3]);
	});

	test('equals a stable comparison sort: any u64s, host TSC sized spans, near-sorted traces', () => {
		const base = fc.bigInt({min: 0n, max: 2n ** 64n - 2n ** 45n});
		const arbitraryKeys = fc.oneof(
			fc.array(fc.bigInt({min: 0n, max: 2n ** 64n - 1n}), {maxLength: 300}),
			// Few distinct values: many ties.
			fc.array(fc.constantFrom(0n, 7n, 2n ** 32n, 2n ** 33n + 1n), {maxLength: 300}),
			// A trace: a large base and spans around the 11-bit digits and the 32-bit word boundary.
			fc.tuple(base, fc.array(fc.bigInt({min: 0n, max: 2n ** 44n}), {maxLength: 300})).map(([b, ds]) => ds.map((d) => b + d)),
			// Nearly sorted: an ascending run with a few swaps (vCPUs converted out of step).
			fc.tuple(base, fc.array(fc.bigInt({min: 0n, max: 5000n}), {minLength: 2, maxLength: 300}), fc.nat()).map(([b, steps, swap]) => {
				let at = b;
				const keys = steps.map((s) => (at += s));
				const i = swap % (keys.length - 1);
				[keys[i], keys[i + 1]] = [keys[i + 1]!, keys[i]!];
				return keys;
			}),
		);
		fc.assert(
			fc.property(arbitraryKeys, (keys) => {
				expect(sortedBy(keys)).toEqual(reference(keys));
			}),
			{numRuns: 400},
		);
	});
});
