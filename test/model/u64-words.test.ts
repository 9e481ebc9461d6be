// The word-level u64 helpers agree with BigInt arithmetic wherever they claim exactness.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {U64_MASK} from '../../source/model/u64.js';
import {baseOf, decimalWords, NEAR, relative, wordsOf, writeRelative} from '../../source/model/u64-words.js';

const u64 = fc.bigInt({min: 0n, max: U64_MASK});
const near = fc.bigInt({min: -BigInt(NEAR), max: BigInt(NEAR)});

describe('u64 words', () => {
	it('relative is exact within NEAR and infinite only beyond it', () => {
		fc.assert(
			fc.property(u64, u64, near, fc.boolean(), (value, baseValue, d, close) => {
				const v = close ? (baseValue + d) & U64_MASK : value;
				const words = wordsOf(BigUint64Array.of(v))!;
				const r = relative(words, 0, baseOf(baseValue));
				const truth = v - baseValue;
				if (Number.isFinite(r)) expect(BigInt(r)).toBe(truth);
				else expect(r > 0 ? truth > BigInt(NEAR) : truth < -BigInt(NEAR)).toBe(true);
				if (truth >= -BigInt(NEAR) && truth <= BigInt(NEAR)) expect(Number.isFinite(r)).toBe(true);
			}),
		);
	});

	it('writeRelative stores base + rel', () => {
		fc.assert(
			fc.property(u64, near, (baseValue, d) => {
				fc.pre(baseValue + d >= 0n && baseValue + d <= U64_MASK);
				const values = new BigUint64Array(1);
				writeRelative(wordsOf(values)!, 0, baseOf(baseValue), Number(d));
				expect(values[0]).toBe(baseValue + d);
			}),
		);
	});

	it('decimalWords parses up to 20 digits, refusing what exceeds 2^64 - 1', () => {
		const digits = fc.stringMatching(/^[0-9]{1,20}$/);
		fc.assert(
			fc.property(fc.oneof(digits, u64.map(String), fc.constantFrom('18446744073709551615', '18446744073709551616', '99999999999999999999', '00000000000000000001')), (text) => {
				const out = {hi: 0, lo: 0};
				const ok = decimalWords(Buffer.from(text), 0, text.length, out);
				expect(ok).toBe(BigInt(text) <= U64_MASK);
				if (ok) expect((BigInt(out.hi) << 32n) | BigInt(out.lo)).toBe(BigInt(text));
			}),
		);
	});
});
