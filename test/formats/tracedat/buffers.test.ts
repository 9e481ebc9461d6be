// Every buffer of a trace.dat read as one trace: the top-level buffer and its instances
// merged by timestamp as `trace-cmd report` merges them, with each buffer's lost events,
// malformed pages and text; --instance still reads one buffer.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {example, runCli} from '../../helpers/cli.js';
import {buildDat, page, samplePayload, type Order} from './build-dat.js';
import {readBytes} from './helpers.js';
import {scenario} from './scenario.js';
import {twoBuffers} from './two-buffers.js';

const layouts: {name: string; version: 6 | 7; compression?: 'zlib'}[] = [
	{name: 'v6', version: 6},
	{name: 'v7', version: 7},
	{name: 'v7 zlib', version: 7, compression: 'zlib'},
];
const orders: Order[] = [
	{little: true, longSize: 8},
	{little: false, longSize: 4},
];

describe('trace.dat files with a buffer instance', () => {
	for (const layout of layouts) {
		for (const order of orders) {
			const label = `${layout.name}, ${order.little ? 'little' : 'big'}-endian, ${order.longSize * 8}-bit kernel`;

			it(`${label}: every buffer by default, ties to the earlier buffer and then the lower CPU`, async () => {
				const {spec, expected} = twoBuffers(order, layout.version, layout.compression);
				const trace = await readBytes(buildDat(spec));
				expect(trace.count).toBe(9 + 4);
				expect(Array.from(trace.tsc)).toEqual(expected.map((e) => e.ts));
				expect(Array.from(trace.cpu)).toEqual(expected.map((e) => e.cpu));
				expect(Array.from(trace.line)).toEqual(expected.map((_, i) => i + 1));
				expect(expected.map((_, i) => trace.names[trace.name[i]!])).toEqual(expected.map((e) => e.name));
				// Text is found again lazily for records of either buffer.
				expect(expected.map((_, i) => trace.text(i))).toEqual(expected.map((e) => e.text));
				// The raw rendering names the instance, as report's `NAME:` prefix does.
				expect(expected.map((_, i) => trace.raw(i).startsWith('tscalign: '))).toEqual(expected.map((e) => e.buffer === 'tscalign'));
				const tie = expected.findIndex((e) => e.buffer === 'tscalign');
				expect(trace.raw(tie)).toBe('tscalign: inst-task-300 [000] 1000: sample: value=20 small=0 msg=inst at 1000');
				expect(trace.raw(tie - 1)).toBe('<...>-200 [001] 1000: sample: value=10 small=0 msg=tie goes to cpu0');
				expect(trace.meta).toMatchObject({instances: ['', 'tscalign'], buffersRead: ['', 'tscalign'], clock: 'x86-tsc', counterClock: true});
				// Both buffers' offset writes, each at its own record.
				expect(trace.writes.map((w) => [trace.line[w.index], w.vcpu, w.next])).toEqual([
					[expected.findIndex((e) => e.buffer === 'tscalign' && e.name === 'kvm_write_tsc_offset') + 1, 0, 6n],
					[expected.findIndex((e) => e.buffer === '' && e.name === 'kvm_write_tsc_offset') + 1, 1, (1n << 64n) - 63430235715905n],
				]);
				expect(trace.malformed.count).toBe(0);
				trace.close();
			});

			it(`${label}: each buffer's lost events are marked before its own next record`, async () => {
				const {spec, expected} = twoBuffers(order, layout.version, layout.compression);
				const trace = await readBytes(buildDat(spec));
				const lost = trace.lost.map((l) => [l.buffer, l.cpu, l.count, l.line, trace.raw(l.nextIndex)]);
				const at = (buffer: string, name: string) => expected.findIndex((e) => e.buffer === buffer && e.name === name);
				// Both buffers have a CPU 0: the marker says whose it is (none for the top-level buffer).
				expect(lost).toEqual([
					['tscalign', 0, 7, at('tscalign', 'kvm_write_tsc_offset') + 1, 'tscalign: inst-task-300 [000] 1100: kvm_write_tsc_offset: vcpu=0 prev=5 next=6'],
					[undefined, 0, 123, at('', 'kvm_exit') + 1, trace.raw(at('', 'kvm_exit'))],
					[undefined, 0, -1, at('', 'kvm_write_tsc_offset') + 1, trace.raw(at('', 'kvm_write_tsc_offset'))],
				]);
				expect(trace.raw(at('', 'kvm_exit')).startsWith('<...>-4242 [000] ')).toBe(true);
				trace.close();
			});
		}

		it(`${layout.name}: --instance reads one buffer, top the top-level one, with the same records as in the merge`, async () => {
			const order = orders[0]!;
			const {spec, expected} = twoBuffers(order, layout.version, layout.compression);
			const bytes = buildDat(spec);
			const top = await readBytes(bytes, {instance: 'top'});
			expect(Array.from(top.tsc)).toEqual(scenario(order).expected.map((e) => e.ts));
			expect(top.meta?.buffersRead).toEqual(['']);
			const inst = await readBytes(bytes, {instance: 'tscalign'});
			const mine = expected.filter((e) => e.buffer === 'tscalign');
			expect(Array.from(inst.tsc)).toEqual(mine.map((e) => e.ts));
			expect(mine.map((_, i) => inst.text(i))).toEqual(mine.map((e) => e.text));
			expect(Array.from(inst.line)).toEqual([1, 2, 3, 4]);
			expect(inst.lost.map((l) => [l.cpu, l.count, l.line])).toEqual([[0, 7, 4]]);
			top.close();
			inst.close();
		});

		it(`${layout.name}: a broken page or an unknown event in an instance is malformed and says which buffer`, async () => {
			const order = orders[0]!;
			const {spec} = twoBuffers(order, layout.version, layout.compression);
			const inst = spec.instances[1]!;
			const broken = page(order, 4096, {ts: 5000n, records: [{kind: 'event', delta: 0, payload: samplePayload(order, 501, 300, 1, 0, 'lost')}], commit: 5000});
			const unknown = page(order, 4096, {ts: 6000n, records: [{kind: 'event', delta: 0, payload: samplePayload(order, 999, 300, 1, 0, 'who')}]});
			inst.cpus.set(1, [...inst.cpus.get(1)!, broken, unknown]);
			const trace = await readBytes(buildDat(spec));
			expect(trace.count).toBe(9 + 4);
			expect(trace.malformed.count).toBe(2);
			const [page1, record] = trace.malformed.samples;
			expect(page1!.reason).toMatch(/^buffer instance "tscalign": (the page at byte \d+|page 2 of the compressed chunk at byte \d+) of CPU 1 claims 5000 bytes of events/);
			expect(record!.reason).toMatch(/^record \d+ \(CPU 1 of buffer instance "tscalign"\) has event id 999, which the file's formats do not define$/);
			trace.close();
		});
	}
});

describe('check on a trace.dat with a buffer instance', () => {
	it('says whose CPU 0 lost events, in text and in --json', () => {
		const {spec, expected} = twoBuffers(orders[0]!, 7, 'zlib');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-buffers-'));
		try {
			const file = path.join(dir, 'host.dat');
			fs.writeFileSync(file, buildDat(spec));
			const at = (buffer: string, name: string) => expected.findIndex((e) => e.buffer === buffer && e.name === name) + 1;
			const text = runCli(['check', file, example('demo', 'guest.txt')]);
			expect(text.stdout).toContain(`  lost events on CPU 0 of buffer instance "tscalign": 7 (${file}:${at('tscalign', 'kvm_write_tsc_offset')})\n`);
			expect(text.stdout).toContain(`  lost events on CPU 0: 123 (${file}:${at('', 'kvm_exit')})\n`);
			expect(text.stdout).toContain(`  lost events on CPU 0: an unknown number (${file}:${at('', 'kvm_write_tsc_offset')})\n`);
			const json = JSON.parse(runCli(['check', file, example('demo', 'guest.txt'), '--json']).stdout) as {host: {lost_events: unknown[]}};
			expect(json.host.lost_events).toEqual([
				{cpu: 0, buffer: 'tscalign', count: 7, line: at('tscalign', 'kvm_write_tsc_offset')},
				{cpu: 0, buffer: null, count: 123, line: at('', 'kvm_exit')},
				{cpu: 0, buffer: null, count: null, line: at('', 'kvm_write_tsc_offset')},
			]);
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});
});
