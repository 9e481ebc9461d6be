// The streaming text reader on files: what a user gets from good, odd and bad input.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {InputError} from '../../../source/model/errors.js';
import {KvmKind} from '../../../source/model/trace.js';
import {loadTrace} from '../../../source/formats/load.js';
import {readTextTrace} from '../../../source/formats/text/reader.js';
import {headSlot} from '../../../source/formats/text/head-cache.js';
import {ftrace, tempDir, writeFile} from '../../helpers/traces.js';

async function errorOf(promise: Promise<unknown>): Promise<InputError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('readTextTrace', () => {
	it('counts malformed lines with their line numbers and still reads the rest', async () => {
		const file = writeFile(tempDir(), 'h.txt', [
			'# tracer: nop',
			ftrace('a', 1, 0, 100, 'x', 'one'),
			'garbage here',
			ftrace('a', 1, 0, 200, 'x', 'two'),
			'   foo-1 [001] 123 x: y',
			ftrace('a', 1, 0, 300, 'x', 'three'),
		]);
		const t = await readTextTrace(file);
		expect(t.count).toBe(3);
		expect(Array.from(t.line)).toEqual([2, 4, 6]);
		expect([t.text(0), t.text(1), t.text(2)]).toEqual(['one', 'two', 'three']);
		expect(t.malformed).toEqual({
			count: 2,
			samples: [
				{line: 3, reason: 'not an event line (no [CPU] column)'},
				{line: 5, reason: 'no colon after the timestamp'},
			],
		});
	});

	it('reads every line of a task on its own, whatever lines of that task came before', async () => {
		// Lines of one task share everything before the CPU column; each must still give its
		// own CPU, time and event, and a damaged CPU column or time is malformed every time.
		const head = '       CPU 2/KVM-3383    (   3371) ';
		const file = writeFile(tempDir(), 'h.txt', [
			`${head}[004] d..1. 100: kvm_entry: vcpu 2, rip 0x1`,
			`${head}[006] ..... 200: kvm_exit: vcpu 2 reason HLT rip 0x2`,
			`${head}[0x6] ..... 300: kvm_exit: vcpu 2 reason HLT rip 0x3`,
			`${head}[006] ..... 4x00: kvm_exit: vcpu 2 reason HLT rip 0x4`,
			`       CPU 2/KVM-3384    (   3371) [001] ..... 500: kvm_entry: vcpu 3, rip 0x5`,
			`${head}[007] ..... 600: sched_waking: comm=a pid=1`,
			`host.dat: CPU 2/KVM-3383    (   3371) [001] ..... 700: kvm_entry: vcpu 2, rip 0x6`,
			`host.dat: CPU 2/KVM-3383    (   3371) [002] ..... 800: kvm_exit: vcpu 2 reason HLT rip 0x7`,
		]);
		const t = await readTextTrace(file);
		const rows = Array.from({length: t.count}, (_, i) => [t.comms[t.comm[i]!], t.pid[i], t.tgid[i], t.cpu[i], t.tsc[i], t.names[t.name[i]!]]);
		expect(rows).toEqual([
			['CPU 2/KVM', 3383, 3371, 4, 100n, 'kvm_entry'],
			['CPU 2/KVM', 3383, 3371, 6, 200n, 'kvm_exit'],
			['CPU 2/KVM', 3384, 3371, 1, 500n, 'kvm_entry'],
			['CPU 2/KVM', 3383, 3371, 7, 600n, 'sched_waking'],
			// A task name longer than 16 characters holds a report's file prefix.
			['CPU 2/KVM', 3383, 3371, 1, 700n, 'kvm_entry'],
			['CPU 2/KVM', 3383, 3371, 2, 800n, 'kvm_exit'],
		]);
		expect(t.malformed.samples).toEqual([
			{line: 3, reason: 'not an event line (no [CPU] column)'},
			{line: 4, reason: 'no colon after the timestamp'},
		]);
		t.close();
	});

	it('tells apart heads of one length that differ in any one byte, wherever it stands', async () => {
		// A head seen before is found by a hash of its last 32 bytes and then compared in
		// full, four bytes at a time: heads that differ only before those bytes share a
		// slot, and each line must still get its own task, pid and tgid.
		const heads: [string, string, number, number][] = [
			['       CPU 2/KVM-3383    (   3371) ', 'CPU 2/KVM', 3383, 3371],
			['       CPU 2/KVM-3383    (   3372) ', 'CPU 2/KVM', 3383, 3372],
			['       CPU 2/KVM-3384    (   3371) ', 'CPU 2/KVM', 3384, 3371],
			['       DPU 2/KVM-3383    (   3371) ', 'DPU 2/KVM', 3383, 3371],
			['      xCPU 2/KVM-3383    (   3371) ', 'xCPU 2/KVM', 3383, 3371],
			['       CPU 2/KVM-3383    (   4371) ', 'CPU 2/KVM', 3383, 4371],
		];
		const lines: string[] = [];
		const expected: unknown[] = [];
		for (let round = 0; round < 3; round++) {
			for (const [head, comm, pid, tgid] of heads) {
				const tsc = 100 * (lines.length + 1);
				lines.push(`${head}[004] d..1. ${tsc}: kvm_entry: vcpu 2, rip 0x1`);
				expected.push([comm, pid, tgid, BigInt(tsc)]);
			}
		}
		const t = await readTextTrace(writeFile(tempDir(), 'h.txt', lines));
		const rows = Array.from({length: t.count}, (_, i) => [t.comms[t.comm[i]!], t.pid[i], t.tgid[i], t.tsc[i]]);
		expect(rows).toEqual(expected);
		expect(t.malformed.count).toBe(0);
		t.close();
	});

	it('tells apart heads that differ only in their CPU, flags or spacing, or only where the hash does not look', async () => {
		// A head is kept up to its timestamp's first digit, so one hit gives task, pid, tgid and
		// CPU. Heads of one length differing only in their first bytes hash alike (the hash reads
		// the last 32): each line must still get its own fields, and one not followed by a
		// digit must be read in full (and refused here).
		const heads: [string, string, number, number, number][] = [
			['   taskname-long-a-3383    (   3371) [004] d..1. ', 'taskname-long-a', 3383, 3371, 4],
			['x  taskname-long-a-3383    (   3371) [004] d..1. ', 'x  taskname-long-a', 3383, 3371, 4],
			['   taskname-long-b-3383    (   3371) [004] d..1. ', 'taskname-long-b', 3383, 3371, 4],
			['   uaskname-long-a-3383    (   3371) [004] d..1. ', 'uaskname-long-a', 3383, 3371, 4],
			['    askname-long-a-3383    (   3371) [004] d..1. ', 'askname-long-a', 3383, 3371, 4],
			['   taskname-lonG-a-3383    (   3371) [004] d..1. ', 'taskname-lonG-a', 3383, 3371, 4],
			['   taskname-long-a-3383    (   3371) [005] d..1. ', 'taskname-long-a', 3383, 3371, 5],
			['   taskname-long-a-3383    (   3371) [004] dN.1. ', 'taskname-long-a', 3383, 3371, 4],
			['   taskname-long-a-3383    (   3371) [004]  d..1.', 'taskname-long-a', 3383, 3371, 4],
			['   taskname-long-a-3383    (   3371) [014] d..1. ', 'taskname-long-a', 3383, 3371, 14],
			['   taskname-long-a-3383    (   3371)  [04] d..1. ', 'taskname-long-a', 3383, 3371, 4],
		];
		const lines: string[] = [];
		const expected: unknown[] = [];
		for (let round = 0; round < 3; round++) {
			for (const [head, comm, pid, tgid, cpu] of heads) {
				const tsc = 100 * (lines.length + 1);
				// The spacing case has its digit right after the flags: `d..1.100` reads as flags.
				lines.push(head.endsWith(' ') ? `${head}${tsc}: kvm_entry: vcpu 2, rip 0x1` : `${head} ${tsc}: kvm_entry: vcpu 2, rip 0x1`);
				expected.push([comm, pid, tgid, cpu, BigInt(tsc)]);
			}
		}
		const bad = lines.length + 1;
		lines.push(`${heads[0]![0]}.${100 * bad}: kvm_entry: vcpu 2, rip 0x1`);
		const t = await readTextTrace(writeFile(tempDir(), 'h.txt', lines));
		const rows = Array.from({length: t.count}, (_, i) => [t.comms[t.comm[i]!], t.pid[i], t.tgid[i], t.cpu[i], t.tsc[i]]);
		expect(rows).toEqual(expected);
		expect(t.malformed.samples).toEqual([{line: bad, reason: 'no timestamp after the [CPU] column'}]);
		t.close();
	});

	it('tells apart heads that share a slot of the head cache though the bytes it hashes differ', async () => {
		// Two heads of one length whose last 32 bytes differ (pid and tgid) but whose hashes
		// pick the same slot: each hit is confirmed on every byte, so neither takes the other's.
		const head = (pid: number, tgid: number) => `      CPU 0/KVM-${pid}    (   ${tgid}) [004] d..1. `;
		const slotOf = (text: string) => headSlot(Buffer.from(text, 'latin1'), 0, text.length);
		const first = slotOf(head(1000, 3371));
		let other: [number, number] | undefined;
		for (let tgid = 3371; tgid < 3381 && !other; tgid++) {
			for (let pid = 1001; pid <= 9999 && !other; pid++) if (slotOf(head(pid, tgid)) === first) other = [pid, tgid];
		}
		expect(other).toBeDefined();
		const [pid, tgid] = other!;
		const lines: string[] = [];
		for (let i = 0; i < 6; i++) lines.push(i % 2 === 0 ? `${head(1000, 3371)}${100 + i}: kvm_entry: vcpu 0, rip 0x1` : `${head(pid, tgid)}${100 + i}: kvm_entry: vcpu 0, rip 0x1`);
		const t = await readTextTrace(writeFile(tempDir(), 'slot.txt', lines));
		expect(Array.from({length: t.count}, (_, i) => [t.pid[i], t.tgid[i]])).toEqual(
			Array.from({length: 6}, (_, i) => (i % 2 === 0 ? [1000, 3371] : [pid, tgid])),
		);
		t.close();
	});

	it('reads a timestamp of every length exactly, and refuses one past 64 bits', async () => {
		// Digits are read four at a time: every length from 1 to 19 digits, each digit 0-9 in
		// most places, 2^32 either side, and 2^64 - 1, the largest TSC.
		const values: string[] = [];
		for (let digits = 1; digits <= 19; digits++) values.push('9876543210123456789'.slice(0, digits), '1234567890987654321'.slice(0, digits));
		values.push('18446744073709551615', '10000000000000000', '9999999999999999', '100000000', '4294967296', '4294967295');
		const lines = values.map((tsc) => ftrace('task', 7, 0, BigInt(tsc), 'sched_waking', 'pid=1'));
		lines.push(ftrace('task', 7, 0, 18446744073709551616n, 'sched_waking', 'pid=1'));
		const t = await readTextTrace(writeFile(tempDir(), 'ts.txt', lines));
		expect(Array.from(t.tsc)).toEqual(values.map(BigInt));
		expect(t.malformed.samples).toEqual([{line: values.length + 1, reason: 'timestamp does not fit in 64 bits'}]);
		t.close();
	});

	it('tells apart event names that share their first bytes with a name seen before', async () => {
		// Names seen before are matched in place with the colon after them: a longer or a
		// shorter name, or one without its colon, is its own name or no name at all.
		const names = ['kvm_entry', 'kvm_entryX', 'kvm_entr', 'kvm_entry', 'kvm', 'kv', 'kvm_exit', 'irq_handler_entry', 'irq_handler_exit', 'irq_handler_entry'];
		const lines = names.map((name, i) => ftrace('task', 7, 0, 100 + i, name, 'vcpu 0'));
		lines.push('           task-7       [000] d..1. 200: kvm_entry:vcpu 0', '           task-7       [000] d..1. 201: kvm_entry vcpu 0');
		const t = await readTextTrace(writeFile(tempDir(), 'names.txt', lines));
		expect(Array.from(t.name, (id) => t.names[id])).toEqual([...names, 'kvm_entry', 'function']);
		t.close();
	});

	it('refuses a nanosecond-clock trace with one sentence naming the file, the line and the fix', async () => {
		const file = writeFile(tempDir(), 'ns.txt', ['cpus=2', '           <...>-1701  [001]    76.211513: sched_switch:          prev_comm=foo']);
		const error = await errorOf(readTextTrace(file));
		expect(error.code).toBe('nanosecond-clock');
		expect(error.message).toBe(
			`${file}:2: timestamps are seconds.microseconds, so the trace was recorded with a nanosecond clock and cannot be put on the host TSC; record it again with the x86-tsc clock (\`echo x86-tsc > /sys/kernel/tracing/trace_clock\`, or \`trace-cmd record -C x86-tsc\`; for trace-cmd report text also pass --raw-ts).`,
		);
	});

	it('reads gzip-compressed text and decodes event text lazily from it', async () => {
		const dir = tempDir();
		const lines = Array.from({length: 3000}, (_, i) => ftrace('task', 7, i % 4, 1000 + i, 'ev', `n=${i}`));
		const file = path.join(dir, 'g.txt.gz');
		fs.writeFileSync(file, zlib.gzipSync(lines.join('\n')));
		const t = await loadTrace(file);
		expect(t.count).toBe(3000);
		expect(t.text(2999)).toBe('n=2999');
		expect(t.raw(5)).toBe(lines[5]);
		t.close();
	});

	it('keeps every value when the columns grow past their first capacity', async () => {
		const lines = Array.from({length: 5000}, (_, i) => ftrace(`t${i % 13}`, 1000 + i, i % 8, 5000 + i * 3, 'ev', String(i)));
		const t = await readTextTrace(writeFile(tempDir(), 'big.txt', lines));
		expect(t.count).toBe(5000);
		for (const i of [0, 1023, 1024, 2047, 2048, 4999]) {
			expect([t.line[i], t.pid[i], t.cpu[i], t.tsc[i], t.comms[t.comm[i]!]]).toEqual([i + 1, 1000 + i, i % 8, BigInt(5000 + i * 3), `t${i % 13}`]);
		}
	});

	it('reads a line that straddles the 4 MiB read chunks, and CRLF line ends', async () => {
		const filler = 'x'.repeat(200);
		const lines: string[] = [];
		for (let i = 0; i < 25_000; i++) lines.push(ftrace('t', 1, 0, 10 + i, 'ev', `${i} ${filler}`));
		const file = path.join(tempDir(), 'crlf.txt');
		fs.writeFileSync(file, lines.join('\r\n'));
		const t = await readTextTrace(file);
		expect(t.count).toBe(25_000);
		expect(t.malformed.count).toBe(0);
		expect(t.text(24_999)).toBe(`24999 ${filler}`);
		expect(t.tsc[24_999]).toBe(25_009n);
	});

	it('counts a line longer than 1 MiB as malformed and reads on', async () => {
		const file = writeFile(tempDir(), 'long.txt', [ftrace('a', 1, 0, 1, 'x', 'y'), 'z'.repeat(3 * 1024 * 1024), ftrace('a', 1, 0, 2, 'x', 'after')]);
		const t = await readTextTrace(file);
		expect(t.count).toBe(2);
		expect(t.text(1)).toBe('after');
		expect(t.malformed.count).toBe(1);
		expect(t.malformed.samples[0]!.reason).toBe('line longer than 1048576 bytes');
	});

	it('keeps a lost-events marker on its CPU, pointing at the next event there', async () => {
		const t = await readTextTrace(
			writeFile(tempDir(), 'lost.txt', [ftrace('a', 1, 0, 1, 'x', 'y'), 'CPU:2 [LOST 77 EVENTS]', ftrace('a', 1, 0, 2, 'x', 'y'), ftrace('a', 1, 2, 3, 'x', 'y')]),
		);
		expect(t.lost).toEqual([{cpu: 2, count: 77, line: 2, nextIndex: 2}]);
	});

	it('reads the kvm events in every kernel generation', async () => {
		const t = await readTextTrace(
			writeFile(tempDir(), 'kvm.txt', [
				ftrace('CPU 0/KVM', 9, 0, 1, 'kvm_entry', 'vcpu 0'),
				ftrace('CPU 0/KVM', 9, 0, 2, 'kvm_exit', 'reason HLT rip 0xffffffff81000000 info 0 0'),
				ftrace('CPU 1/KVM', 10, 0, 3, 'kvm_entry', 'vcpu 1, rip 0xffffffff81000000[immediate exit]'),
				ftrace('CPU 1/KVM', 10, 0, 4, 'kvm_exit', 'vcpu 1 reason npf rip 0x0 info1 0x0 info2 0x0 intr_info 0x00000000 error_code 0x00000000'),
				ftrace('CPU 1/KVM', 10, 0, 5, 'kvm_msr', 'msr_write 10 = 0x1234'),
				ftrace('CPU 1/KVM', 10, 0, 6, 'kvm_msr', 'msr_write 3b = 0x10'),
				ftrace('CPU 1/KVM', 10, 0, 7, 'kvm_msr', 'msr_write 6e0 = 0x10'),
				ftrace('CPU 1/KVM', 10, 0, 8, 'kvm_write_tsc_offset', 'vcpu=1 prev=18446680643473835711 next=0'),
				ftrace('CPU 1/KVM', 10, 0, 9, 'kvm_entry', 'garbled'),
			]),
		);
		expect(Array.from(t.kvm.kind)).toEqual([KvmKind.Entry, KvmKind.Exit, KvmKind.Entry, KvmKind.Exit]);
		expect(Array.from(t.kvm.vcpu)).toEqual([0, -1, 1, 1]);
		expect(t.msrWrites).toEqual([
			{index: 4, msr: 0x10, value: 0x1234n},
			{index: 5, msr: 0x3b, value: 0x10n},
		]);
		expect(t.writes).toEqual([{index: 7, vcpu: 1, prev: 18446680643473835711n, next: 0n}]);
		expect(t.malformed.samples).toEqual([{line: 9, reason: 'kvm_entry without a vcpu id'}]);
	});
});

