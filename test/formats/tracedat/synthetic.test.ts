// trace.dat files built in the test (docs/tracedat-format.md): both versions, both byte orders, 32- and
// 64-bit kernels, zlib sections, every record type, missed events, instances and options.

import {describe, expect, it} from 'vitest';
import {InputError} from '../../../source/model/errors.js';
import {KvmKind} from '../../../source/model/trace.js';
import {buildDat, bytes, guestData, page, timeShiftData, type DatSpec} from './build-dat.js';
import {readBytes, rejection} from './helpers.js';
import {scenario} from './scenario.js';

const layouts: {name: string; version: 6 | 7; compression?: 'zlib'}[] = [
	{name: 'v6', version: 6},
	{name: 'v7', version: 7},
	{name: 'v7 zlib', version: 7, compression: 'zlib'},
];

function spec(over: Partial<DatSpec> & Pick<DatSpec, 'version' | 'little' | 'longSize'>): DatSpec {
	const order = {little: over.little, longSize: over.longSize};
	return {
		cpuCount: 2,
		clock: 'x86-tsc',
		cmdlines: '100 synth-task\n4242 CPU 1/KVM\n',
		instances: [{name: '', cpus: scenario(order).cpus}],
		...over,
	};
}

describe('synthetic trace.dat files', () => {
	for (const layout of layouts) {
		for (const little of [true, false]) {
			for (const longSize of [8, 4] as const) {
				const label = `${layout.name}, ${little ? 'little' : 'big'}-endian, ${longSize * 8}-bit kernel`;
				it(`${label}: every record, in report's order, with exact timestamps and text`, async () => {
					const {expected} = scenario({little, longSize});
					const trace = await readBytes(buildDat(spec({version: layout.version, little, longSize, compression: layout.compression})));
					expect(trace.count).toBe(expected.length);
					expect(Array.from(trace.tsc)).toEqual(expected.map((e) => e.ts));
					expect(Array.from(trace.cpu)).toEqual(expected.map((e) => e.cpu));
					expect(Array.from(trace.line)).toEqual(expected.map((_, i) => i + 1));
					expect(expected.map((_, i) => trace.names[trace.name[i]!])).toEqual(expected.map((e) => e.name));
					expect(expected.map((_, i) => trace.text(i))).toEqual(expected.map((e) => e.text));
					expect(trace.comms[trace.comm[0]!]).toBe('synth-task');
					expect(trace.comms[trace.comm[1]!]).toBe('<...>');
					expect(trace.raw(0)).toBe('synth-task-100 [000] 1000: sample: value=1 small=65534 msg=first');
					// Missed events: reported before the first record of their page, -1 when uncounted.
					const lost = trace.lost.map((l) => [l.cpu, l.count, trace.names[trace.name[l.nextIndex]!], l.line]);
					const exitIndex = expected.findIndex((e) => e.name === 'kvm_exit');
					const writeIndex = expected.findIndex((e) => e.name === 'kvm_write_tsc_offset');
					expect(lost).toEqual([
						[0, 123, 'kvm_exit', exitIndex + 1],
						[0, -1, 'kvm_write_tsc_offset', writeIndex + 1],
					]);
					expect(trace.malformed.count).toBe(0);
					expect(trace.meta).toMatchObject({
						version: layout.version,
						endianness: little ? 'little' : 'big',
						kernelLongSize: longSize,
						clock: 'x86-tsc',
						counterClock: true,
						cpus: 2,
						compression: {algorithm: layout.compression ?? 'none'},
						instances: [''],
						buffersRead: [''],
					});
					trace.close();
				});
			}
		}
	}

	it('fills the kvm columns and TSC-offset writes from the fields', async () => {
		const trace = await readBytes(buildDat(spec({version: 7, little: true, longSize: 8})));
		const {expected} = scenario({little: true, longSize: 8});
		const entry = expected.findIndex((e) => e.name === 'kvm_entry');
		const exit = expected.findIndex((e) => e.name === 'kvm_exit');
		const write = expected.findIndex((e) => e.name === 'kvm_write_tsc_offset');
		expect(Array.from(trace.kvm.index)).toEqual([entry, exit]);
		expect(Array.from(trace.kvm.kind)).toEqual([KvmKind.Entry, KvmKind.Exit]);
		expect(Array.from(trace.kvm.vcpu)).toEqual([1, 1]);
		expect(trace.writes).toEqual([{index: write, vcpu: 1, prev: 5n, next: (1n << 64n) - 63430235715905n}]);
		expect(trace.pid[entry]).toBe(4242);
		expect(trace.comms[trace.comm[entry]!]).toBe('CPU 1/KVM');
	});

	it('kvm_msr: guest writes of IA32_TSC become TSC MSR writes, other MSRs do not', async () => {
		const order = {little: false, longSize: 8 as const};
		const msrFormat = `name: kvm_msr
ID: 505
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:unsigned int write;	offset:8;	size:4;	signed:0;
	field:u32 ecx;	offset:12;	size:4;	signed:0;
	field:u64 data;	offset:16;	size:8;	signed:0;
	field:u8 exception;	offset:24;	size:1;	signed:0;

print fmt: "msr_%s %x = 0x%llx%s", REC->write ? "write" : "read", REC->ecx, REC->data, REC->exception ? " (#GP)" : ""
`;
		const msr = (write: number, ecx: number, data: bigint, exception: number) =>
			bytes(order).u16(505).u8(0).u8(0).i32(4242).u32(write).u32(ecx).u64(data).u8(exception).u8(0).u16(0).u32(0).bytes();
		const pages = [page(order, 4096, {ts: 10n, records: [0x10, 0x3b, 0x1b].map((ecx, i) => ({kind: 'event' as const, delta: i, payload: msr(1, ecx, 0x1234n + BigInt(i), i === 2 ? 1 : 0)}))})];
		const trace = await readBytes(
			buildDat({version: 7, ...order, cpuCount: 1, clock: 'x86-tsc', formats: [{system: 'kvm', text: msrFormat}], instances: [{name: '', cpus: new Map([[0, pages]])}]}),
		);
		expect([0, 1, 2].map((i) => trace.text(i))).toEqual(['msr_write 10 = 0x1234', 'msr_write 3b = 0x1235', 'msr_write 1b = 0x1236 (#GP)']);
		expect(trace.msrWrites).toEqual([
			{index: 0, msr: 0x10, value: 0x1234n},
			{index: 1, msr: 0x3b, value: 0x1235n},
		]);
	});

	it('refuses a nanosecond clock in one sentence, and reads it when allowed', async () => {
		const bytes = buildDat(spec({version: 7, little: true, longSize: 8, clock: 'local'}));
		const error = await rejection(readBytes(bytes));
		expect(error).toBeInstanceOf(InputError);
		expect(error.code).toBe('nanosecond-clock');
		expect(error.message).toMatch(/recorded with the "local" clock.*trace-cmd record -C x86-tsc/);
		const trace = await readBytes(bytes, {allowNanoseconds: true});
		expect(trace.count).toBe(9);
		expect(trace.meta?.counterClock).toBe(false);
	});

	it('treats a v6 file that names no clock as the default local clock', async () => {
		const error = await rejection(readBytes(buildDat(spec({version: 6, little: true, longSize: 8, clock: undefined}))));
		expect(error.code).toBe('nanosecond-clock');
		expect(error.message).toContain('names no trace clock');
	});

	for (const version of [6, 7] as const) {
		it(`v${version}: --instance reads one buffer: an instance by name, top for the top-level one`, async () => {
			const order = {little: true, longSize: 8 as const};
			const top = scenario(order).cpus;
			const other = new Map([[1, scenario(order).cpus.get(1)!]]);
			const bytes = buildDat(spec({version, ...order, instances: [{name: '', cpus: top}, {name: 'inst1', cpus: other}]}));
			const first = await readBytes(bytes, {instance: 'top'});
			expect([first.count, first.meta?.buffersRead]).toEqual([9, ['']]);
			expect(first.meta?.instances).toEqual(['', 'inst1']);
			expect((await readBytes(bytes, {instance: ''})).count).toBe(9);
			const second = await readBytes(bytes, {instance: 'inst1'});
			expect([second.count, second.meta?.buffersRead]).toEqual([2, ['inst1']]);
			expect(Array.from(second.tsc)).toEqual([1000n, 1100n]);
			const error = await rejection(readBytes(bytes, {instance: 'nope'}));
			expect(error.code).toBe('usage');
			expect(error.message).toMatch(/has no buffer instance "nope"; choose one of its buffers with --instance \(top, "inst1"\) or leave --instance out to read them all\./);
		});
	}

	it('decodes TIME_SHIFT (with fraction bits), GUEST, TSC2NSEC and TRACEID into meta', async () => {
		const order = {little: false, longSize: 8 as const};
		const timeShift = timeShiftData(order, 0x2c75ff89fdaf813cn, 1, [
			[
				[1000n, 63430235715905n, 1n, 0],
				[2000n, -5n, 281474976710656n, 48],
			],
			[[3000n, 7n, 1n, 0]],
		]);
		const tsc2nsec = Buffer.alloc(16);
		tsc2nsec.writeUInt32BE(735842807, 0);
		tsc2nsec.writeUInt32BE(31, 4);
		tsc2nsec.writeBigUInt64BE(999n, 8);
		const traceId = Buffer.alloc(8);
		traceId.writeBigUInt64BE(0x5d2b93f358166218n);
		const options = [
			{id: 11, data: traceId},
			{id: 12, data: timeShift},
			{id: 13, data: guestData(order, 'vm1', 0x1234n, [[0, 483882], [1, 483883]])},
			{id: 14, data: tsc2nsec},
		];
		for (const version of [6, 7] as const) {
			const trace = await readBytes(buildDat(spec({version, ...order, options})));
			const meta = trace.meta!;
			expect(meta.traceId).toBe(0x5d2b93f358166218n);
			expect(meta.tsc2nsec).toEqual({multiplier: 735842807, shift: 31, offset: 999n});
			expect(meta.guests).toEqual([{name: 'vm1', traceId: 0x1234n, vcpus: [{vcpu: 0, pid: 483882}, {vcpu: 1, pid: 483883}]}]);
			expect(meta.timeShift).toEqual({
				peerTraceId: 0x2c75ff89fdaf813cn,
				flags: 1,
				interpolate: true,
				cpus: [
					{
						cpu: 0,
						samples: [
							{time: 1000n, offset: 63430235715905n, scaling: 1n, fracBits: 0},
							{time: 2000n, offset: -5n, scaling: 281474976710656n, fracBits: 48},
						],
					},
					{cpu: 1, samples: [{time: 3000n, offset: 7n, scaling: 1n, fracBits: 0}]},
				],
			});
		}
	});

	it('notes a malformed TIME_SHIFT option instead of failing the file', async () => {
		const order = {little: true, longSize: 8 as const};
		const broken = timeShiftData(order, 1n, 0, [[[1n, 2n, 3n]]]).subarray(0, 20);
		const trace = await readBytes(buildDat(spec({version: 7, ...order, options: [{id: 12, data: broken}]})));
		expect(trace.count).toBe(9);
		expect(trace.meta?.timeShift).toBeUndefined();
		expect(trace.meta?.notes.join(' ')).toMatch(/TIME_SHIFT option at byte \d+ is malformed/);
	});
});

