// The shared binary searches answer as a scan from the start does, for every range and hint.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {lowerBound, lowerBoundBig, lowerBoundNear, partitionPoint, upperBound, upperBoundBig} from '../../source/model/bounds.js';

/** The first index in [lo, hi) where `stop` holds, or hi. */
function scan(lo: number, hi: number, stop: (i: number) => boolean): number {
	for (let i = lo; i < hi; i++) if (stop(i)) return i;
	return hi;
}

const sortedWithRange = fc
	.array(fc.integer({min: -20, max: 20}), {maxLength: 40})
	.map((values) => Float64Array.from(values.sort((a, b) => a - b)))
	.chain((sorted) => fc.tuple(fc.constant(sorted), fc.integer({min: -25, max: 25}), fc.nat(sorted.length), fc.nat(sorted.length)));

describe('bounds', () => {
	it('lowerBound and upperBound, numbers and bigints, over any range', () => {
		fc.assert(
			fc.property(sortedWithRange, ([sorted, value, a, b]) => {
				const [lo, hi] = a <= b ? [a, b] : [b, a];
				const big = BigUint64Array.from(sorted, (x) => BigInt(x + 100));
				expect(lowerBound(sorted, value, lo, hi)).toBe(scan(lo, hi, (i) => sorted[i]! >= value));
				expect(upperBound(sorted, value, lo, hi)).toBe(scan(lo, hi, (i) => sorted[i]! > value));
				expect(lowerBoundBig(big, BigInt(value + 100), lo, hi)).toBe(scan(lo, hi, (i) => sorted[i]! >= value));
				expect(upperBoundBig(big, BigInt(value + 100), lo, hi)).toBe(scan(lo, hi, (i) => sorted[i]! > value));
				expect(partitionPoint(lo, hi, (i) => sorted[i]! <= value)).toBe(scan(lo, hi, (i) => sorted[i]! > value));
			}),
		);
	});

	it('lowerBoundNear gives lowerBound whatever the hint', () => {
		fc.assert(
			fc.property(sortedWithRange, ([sorted, value, hint]) => {
				expect(lowerBoundNear(sorted, value, hint)).toBe(lowerBound(sorted, value));
			}),
		);
	});
});
