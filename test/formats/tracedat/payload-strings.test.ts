// C strings of a payload are cut at the first NUL and decoded by Buffer's native UTF-8
// decoder; they must give TextDecoder's text (bad bytes replaced, a leading BOM dropped).

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {cString} from '../../../source/formats/tracedat/payload.js';

const utf8 = new TextDecoder('utf-8');

function reference(bytes: Uint8Array): string {
	const nul = bytes.indexOf(0);
	return utf8.decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}

describe('C strings', () => {
	it('stop at the first NUL, keep UTF-8, replace bad bytes and drop a BOM as TextDecoder does', () => {
		const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));
		expect(cString(bytes('bash', [0], 'junk'))).toBe('bash');
		expect(cString(bytes('kworker/1:2'))).toBe('kworker/1:2');
		expect(cString(bytes([0], 'x'))).toBe('');
		expect(cString(bytes('Grüße', [0]))).toBe('Grüße');
		expect(cString(bytes('ab', [0xff, 0xc3], 'c'))).toBe('ab\ufffd\ufffdc');
		expect(cString(bytes([0xef, 0xbb, 0xbf], 'bom'))).toBe('bom');
		const long = 'x'.repeat(31) + '/long-name-past-the-short-path';
		expect(cString(bytes(long, [0]))).toBe(long);
		expect(cString(bytes(long + 'é'))).toBe(long + 'é');
	});

	it('any bytes (mostly ASCII) give the TextDecoder text', () => {
		const byte = fc.oneof({weight: 8, arbitrary: fc.integer({min: 1, max: 0x7f})}, fc.constant(0), fc.integer({min: 0x80, max: 0xff}));
		fc.assert(
			fc.property(fc.array(byte, {maxLength: 80}), (values) => {
				const bytes = Uint8Array.from(values);
				expect(cString(bytes)).toBe(reference(bytes));
			}),
			{numRuns: 5000},
		);
	});
});
