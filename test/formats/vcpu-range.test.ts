// A vCPU id past any KVM's (vcpu_id is an int) in a kvm_entry, kvm_exit or
// kvm_write_tsc_offset is a malformed line in both readers. The fuzzing campaign found them
// stored into the Int32 vCPU column: `vcpu 4294967296` ran as vCPU 0 without a word, and a
// trace.dat's u32 0xffffffff became -1 ("the kernel did not print it").

import {describe, expect, it} from 'vitest';
import {loadTrace} from '../../source/formats/load.js';
import {buildDat, page, type DatSpec} from './tracedat/build-dat.js';
import {readBytes} from './tracedat/helpers.js';
import {kvmEntry, kvmExit, kvmWrite} from './tracedat/scenario.js';
import {ftrace, tempDir, writeFile} from '../helpers/traces.js';

const reason = (event: string, vcpu: number) => `${event} with vcpu ${vcpu}, past the largest vCPU id KVM has (2147483647)`;

describe('vCPU ids past any KVM', () => {
	it('text: each such kvm event is a malformed line with its number; the good ones still make run windows', async () => {
		const file = writeFile(tempDir(), 'host.txt', [
			ftrace('CPU 0/KVM', 10, 1, 1000, 'kvm_entry', 'vcpu 4294967296, rip 0xffffffff81000000'),
			ftrace('CPU 0/KVM', 10, 1, 1100, 'kvm_exit', 'vcpu 4294967296 reason HLT rip 0xffffffff81000000 info1 0x0 info2 0x0'),
			ftrace('CPU 0/KVM', 10, 1, 1200, 'kvm_write_tsc_offset', 'vcpu=2147483648 prev=0 next=5'),
			ftrace('CPU 0/KVM', 10, 1, 1300, 'kvm_entry', 'vcpu 0, rip 0xffffffff81000000'),
			ftrace('CPU 0/KVM', 10, 1, 1400, 'kvm_exit', 'vcpu 0 reason HLT rip 0xffffffff81000000 info1 0x0 info2 0x0'),
		]);
		const t = await loadTrace(file);
		expect(t.count).toBe(5);
		expect(t.malformed.samples).toEqual([
			{line: 1, reason: reason('kvm_entry', 4294967296)},
			{line: 2, reason: reason('kvm_exit', 4294967296)},
			{line: 3, reason: reason('kvm_write_tsc_offset', 2147483648)},
		]);
		expect(Array.from(t.kvm.vcpu)).toEqual([0, 0]);
		expect(t.writes).toEqual([]);
		t.close();
	});

	it('trace.dat: a u32 vcpu_id of 0xffffffff is a malformed record, not "no vCPU printed"', async () => {
		const order = {little: true, longSize: 8 as const};
		const records = [kvmEntry(order, 42, 0xffffffff, 1n), kvmExit(order, 42, 0xffffffff, 30, 1n), kvmWrite(order, 42, 0xffffffff, 0n, 5n), kvmEntry(order, 42, 1, 1n)];
		const spec: DatSpec = {
			version: 7,
			...order,
			compression: 'none',
			cpuCount: 1,
			clock: 'x86-tsc',
			cmdlines: '42 CPU 1/KVM\n',
			instances: [{name: '', cpus: new Map([[0, [page(order, 4096, {ts: 1000n, records: records.map((payload) => ({kind: 'event' as const, delta: 10, payload}))})]]])}],
		};
		const t = await readBytes(buildDat(spec));
		expect(t.count).toBe(4);
		expect(t.malformed.samples.map((s) => s.reason)).toEqual([reason('kvm_entry', 4294967295), reason('kvm_exit', 4294967295), reason('kvm_write_tsc_offset', 4294967295)]);
		expect(Array.from(t.kvm.vcpu)).toEqual([1]);
		t.close();
	});
});