describe('unusable files', () => {
	const dir = tempDir();

	it('names a missing file', async () => {
		const error = await errorOf(loadTrace(path.join(dir, 'nope.txt')));
		expect([error.code, error.message]).toEqual(['missing', `${path.join(dir, 'nope.txt')}: no such file; check the path.`]);
	});

	it('names an empty file', async () => {
		const file = writeFile(dir, 'empty.txt', []);
		fs.writeFileSync(file, '');
		const error = await errorOf(loadTrace(file));
		expect([error.code, error.message]).toEqual(['empty', `${file} is empty; record the trace again (it holds no events).`]);
	});

	it('names a binary file and the first binary byte', async () => {
		const file = path.join(dir, 'bin.dat');
		fs.writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]));
		const error = await errorOf(loadTrace(file));
		expect(error.code).toBe('binary');
		expect(error.message).toBe(`${file} is binary, not a trace (byte 6 is 0x00); give ftrace or trace-cmd report text, or a trace-cmd trace.dat.`);
	});

	it('names a text file with no events', async () => {
		const file = writeFile(dir, 'notes.txt', ['hello', 'world']);
		const error = await errorOf(loadTrace(file));
		expect(error.code).toBe('no-events');
		expect(error.message).toContain('none of its 2 lines is an event line');
	});
});

