// The recording the README recommends: kvm_entry/kvm_exit in the top-level buffer and
// kvm_write_tsc_offset in its own instance (`-B tscalign`). The write must give the epoch.

import {describe, expect, it} from 'vitest';
import {align} from '../../../source/core/align.js';
import {readTextTrace} from '../../../source/formats/text/reader.js';
import {buildDat, page, type Order, type Rec} from './build-dat.js';
import {readBytes} from './helpers.js';
import {kvmEntry, kvmExit, kvmWrite} from './scenario.js';
import {ftrace, tempDir, u64, writeFile} from '../../helpers/traces.js';

const order: Order = {little: true, longSize: 8};
const PID = 4242;
const RIP = 0xffffffff81000000n;
const ev = (payload: Buffer, delta: number): Rec => ({kind: 'event', delta, payload});
const OLD = u64(-5_000_000n);
const NEW = u64(-1_000_000n);

function hostDat(): Uint8Array {
	// Run windows [10,000,000, 10,000,800] and [10,001,000, 10,001,800] on host CPU 1.
	const runs = page(order, 4096, {
		ts: 10_000_000n,
		records: [ev(kvmEntry(order, PID, 0, RIP), 0), ev(kvmExit(order, PID, 0, 30, RIP), 800), ev(kvmEntry(order, PID, 0, RIP), 200), ev(kvmExit(order, PID, 0, 30, RIP), 800)],
	});
	const write = page(order, 4096, {ts: 9_999_000n, records: [ev(kvmWrite(order, PID, 0, OLD, NEW), 0)]});
	return buildDat({
		version: 7,
		...order,
		compression: 'zlib',
		cpuCount: 2,
		clock: 'x86-tsc',
		cmdlines: `${PID} CPU 0/KVM\n`,
		instances: [
			{name: '', cpus: new Map([[1, [runs]]])},
			{name: 'tscalign', cpus: new Map([[1, [write]]])},
		],
	});
}

/** Guest events at guest TSC = host TSC + NEW, all inside the run windows. */
const HOST_TIMES = [10_000_300n, 10_000_700n, 10_001_200n, 10_001_500n];

async function guestTrace() {
	const lines = HOST_TIMES.map((host) => ftrace('app', 42, 0, host - 1_000_000n, 'sched_waking', 'x'));
	return readTextTrace(writeFile(tempDir(), 'guest.txt', lines));
}

describe('a host trace.dat whose offset write is only in a buffer instance', () => {
	it('align takes the epoch from that write and converts every guest event exactly', async () => {
		const host = await readBytes(hostDat());
		const guest = await guestTrace();
		const a = align(host, guest, {vm: [PID], recover: false});
		const epochs = a.vcpus[0]!.epochs;
		expect(epochs.map((e) => [e.start, e.offset, e.source])).toEqual([
			[undefined, OLD, 'write'],
			[9_999_000n, NEW, 'write'],
		]);
		expect(host.raw(epochs[1]!.writeIndex)).toBe(`tscalign: CPU 0/KVM-${PID} [001] 9999000: kvm_write_tsc_offset: vcpu=0 prev=${OLD} next=${NEW}`);
		expect(Array.from(a.results.status)).toEqual([0, 0, 0, 0]);
		expect(Array.from(a.results.hostTsc)).toEqual(HOST_TIMES);
		host.close();
		guest.close();
	});

	it('without the instance (--instance top) there is no write, so nothing converts', async () => {
		const host = await readBytes(hostDat(), {instance: 'top'});
		const guest = await guestTrace();
		const a = align(host, guest, {vm: [PID], recover: false});
		expect(a.vcpus[0]!.epochs.some((e) => e.source === 'write')).toBe(false);
		expect(a.vcpus[0]!.exact).toBe(0);
		host.close();
		guest.close();
	});
});
