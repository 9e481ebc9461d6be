import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {guestToHost, hostToGuest, parseU64Loose, toSigned, U64_MASK} from '../../source/model/u64.js';

describe('offsets in every spelling', () => {
	it('reads signed, printed-u64 and hex spellings of the same offset', () => {
		const expected = 18446680643473835711n;
		expect(parseU64Loose('-63430235715905')).toBe(expected);
		expect(parseU64Loose('18446680643473835711')).toBe(expected);
		expect(parseU64Loose('-0x39b080aaf941')).toBe(expected);
		expect(toSigned(expected)).toBe(-63430235715905n);
	});

	it('refuses what does not fit in 64 bits', () => {
		expect(parseU64Loose('18446744073709551616')).toBeUndefined();
		expect(parseU64Loose('-9223372036854775809')).toBeUndefined();
		expect(parseU64Loose('12abc')).toBeUndefined();
	});
});

describe('guest TSC to host TSC', () => {
	it('is exact above 2^53, where doubles lose cycles', () => {
		const host = 2n ** 60n + 12345n;
		const offset = -63430235715905n & U64_MASK;
		const guest = hostToGuest(host, offset);
		expect(guestToHost(guest, offset)).toBe(host);
		expect(Number(host) === Number(host + 1n)).toBe(true); // what a double would do
	});

	it('wraps mod 2^64', () => {
		expect(guestToHost(5n, 10n)).toBe(U64_MASK - 4n);
	});

	it('scaled: gives the smallest host TSC that maps to the guest TSC', () => {
		fc.assert(
			fc.property(
				fc.bigInt({min: 0n, max: 2n ** 62n}),
				fc.bigInt({min: 0n, max: U64_MASK}),
				fc.bigInt({min: 2n ** 46n, max: 2n ** 50n}),
				(host, offset, ratio) => {
					const scaling = {ratio, fracBits: 48n};
					const guest = hostToGuest(host, offset, scaling);
					const back = guestToHost(guest, offset, scaling);
					expect(hostToGuest(back, offset, scaling)).toBe(guest);
					expect(back <= host).toBe(true);
					if (back > 0n) expect(hostToGuest(back - 1n, offset, scaling)).not.toBe(guest);
				},
			),
			{numRuns: 500},
		);
	});
});
