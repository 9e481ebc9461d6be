// Per-guest options: the gN: prefix, unprefixed values for every guest, --vm in file order.

import {describe, expect, it} from 'vitest';
import {guestAlignOptions} from '../../source/loading/options.js';
import {guestFlags} from '../../source/loading/guest-flags.js';

describe('guest flags', () => {
	it('a gN: prefix gives a value to that guest only; unprefixed values go to every guest', () => {
		expect(guestFlags({vm: ['g2:453724'], tscRatio: ['281474976710656'], offset: ['g1:0=-634', '-5']}, 2)).toEqual([
			{tscRatio: '281474976710656', offset: ['-5', '0=-634']},
			{vm: '453724', tscRatio: '281474976710656', offset: ['-5']},
		]);
	});

	it('--vm given several times unprefixed goes to the guests in file order; once, to all', () => {
		expect(guestFlags({vm: ['10', '20', '30']}, 3).map((f) => f.vm)).toEqual(['10', '20', '30']);
		expect(guestFlags({vm: ['10']}, 3).map((f) => f.vm)).toEqual(['10', '10', '10']);
		expect(guestFlags({vm: ['10', 'g3:7']}, 3).map((f) => f.vm)).toEqual(['10', '10', '7']);
	});

	it('turns into each guest\'s align options, --offset g1: applying to guest 1 alone', () => {
		const [g1, g2] = guestAlignOptions({offset: ['g1:0=-634', '-5'], vcpuMap: ['g2:0=1']}, 2);
		expect(g1!.offsets).toEqual({all: -5n & ((1n << 64n) - 1n), perVcpu: new Map([[0, -634n & ((1n << 64n) - 1n)]])});
		expect(g2!.offsets).toEqual({all: -5n & ((1n << 64n) - 1n), perVcpu: new Map()});
		expect([g1!.vcpuMap, g2!.vcpuMap]).toEqual([undefined, new Map([[0, 1]])]);
	});

	it('refuses what it cannot place, in one sentence', () => {
		expect(() => guestFlags({vm: ['g3:1']}, 2)).toThrow('--vm g3:1: g3 names no guest file; there are 2 guest files (g1 to g2).');
		expect(() => guestFlags({vm: ['1', '2']}, 3)).toThrow(
			'--vm is given 2 times without a gN: prefix for 3 guest files; give it once per guest file, in their order, or prefix each with its guest (--vm g2:ID).',
		);
		expect(() => guestFlags({tscRatio: ['1', '2']}, 2)).toThrow('--tsc-ratio is given 2 times for every guest; give it once, or once per guest with a prefix (--tsc-ratio g1:..., --tsc-ratio g2:...).');
		expect(() => guestFlags({vm: ['g1:1', 'g1:2']}, 2)).toThrow('--vm is given twice for g1; give it once per guest.');
	});
});
