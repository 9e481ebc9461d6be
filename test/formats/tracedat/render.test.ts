// Print-fmt rendering with libtraceevent's semantics (docs/tracedat-format.md §10): what
// `trace-cmd report -N` shows for the same payload.

import {describe, expect, it} from 'vitest';
import {Bprint} from '../../../source/formats/tracedat/bprint.js';
import {compileEvent} from '../../../source/formats/tracedat/compile.js';
import {parseFormat} from '../../../source/formats/tracedat/format.js';
import {Payload} from '../../../source/formats/tracedat/payload.js';
import {Renderer} from '../../../source/formats/tracedat/render.js';
import {Symbols} from '../../../source/formats/tracedat/symbols.js';

const COMMON = `	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;
`;

function format(fields: string, printFmt: string, name = 'ev', system = 'test') {
	const text = `name: ${name}\nID: 7\nformat:\n${COMMON}\n${fields}\nprint fmt: ${printFmt}\n`;
	const parsed = parseFormat(text, system);
	if (!parsed) throw new Error('format did not parse');
	return parsed;
}

function payloadOf(bytes: Buffer, little = true, longSize: 4 | 8 = 8): Payload {
	return new Payload(little, longSize).set(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length);
}

const KALLSYMS = 'ffffffff81000000 T _stext\nffffffff81001000 t do_one\nffffffff81002000 A absolute_one\nffffffff81003000 T last_one\n';
const PRINTK = '0xffffffff82000000 : "cpu=%d comm=%s ptr=%p val=%llu\\n"\n';
const symbols = new Symbols(() => Buffer.from(KALLSYMS), () => PRINTK);

describe('print fmt rendering', () => {
	const fields = `	field:s16 small;	offset:8;	size:2;	signed:1;
	field:int neg;	offset:12;	size:4;	signed:1;
	field:unsigned int flags;	offset:16;	size:4;	signed:0;
	field:unsigned long ip;	offset:24;	size:8;	signed:0;
	field:char comm[8];	offset:32;	size:8;	signed:0;
	field:__data_loc u8[] addr;	offset:40;	size:4;	signed:0;
	field:__rel_loc char[] name;	offset:44;	size:4;	signed:0;
`;
	const bytes = Buffer.alloc(80);
	bytes.writeInt16LE(-2, 8);
	bytes.writeInt32LE(-1, 12);
	bytes.writeUInt32LE(0x80000005, 16);
	bytes.writeBigUInt64LE(0xffffffff81001010n, 24);
	bytes.write('bash\0', 32);
	bytes.writeUInt32LE((16 << 16) | 48, 40);
	Buffer.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).copy(bytes, 48);
	bytes.writeUInt32LE((4 << 16) | 16, 44); // relative to the end of the field (48): 64
	bytes.write('abc\0', 64);
	const p = payloadOf(bytes);
	const render = (printFmt: string) => compileEvent(format(fields, printFmt), symbols, 8)(p);

	it('reads fields zero-extended and casts them at the conversion, like libtraceevent', () => {
		// The kernel would print -2; libtraceevent prints a 2-byte field unextended.
		expect(render('"%d %d %u %ld %lu", REC->small, REC->neg, REC->neg, REC->neg, REC->neg')).toBe('65534 -1 4294967295 4294967295 4294967295');
		expect(render('"%d", (s16)REC->small')).toBe('65534');
		expect(render('"%hd %hhx %#x %08x %-5d| %5s|", REC->small, REC->flags, REC->flags, REC->flags, REC->neg, REC->comm')).toBe('-2 5 0x80000005 80000005 -1   |  bash|');
	});

	it('__print_symbolic, __print_flags, ternaries and arithmetic', () => {
		expect(render('"%s", __print_symbolic(REC->flags & 0xffff, { 5, "FIVE" }, { 6, "SIX" })')).toBe('FIVE');
		expect(render('"%s", __print_symbolic(REC->flags, { 5, "FIVE" })')).toBe('0x80000005');
		expect(render('"%s", __print_flags(REC->flags, "|", { 1, "A" }, { 4, "C" })')).toBe('A|C|0x80000000');
		expect(render('"%s", __print_flags(0, "|", { -1, "NONE" }, { 1, "A" })')).toBe('NONE');
		expect(render('"%s%s", (REC->flags & ~0xffff) ? "F" : "", REC->flags > 3 ? "big" : "small"')).toBe('Fbig');
		expect(render('"%d", (REC->flags & 0xff) * 2 + 1 - (1 << 2)')).toBe('7');
	});

	it('strings, dynamic and relative arrays, hex dumps and addresses', () => {
		expect(render('"%s/%s/%s", REC->comm, __get_str(name), __get_rel_str(name)')).toBe('bash/abc/abc');
		expect(render('"%s", __print_hex(__get_dynamic_array(addr), 4)')).toBe('20 01 0d b8');
		expect(render('"%s", __print_hex_str(__get_dynamic_array(addr), __get_dynamic_array_len(addr))')).toBe('20010db8000000000000000000000001');
		expect(render('"%pI6c %pI6", __get_dynamic_array(addr), __get_dynamic_array(addr)')).toBe('2001:db8::1 2001:0db8:0000:0000:0000:0000:0000:0001');
		expect(render('"%pI4", __get_dynamic_array(addr)')).toBe('32.1.13.184');
		expect(render('"%s", __print_array(__get_dynamic_array(addr), 2, 2)')).toBe('{0x120,0xb80d}');
	});

	it('kernel addresses through kallsyms, with libtraceevent quirks', () => {
		expect(render('"%pS %ps %pf", (void *)REC->ip, (void *)REC->ip, (void *)REC->ip')).toBe('do_one+0x10 do_one do_one');
		expect(render('"%p %p", (void *)REC->ip, 0')).toBe('0xffffffff81001010 (nil)');
		const ip = (address: bigint) => {
			const b = Buffer.from(bytes);
			b.writeBigUInt64LE(address, 24);
			return compileEvent(format(fields, '"%pS"'.concat(', REC->ip')), symbols, 8)(payloadOf(b));
		};
		// Absolute symbols are dropped; the last symbol matches only its exact address.
		expect(ip(0xffffffff81002010n)).toBe('do_one+0x1010');
		expect(ip(0xffffffff81003000n)).toBe('last_one+0x0');
		expect(ip(0xffffffff81003001n)).toBe('0xffffffff81003001');
		expect(ip(0x1000n)).toBe('0x1000');
	});

	it('reads kallsyms lines as libtraceevent does: modules, CRLF, short and odd addresses', () => {
		const text = [
			'FFFFFFFFC0001000 t mod_fn\t[kvm]\r',
			'ffffffffc0002000 t $x.12',
			'1000 T short_addr  ',
			'ffffffffc000zz00 t bad_hex',
			'11ffffffffc0003000 t too_long',
			'ffffffffc0004000 T',
			'ffffffffc0004800 T  \t[kvm]',
			'ffffffffc0005000 T mod_last',
		].join('\n');
		const table = new Symbols(() => Buffer.from(text), () => '');
		expect(table.symbol(0xffffffffc0001010n, true)).toBe('mod_fn+0x10');
		// The $-label, bad and nameless lines are skipped, so mod_fn covers their addresses.
		expect(table.symbol(0xffffffffc0004010n, true)).toBe('mod_fn+0x3010');
		// A name of blanks before its module tag is no name either.
		expect(table.symbol(0xffffffffc0004810n, true)).toBe('mod_fn+0x3810');
		expect(table.symbol(0x1004n, false)).toBe('short_addr');
		expect(table.symbol(0xffffffffc0005000n, true)).toBe('mod_last+0x0');
		expect(table.symbol(0xfffn, true)).toBeUndefined();
	});

	it('falls back to field=value for a print fmt it does not understand', () => {
		const renderer = new Renderer(symbols, true, 8);
		const f = format(fields, '"%s", some_kernel_helper(REC->flags)');
		expect(renderer.printable(f)).toBe(false);
		expect(renderer.text(f, p)).toBe('small=-2 neg=-1 flags=2147483653 ip=2147483648 comm=bash addr=ARRAY[20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01] name=abc'.replace('ip=2147483648', `ip=${0xffffffff81001010n}`));
	});

	it('reads big-endian payloads', () => {
		const f = format('	field:unsigned int v;	offset:8;	size:4;	signed:0;\n	field:u64 w;	offset:16;	size:8;	signed:0;\n', '"v=%u w=%llx", REC->v, REC->w');
		const b = Buffer.alloc(24);
		b.writeUInt32BE(123456, 8);
		b.writeBigUInt64BE(0xdeadbeefcafen, 16);
		expect(compileEvent(f, symbols, 8)(payloadOf(b, false))).toBe('v=123456 w=deadbeefcafe');
	});
});

