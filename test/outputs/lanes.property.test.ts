// The lanes that overlapping slices (ambiguous events' candidate spans) are spread over: on
// every lane the slices nest or follow one another, as the JSON trace format requires, and
// a slice is refused only when it would cross a slice on every lane.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {Lanes} from '../../source/outputs/timeline/lanes.js';

type Slice = [start: number, end: number];

/** Whether `s` can join `lane` (slices placed before it, in order of start) without crossing one. */
function fits(lane: readonly Slice[], s: Slice): boolean {
	return lane.every(([a, b]) => b <= s[0] || s[1] <= b || a >= s[1]);
}

describe('Lanes', () => {
	it('keeps every lane nested and refuses only what fits nowhere', () => {
		const slice = fc.tuple(fc.integer({min: 0, max: 1000}), fc.integer({min: 0, max: 300})).map(([start, length]): Slice => [start, start + length]);
		fc.assert(
			fc.property(fc.array(slice, {maxLength: 60}), fc.integer({min: 1, max: 4}), (slices, max) => {
				const sorted = [...slices].sort((x, y) => x[0] - y[0]);
				const lanes = new Lanes(max);
				const placed: Slice[][] = Array.from({length: max}, () => []);
				let refused = 0;
				for (const s of sorted) {
					const lane = lanes.place(s[0], s[1]);
					if (lane < 0) {
						refused++;
						expect(placed.some((l) => fits(l, s))).toBe(false);
					} else {
						expect(fits(placed[lane]!, s)).toBe(true);
						placed[lane]!.push(s);
					}
				}
				expect(lanes.refused).toBe(refused);
			}),
		);
	});

	it('puts the demo-like case, five spans each overlapping the next, on alternating lanes', () => {
		const lanes = new Lanes(8);
		expect([[0, 40], [10, 50], [45, 90], [60, 100], [95, 130]].map(([s, e]) => lanes.place(s!, e!))).toEqual([0, 1, 0, 1, 0]);
		expect(lanes.refused).toBe(0);
	});
});
