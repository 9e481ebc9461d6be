// Buffers that cannot join the merge: another clock, latency text, no data. A file whose
// buffers disagree on the clock is refused with one sentence, never mixed.

import {describe, expect, it} from 'vitest';
import {buildDat, bytes, type Order} from './build-dat.js';
import {readBytes, rejection} from './helpers.js';
import {scenario} from './scenario.js';
import {instanceCpus, twoBuffers} from './two-buffers.js';

const order: Order = {little: true, longSize: 8};

function withInstanceClock(version: 6 | 7, clock: string): Uint8Array {
	const {spec} = twoBuffers(order, version);
	spec.instances[1]!.clock = clock;
	return buildDat(spec);
}

describe('trace.dat buffers on different clocks', () => {
	for (const version of [6, 7] as const) {
		it(`v${version}: an instance on a nanosecond clock is refused by default, and each buffer can still be read alone`, async () => {
			const file = withInstanceClock(version, 'local');
			const error = await rejection(readBytes(file));
			expect(error.code).toBe('nanosecond-clock');
			expect(error.message).toMatch(
				/^\S+ mixes trace clocks: its top-level buffer was recorded with the "x86-tsc" clock but its buffer instance "tscalign" with the "local" clock, and their timestamps cannot be merged; read one buffer with --instance NAME \(top for the top-level buffer\), or record again with `trace-cmd record -C x86-tsc` for every buffer\.$/,
			);
			// Reading every buffer anyway would put two time lines in one: still refused.
			expect((await rejection(readBytes(file, {allowNanoseconds: true}))).message).toContain('mixes trace clocks');
			const top = await readBytes(file, {instance: 'top'});
			expect([top.count, top.meta?.clock]).toEqual([9, 'x86-tsc']);
			top.close();
			const alone = await rejection(readBytes(file, {instance: 'tscalign'}));
			expect(alone.code).toBe('nanosecond-clock');
			expect(alone.message).toContain('was recorded with the "local" clock, whose timestamps are nanoseconds');
		});
	}

	it('a tsc2nsec instance beside an x86-tsc top-level buffer: the same counter, merged', async () => {
		const trace = await readBytes(withInstanceClock(7, 'tsc2nsec'));
		expect([trace.count, trace.meta?.clock, trace.meta?.buffersRead]).toEqual([13, 'x86-tsc', ['', 'tscalign']]);
		trace.close();
	});

	it('a counter-clock instance beside an x86-tsc one is refused as another time line', async () => {
		const error = await rejection(readBytes(withInstanceClock(7, 'counter')));
		expect(error.code).toBe('unreadable');
		expect(error.message).toContain('its buffer instance "tscalign" with the "counter" clock');
	});

	it('an instance with no data does not count, whatever its clock', async () => {
		const {spec} = twoBuffers(order, 7);
		spec.instances.push({name: 'idle', clock: 'local', cpus: new Map()});
		const trace = await readBytes(buildDat(spec));
		expect([trace.count, trace.meta?.instances, trace.meta?.buffersRead]).toEqual([13, ['', 'tscalign', 'idle'], ['', 'tscalign', 'idle']]);
		trace.close();
	});
});

describe('trace.dat buffers that hold nothing to merge', () => {
	it('an empty top-level buffer (a recording of instances only): the instance is read', async () => {
		const inst = instanceCpus(order);
		const spec = {version: 7 as const, ...order, cpuCount: 2, clock: 'x86-tsc', instances: [{name: '', cpus: new Map()}, {name: 'tscalign', cpus: inst.cpus}]};
		const trace = await readBytes(buildDat(spec));
		expect(Array.from(trace.tsc)).toEqual(inst.expected.map((e) => e.ts));
		expect(trace.raw(0)).toBe('tscalign: <...>-300 [000] 1000: sample: value=20 small=0 msg=inst at 1000');
		trace.close();
		const error = await rejection(readBytes(buildDat(spec), {instance: 'top'}));
		expect(error.code).toBe('no-events');
		expect(error.message).toMatch(/holds no events in its top-level buffer; try --instance "tscalign"\.$/);
	});

	it('no buffer holds events: one sentence for the file', async () => {
		const spec = {version: 7 as const, ...order, cpuCount: 2, clock: 'x86-tsc', instances: [{name: '', cpus: new Map()}, {name: 'tscalign', cpus: new Map()}]};
		const error = await rejection(readBytes(buildDat(spec)));
		expect(error.code).toBe('no-events');
		expect(error.message).toMatch(/^\S+ holds no events in any of its buffers; record it again\.$/);
	});

	it('a latency-text buffer is refused by default and named; --instance top reads the rest', async () => {
		// BUFFER_TEXT (id 22): offset, name, clock, as a latency tracer writes it.
		const latency = bytes(order).u64(0).str('lat').str('x86-tsc').bytes();
		const spec = {version: 7 as const, ...order, cpuCount: 2, clock: 'x86-tsc', options: [{id: 22, data: latency}], instances: [{name: '', cpus: scenario(order).cpus}]};
		const error = await rejection(readBytes(buildDat(spec)));
		expect(error.code).toBe('unreadable');
		expect(error.message).toMatch(
			/holds latency-tracer text, not ring-buffer pages, in its buffer instance "lat"; read another of its buffers with --instance NAME, or record events with `trace-cmd record -e \.\.\.` instead\.$/,
		);
		const top = await readBytes(buildDat(spec), {instance: 'top'});
		expect(top.count).toBe(9);
		top.close();
	});
});
