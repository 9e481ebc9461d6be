// A trace.dat with a top-level buffer (the scenario of scenario.ts) and a "tscalign" instance
// whose records tie with the top buffer's on purpose, with every record in the order
// `trace-cmd report` merges them: by timestamp, ties to the earlier buffer, then the lower CPU.

import {page, samplePayload, SAMPLE_ID, type DatSpec, type Order, type Rec} from './build-dat.js';
import {kvmWrite, scenario, type Expected} from './scenario.js';

const PAGE = 4096;

export interface MergedExpected extends Expected {
	/** "" for the top-level buffer. */
	buffer: string;
}

const ev = (payload: Buffer, delta: number): Rec => ({kind: 'event', delta, payload});

/** The instance's pages: CPU 0 ties top CPU 1 at 1000 and 1100, CPU 1 ties top CPU 0 at 1005. */
export function instanceCpus(order: Order): {cpus: Map<number, Buffer[]>; expected: MergedExpected[]} {
	const sample = (value: number, msg: string) => samplePayload(order, SAMPLE_ID, 300, value, 0, msg);
	const cpu0 = [
		page(order, PAGE, {ts: 1000n, records: [ev(sample(20, 'inst at 1000'), 0), ev(sample(21, 'inst at 1050'), 50)]}),
		page(order, PAGE, {ts: 1100n, missed: 7, records: [ev(kvmWrite(order, 300, 0, 5n, 6n), 0)]}),
	];
	const cpu1 = [page(order, PAGE, {ts: 1005n, records: [ev(sample(22, 'inst cpu1 at 1005'), 0)]})];
	const expected: MergedExpected[] = [
		{buffer: 'tscalign', ts: 1000n, cpu: 0, name: 'sample', text: 'value=20 small=0 msg=inst at 1000'},
		{buffer: 'tscalign', ts: 1005n, cpu: 1, name: 'sample', text: 'value=22 small=0 msg=inst cpu1 at 1005'},
		{buffer: 'tscalign', ts: 1050n, cpu: 0, name: 'sample', text: 'value=21 small=0 msg=inst at 1050'},
		{buffer: 'tscalign', ts: 1100n, cpu: 0, name: 'kvm_write_tsc_offset', text: 'vcpu=0 prev=5 next=6', lostBefore: 7},
	];
	return {
		cpus: new Map([
			[0, cpu0],
			[1, cpu1],
		]),
		expected,
	};
}

export function twoBuffers(order: Order, version: 6 | 7, compression?: 'zlib'): {spec: DatSpec; expected: MergedExpected[]} {
	const top = scenario(order);
	const inst = instanceCpus(order);
	const rank = (e: MergedExpected) => (e.buffer === '' ? 0 : 1);
	const expected = [...top.expected.map((e) => ({...e, buffer: ''})), ...inst.expected];
	// Timestamps rise within each CPU of each buffer, so report's order is a stable sort.
	expected.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : rank(a) - rank(b) || a.cpu - b.cpu));
	const spec: DatSpec = {
		version,
		...order,
		compression,
		cpuCount: 2,
		clock: 'x86-tsc',
		cmdlines: '100 synth-task\n300 inst-task\n',
		instances: [
			{name: '', cpus: top.cpus},
			{name: 'tscalign', cpus: inst.cpus},
		],
	};
	return {spec, expected};
}