describe('robustness', () => {
	const seeds = [
		ftrace('CPU 0/KVM', 7289, 23, 64642412873143n, 'kvm_entry', 'vcpu 0, rip 0xffffffffa13f2e30'),
		' qemu-system-x86-483882 [007]64642412873143: kvm_exit:             reason EPT_MISCONFIG rip 0xffffffffa0632f49 info 0 0',
		ftrace('CPU 1/KVM', 10, 0, 8, 'kvm_write_tsc_offset', 'vcpu=1 prev=18446680643473835711 next=0'),
		ftrace('CPU 1/KVM', 10, 0, 5, 'kvm_msr', 'msr_write 10 = 0x1234'),
		'CPU:3 [LOST 1234 EVENTS]',
		'cpus=20',
	];

	it('never throws anything but an InputError on random bytes', async () => {
		const dir = tempDir();
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({minLength: 1, maxLength: 400}), async (bytes) => {
				const file = path.join(dir, 'random.bin');
				fs.writeFileSync(file, bytes);
				try {
					(await loadTrace(file)).close();
				} catch (error) {
					expect(error).toBeInstanceOf(InputError);
				}
			}),
			{numRuns: 200},
		);
	});

	it('never throws on mutated real lines, and accounts for every line', async () => {
		const dir = tempDir();
		const mutated = fc
			.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.string({maxLength: 3}).map((t) => t.replace(/\n/g, ' '))), {maxLength: 4}))
			.map(([line, edits]) => edits.reduce((s, [at, text]) => s.slice(0, at % (s.length + 1)) + text + s.slice((at % (s.length + 1)) + 1), line));
		await fc.assert(
			fc.asyncProperty(fc.array(mutated, {minLength: 1, maxLength: 30}), async (lines) => {
				const file = path.join(dir, 'mutated.txt');
				fs.writeFileSync(file, [seeds[0]!, ...lines].join('\n'));
				try {
					const t = await readTextTrace(file);
					// A kvm event with unreadable text is kept as an event and also counted malformed.
					expect(t.count).toBeLessThanOrEqual(lines.length + 1);
					expect(t.malformed.count).toBeLessThanOrEqual(lines.length + 1);
					expect(t.malformed.samples.every((m) => m.line >= 1 && m.line <= lines.length + 1)).toBe(true);
					for (let i = 0; i < t.count; i++) t.text(i);
					t.close();
				} catch (error) {
					expect(error).toBeInstanceOf(InputError);
				}
			}),
			{numRuns: 200},
		);
	});
});