describe('bprint (trace_printk)', () => {
	const fields = `	field:unsigned long ip;	offset:8;	size:8;	signed:0;
	field:const char * fmt;	offset:16;	size:8;	signed:0;
	field:u32 buf[];	offset:24;	size:0;	signed:0;
`;
	it('formats the packed arguments with the format from printk_formats', () => {
		const f = format(fields, '"%ps: %s", (void *)REC->ip, REC->fmt', 'bprint', 'ftrace');
		const b = Buffer.alloc(64);
		b.writeBigUInt64LE(0xffffffff81001004n, 8);
		b.writeBigUInt64LE(0xffffffff82000000n, 16);
		b.writeInt32LE(-3, 24); // %d
		b.write('sh\0', 28); // %s inline, then 4-byte alignment for the next number
		b.writeBigUInt64LE(0xffff888000001000n, 32); // %p (long)
		b.writeBigUInt64LE(42n, 40); // %llu
		expect(new Bprint(f, symbols, 8).text(payloadOf(b))).toBe('do_one: cpu=-3 comm=sh ptr=0xffff888000001000 val=42\n');
		b.writeBigUInt64LE(0x1234n, 16);
		expect(new Bprint(f, symbols, 8).text(payloadOf(b))).toBe('do_one: (NO FORMAT FOUND at 1234)');
	});
});

describe('TIME_SHIFT samples in KVM terms', () => {
	it('negates the stored offset and drops a default scaling', async () => {
		const {kvmOffset, kvmScaling} = await import('../../../source/model/trace-meta.js');
		const sample = {time: 1n, offset: 63430235715905n, scaling: 1n, fracBits: 0};
		expect(kvmOffset(sample)).toBe(18446680643473835711n);
		expect(kvmScaling(sample)).toBeUndefined();
		expect(kvmScaling({...sample, scaling: 1n << 48n, fracBits: 48})).toBeUndefined();
		expect(kvmScaling({...sample, scaling: 0xc000_0000_0000n, fracBits: 48})).toEqual({ratio: 0xc000_0000_0000n, fracBits: 48n});
	});
});
