// Integer and pointer pieces compiled for plain fields (no BigInt arithmetic): the exact text
// of the BigInt reference formatInteger, for every sign, width, radix, length and cast.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {compileEvent} from '../../../source/formats/tracedat/compile.js';
import {parseFormat} from '../../../source/formats/tracedat/format.js';
import {Payload} from '../../../source/formats/tracedat/payload.js';
import {formatInteger, parseFormat as parsePieces, type Spec} from '../../../source/formats/tracedat/printf.js';
import {Symbols} from '../../../source/formats/tracedat/symbols.js';

const COMMON = `	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;
`;
const FIELDS = `	field:u8 b;	offset:8;	size:1;	signed:0;
	field:s16 h;	offset:10;	size:2;	signed:1;
	field:u16 w;	offset:12;	size:2;	signed:0;
	field:int i;	offset:16;	size:4;	signed:1;
	field:u32 u;	offset:20;	size:4;	signed:0;
	field:u64 q;	offset:24;	size:8;	signed:0;
	field:void * ptr;	offset:32;	size:8;	signed:0;
	field:u16 arr[2];	offset:40;	size:4;	signed:0;
	field:u64 edge;	offset:44;	size:8;	signed:0;
`;
const SIZES: Record<string, number> = {b: 1, h: 2, w: 2, i: 4, u: 4, q: 8, ptr: 8};
const OFFSETS: Record<string, number> = {b: 8, h: 10, w: 12, i: 16, u: 20, q: 24, ptr: 32};

const symbols = new Symbols(() => new Uint8Array(0), () => '');

function event(printFmt: string) {
	const format = parseFormat(`name: ev\nID: 7\nformat:\n${COMMON}\n${FIELDS}\nprint fmt: ${printFmt}\n`, 'test');
	if (!format) throw new Error('format did not parse');
	return format;
}

/** A 48-byte payload (the 8-byte `edge` field runs past its end) holding the given values. */
function payload(values: Record<string, bigint>, little = true): Payload {
	const bytes = Buffer.alloc(48);
	for (const [name, value] of Object.entries(values)) {
		const size = SIZES[name]!;
		const v = BigInt.asUintN(size * 8, value);
		if (size === 1) bytes.writeUInt8(Number(v), OFFSETS[name]!);
		else if (size === 2) little ? bytes.writeUInt16LE(Number(v), OFFSETS[name]!) : bytes.writeUInt16BE(Number(v), OFFSETS[name]!);
		else if (size === 4) little ? bytes.writeUInt32LE(Number(v), OFFSETS[name]!) : bytes.writeUInt32BE(Number(v), OFFSETS[name]!);
		else little ? bytes.writeBigUInt64LE(v, OFFSETS[name]!) : bytes.writeBigUInt64BE(v, OFFSETS[name]!);
	}
	return new Payload(little, 8).set(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length);
}

const render = (printFmt: string, values: Record<string, bigint>, little = true) => compileEvent(event(printFmt), symbols, 8)(payload(values, little));

