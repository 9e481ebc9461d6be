// A two-CPU trace that uses every record type and page flag, with the timestamps, CPUs and
// values a correct reader must produce (worked out by hand from docs/tracedat-format.md §8).

import {bytes, ENTRY_ID, EXIT_ID, page, samplePayload, SAMPLE_ID, WRITE_ID, type Order, type Rec} from './build-dat.js';

export interface Expected {
	ts: bigint;
	cpu: number;
	name: string;
	text: string;
	/** Missed events the page header reports right before this record. */
	lostBefore?: number;
}

const PAGE = 4096;

export function kvmEntry(order: Order, pid: number, vcpu: number, rip: bigint): Buffer {
	return bytes(order).u16(ENTRY_ID).u8(0).u8(0).i32(pid).u32(vcpu).u32(0).u64(rip).bytes();
}

export function kvmExit(order: Order, pid: number, vcpu: number, reason: number, rip: bigint): Buffer {
	return bytes(order).u16(EXIT_ID).u8(0).u8(0).i32(pid).u32(reason).u32(0).u64(rip).u32(1).u32(vcpu).bytes();
}

export function kvmWrite(order: Order, pid: number, vcpu: number, prev: bigint, next: bigint): Buffer {
	return bytes(order).u16(WRITE_ID).u8(0).u8(0).i32(pid).u32(vcpu).u32(0).u64(prev).u64(next).bytes();
}

const ev = (payload: Buffer, delta: number, forceLength0 = false): Rec => ({kind: 'event', delta, payload, forceLength0});

/** Per CPU, its pages; and every record in the order `trace-cmd report` prints them. */
export function scenario(order: Order): {cpus: Map<number, Buffer[]>; expected: Expected[]} {
	const sample = (pid: number, value: number, small: number, msg: string) => samplePayload(order, SAMPLE_ID, pid, value, small, msg);
	const BIG = (1n << 60n) + 7n; // beyond 2^53: must stay exact
	const cpu0 = [
		page(order, PAGE, {
			ts: 1000n,
			records: [
				ev(sample(100, 1, -2, 'first'), 0),
				ev(sample(100, 2, 3, 'length in first word'), 5, true),
				{kind: 'extend', delta: 3, high: 1},
				ev(sample(100, 3, 0, 'after extend'), 0),
				{kind: 'pad', delta: 10, length: 12},
				ev(kvmEntry(order, 4242, 1, 0xffffffff81001000n), 2),
			],
		}),
		page(order, PAGE, {
			ts: BIG,
			missed: 123,
			records: [ev(kvmExit(order, 4242, 1, 30, 0xffffffff81001010n), 0), {kind: 'stamp', delta: 9, high: 2}, ev(sample(100, 4, 0, 'after stamp'), 1)],
		}),
		page(order, PAGE, {ts: BIG + (1n << 30n), missed: -1, records: [ev(kvmWrite(order, 4242, 1, 5n, (1n << 64n) - 63430235715905n), 0)]}),
	];
	const cpu1 = [page(order, PAGE, {ts: 1000n, records: [ev(sample(200, 10, 0, 'tie goes to cpu0'), 0), ev(sample(200, 11, 0, 'later'), 100)]})];
	const extended = 1000n + 5n + (1n << 27n) + 3n;
	const stamped = ((2n << 27n) + 9n) | (BIG & (0xf8n << 56n));
	const expected: Expected[] = [
		{ts: 1000n, cpu: 0, name: 'sample', text: 'value=1 small=65534 msg=first'},
		{ts: 1000n, cpu: 1, name: 'sample', text: 'value=10 small=0 msg=tie goes to cpu0'},
		{ts: 1005n, cpu: 0, name: 'sample', text: 'value=2 small=3 msg=length in first word'},
		{ts: 1100n, cpu: 1, name: 'sample', text: 'value=11 small=0 msg=later'},
		{ts: extended, cpu: 0, name: 'sample', text: 'value=3 small=0 msg=after extend'},
		{ts: extended + 12n, cpu: 0, name: 'kvm_entry', text: 'vcpu 1, rip 0xffffffff81001000'},
		{ts: stamped + 1n, cpu: 0, name: 'sample', text: 'value=4 small=0 msg=after stamp'},
		{ts: BIG, cpu: 0, name: 'kvm_exit', text: 'vcpu 1 reason IO_INSTRUCTION rip 0xffffffff81001010', lostBefore: 123},
		{ts: BIG + (1n << 30n), cpu: 0, name: 'kvm_write_tsc_offset', text: 'vcpu=1 prev=5 next=18446680643473835711', lostBefore: -1},
	];
	// Timestamps rise within each CPU here, so report's order is a stable sort by (ts, cpu).
	expected.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.cpu - b.cpu));
	return {
		cpus: new Map([
			[0, cpu0],
			[1, cpu1],
		]),
		expected,
	};
}