describe('damaged synthetic files', () => {
	const order = {little: true, longSize: 8 as const};

	it('v6 cut inside the last page: loses that page only, and says so', async () => {
		const whole = buildDat(spec({version: 6, ...order}));
		// The last page in the file is CPU 1's; cut it in half.
		const trace = await readBytes(whole.subarray(0, whole.length - 2048));
		expect(trace.count).toBe(7);
		expect(Array.from(trace.cpu).every((cpu) => cpu === 0)).toBe(true);
		expect(trace.malformed.count).toBe(1);
		expect(trace.malformed.samples[0]!.reason).toMatch(/CPU 1: the file ends at byte \d+, inside its data .*the page cut off there and any after it are lost/);
		expect(trace.meta?.notes).toHaveLength(1);
	});

	it('a page whose commit size is larger than a page is skipped and counted', async () => {
		const s = scenario(order);
		const cpus = s.cpus;
		const bad = Buffer.from(cpus.get(0)![1]!);
		bad.writeUInt32LE(5000, 8);
		cpus.set(0, [cpus.get(0)![0]!, bad, cpus.get(0)![2]!]);
		const trace = await readBytes(buildDat(spec({version: 7, ...order, instances: [{name: '', cpus}]})));
		expect(trace.count).toBe(7);
		expect(trace.malformed.samples[0]!.reason).toMatch(/the page at byte \d+ of CPU 0 claims 5000 bytes of events, more than a 4096-byte page holds; the page is skipped/);
	});

	it('a record running past its page is counted, and the rest of the page skipped', async () => {
		const s = scenario(order);
		const first = Buffer.from(s.cpus.get(0)![0]!);
		first.writeUInt32LE(10, 8); // commit: 10 bytes, the second record starts at 8 and needs more
		s.cpus.set(0, [first, ...s.cpus.get(0)!.slice(1)]);
		const trace = await readBytes(buildDat(spec({version: 6, ...order, instances: [{name: '', cpus: s.cpus}]})));
		expect(trace.malformed.count).toBe(1);
		expect(trace.malformed.samples[0]!.reason).toMatch(/runs past the 10 bytes of events the page holds/);
	});

	const corrupt: [string, (b: Buffer) => Buffer, RegExp][] = [
		['bad magic', (b) => Buffer.concat([Buffer.from('not a trace'), b.subarray(11)]), /at byte 0 it expected the trace.dat magic bytes/],
		['version 8', (b) => Buffer.concat([b.subarray(0, 10), Buffer.from('8'), b.subarray(11)]), /at byte 10 it expected file version 6 or 7, found version "8"/],
		['cut after the header', (b) => b.subarray(0, 40), /at byte 24 it expected the offset of the first OPTIONS section inside the file \(40 bytes\), found \d+/],
		['options offset past the end', (b) => {
			const c = Buffer.from(b);
			c.writeBigUInt64LE(1n << 40n, 24);
			return c;
		}, /at byte 24 it expected the offset of the first OPTIONS section inside the file/],
	];
	for (const [name, damage, message] of corrupt) {
		it(`v7 ${name}: one InputError('corrupt') sentence with the byte offset`, async () => {
			const error = await rejection(readBytes(damage(buildDat(spec({version: 7, ...order})))));
			expect(error).toBeInstanceOf(InputError);
			expect(error.code).toBe('corrupt');
			expect(error.message).toMatch(message);
			expect(error.message).toMatch(/is a damaged or truncated trace\.dat: .*; copy the file again or record a new one\.$/);
			expect(error.message.split('\n')).toHaveLength(1);
		});
	}

	it('a file with no events says which buffer was empty', async () => {
		const error = await rejection(readBytes(buildDat(spec({version: 7, ...order, instances: [{name: '', cpus: new Map()}]}))));
		expect(error.code).toBe('no-events');
		expect(error.message).toMatch(/holds no events in its top-level buffer/);
	});
});