describe('integer pieces of plain fields', () => {
	it('sign, length and radix of int-sized conversions', () => {
		expect(render('"%d %i %u", REC->i, REC->i, REC->i', {i: -5n})).toBe('-5 -5 4294967291');
		expect(render('"%hhu %hhd %hu %hd", REC->u, REC->u, REC->u, REC->u', {u: 0x1fffen})).toBe('254 -2 65534 -2');
		expect(render('"%x %X %o %#o %#x %#X", REC->w, REC->w, REC->w, REC->w, REC->w, REC->w', {w: 0xbeefn})).toBe('beef BEEF 137357 0137357 0xbeef 0XBEEF');
		expect(render('"%#x %#o", REC->u, REC->u', {u: 0n})).toBe('0 0');
		// Past the small-integer range (Number#toString with a radix is slow there).
		expect(render('"%x %u %d %o", REC->u, REC->u, REC->u, REC->u', {u: 0x80000001n})).toBe('80000001 2147483649 -2147483647 20000000001');
		// A signed field is read zero-extended: %d of an s16 is its u16 value.
		expect(render('"%d %hd", REC->h, REC->h', {h: -2n})).toBe('65534 -2');
		expect(render('"%c%c", REC->b, REC->u', {b: 0x41n, u: 0x142n})).toBe('AB');
	});

	it('width, precision and flags', () => {
		const v = {i: 42n};
		expect(render('"%5d|%-5d|%05d|%+d|% d|%.4d|%8.4d|%-8.4d|", REC->i, REC->i, REC->i, REC->i, REC->i, REC->i, REC->i, REC->i', v)).toBe('   42|42   |00042|+42| 42|0042|    0042|0042    |');
		expect(render('"%5d|%-5d|%05d|%.4d|%+d", REC->i, REC->i, REC->i, REC->i, REC->i', {i: -42n})).toBe('  -42|-42  |-0042|-0042|-42');
		expect(render('"%08x|%#08x|%#8x|%-#8x|%.0d|%.0x|", REC->u, REC->u, REC->u, REC->u, REC->b, REC->b', {u: 0xabn, b: 0n})).toBe('000000ab|0x0000ab|    0xab|0xab    |||');
		expect(render('"%03u %3x", REC->b, REC->b', {b: 7n})).toBe('007   7');
	});

	it('casts mask the value before the conversion', () => {
		expect(render('"%d %u %x", (u8)REC->u, (u16)REC->u, (unsigned char)REC->u', {u: 0x12345678n})).toBe('120 22136 78');
		expect(render('"%d %lu %llx", (s8)REC->b, (unsigned long)REC->i, (u64)REC->i', {b: 0xffn, i: -1n})).toBe('255 4294967295 ffffffff');
		expect(render('"%llu %llx %lld", (u16)REC->q, (u32)REC->q, (unsigned long long)REC->q', {q: 0xfedcba9876543210n})).toBe('12816 76543210 -81985529216486896');
		expect(render('"%d", (u8)(u16)REC->u', {u: 0x1234n})).toBe('52');
	});

	it('64-bit fields and conversions', () => {
		expect(render('"%lld %llu %llx %lx %lo %ld"' + ', REC->q'.repeat(6), {q: -1n})).toBe('-1 18446744073709551615 ffffffffffffffff ffffffffffffffff 1777777777777777777777 -1');
		expect(render('"%lld %llu", REC->q, REC->q', {q: 0x8000000000000000n})).toBe('-9223372036854775808 9223372036854775808');
		expect(render('"%llu %lld", REC->q, REC->q', {q: 2n ** 53n + 1n})).toBe('9007199254740993 9007199254740993');
		// An int-sized conversion of a u64 keeps its low 32 bits; a long one of an int is zero-extended.
		expect(render('"%d %x %hu", REC->q, REC->q, REC->q', {q: 0xffffffff80000005n})).toBe('-2147483643 80000005 5');
		expect(render('"%ld %lx %20llu|%-#20llx|%020lld"' + ', REC->i'.repeat(2) + ', REC->q'.repeat(3), {i: -3n, q: -3n})).toBe('4294967293 fffffffd 18446744073709551613|0xfffffffffffffffd  |-0000000000000000003');
		expect(render('"%llX %#llx", REC->q, REC->q', {q: 0xabcdef0123n})).toBe('ABCDEF0123 0xabcdef0123');
	});

	it('elements of a fixed array at a constant index, read as far as the payload goes', () => {
		// arr[2] and arr[3] lie past the array, in the payload; arr[4] runs past its end; an index is cut to 32 bits.
		const render = compileEvent(event('"%x %x %x %x %x %d %x", REC->arr[0], REC->arr[1], REC->arr[2], REC->arr[1 + 2], REC->arr[4], (u8)REC->arr[0], REC->arr[0x100000001]'), symbols, 8);
		const p = payload({});
		p.bytes.set([0x01, 0x02, 0xff, 0xfe, 0x03, 0x04, 0x05, 0x06], 40);
		expect(render(p)).toBe('201 feff 403 605 0 1 feff');
	});

	it('pointers, big-endian payloads and fields past the end of the payload', () => {
		expect(render('"%p %p %p", REC->ptr, REC->q, REC->u', {ptr: 0xffff888012345678n, q: 0n, u: 0x1000n})).toBe('0xffff888012345678 (nil) 0x1000');
		expect(render('"%d %x %llx %p", REC->i, REC->w, REC->q, REC->ptr', {i: -7n, w: 0x1234n, q: 0x1122334455667788n, ptr: 0xabn}, false)).toBe('-7 1234 1122334455667788 0xab');
		expect(render('"%llu %d %p", REC->edge, REC->edge, REC->edge', {})).toBe('0 0 (nil)');
	});

	it('every spec, field size and cast gives the BigInt reference text', () => {
		const cast = fc.constantFrom('', '(u8)', '(u16)', '(u32)', '(int)', '(u64)', '(unsigned long)', '(void *)');
		const spec = fc.record({
			flags: fc.subarray(['-', '+', ' ', '#', '0']).map((f) => f.join('')),
			width: fc.integer({min: -1, max: 22}),
			precision: fc.integer({min: -1, max: 22}),
			length: fc.constantFrom('hh', 'h', '', 'l', 'll', 'z'),
			conversion: fc.constantFrom('d', 'i', 'u', 'o', 'x', 'X'),
		});
		const value = fc.oneof(fc.bigInt({min: 0n, max: (1n << 64n) - 1n}), fc.bigInt({min: -300n, max: 300n}), fc.constantFrom(0n, 1n << 31n, (1n << 32n) - 1n, 1n << 53n, (1n << 53n) + 1n, 1n << 63n));
		fc.assert(
			fc.property(spec, fc.constantFrom('b', 'h', 'w', 'i', 'u', 'q'), cast, value, fc.boolean(), (s, name, c, v, little) => {
				const text = `%${s.flags}${s.width >= 0 ? s.width : ''}${s.precision >= 0 ? `.${s.precision}` : ''}${s.length}${s.conversion}`;
				const piece = parsePieces(text)![0] as Spec;
				const raw = BigInt.asUintN(SIZES[name]! * 8, v);
				const mask = {'(u8)': 0xffn, '(u16)': 0xffffn, '(u32)': 0xffffffffn, '(int)': 0xffffffffn}[c] ?? (1n << 64n) - 1n;
				const expected = formatInteger(raw & mask, piece, piece.width, piece.precision);
				expect(render(`"${text}", ${c}REC->${name}`, {[name]: v}, little)).toBe(expected);
			}),
			{numRuns: 3000},
		);
	});
});
