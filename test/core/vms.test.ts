// Which VM and which threads are compared with the guest trace.

import {describe, expect, it} from 'vitest';
import {InputError} from '../../source/model/errors.js';
import {alignLines, entry, exit, ftrace, gev} from '../helpers/traces.js';

const tgidLine = (comm: string, pid: number, tgid: number, tsc: number, name: string, text: string) =>
	`${comm.padStart(16)}-${String(pid).padEnd(7)} (${String(tgid).padStart(7)}) [001] d..2. ${String(tsc).padStart(12)}: ${name}: ${text}`;

describe('VM choice', () => {
	it('takes threads with distinct vCPU ids as one VM when the trace has no tgid', async () => {
		const a = await alignLines([entry(10, 0, 100), entry(11, 1, 101), exit(20, 0, 100), exit(21, 1, 101)], [gev(5)], {offsets: {all: 0n, perVcpu: new Map()}});
		expect(a.vm.threads.map((t) => [t.pid, t.vcpu])).toEqual([
			[100, 0],
			[101, 1],
		]);
	});

	it('refuses to guess when vCPU ids collide, listing every thread', async () => {
		const error = await alignLines([entry(10, 0, 100), entry(11, 0, 200), exit(20, 0, 100), exit(21, 0, 200)], [gev(5)]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).code).toBe('vm-choice');
		expect((error as InputError).message).toContain('pick the guest\'s VM with --vm TGID or its vCPU threads with --vm PID[,PID...]');
		expect((error as InputError).message).toContain('thread pid 100 (CPU 0/KVM, vCPU 0, 1 kvm_entry, 1 kvm_exit, 0 kvm_write_tsc_offset)');
		expect((error as InputError).message).toContain('thread pid 200 (CPU 0/KVM, vCPU 0, 1 kvm_entry, 1 kvm_exit, 0 kvm_write_tsc_offset)');
	});

	it('picks threads by pid with --vm, and only their run windows count', async () => {
		const host = [entry(10, 0, 100), exit(20, 0, 100), entry(30, 0, 200), exit(40, 0, 200)];
		const options = {offsets: {all: 0n, perVcpu: new Map()}};
		const a = await alignLines(host, [gev(15), gev(35)], {...options, vm: [100]});
		expect(Array.from(a.results.status)).toEqual([0, 2]);
		const b = await alignLines(host, [gev(15), gev(35)], {...options, vm: [200]});
		expect(Array.from(b.results.status)).toEqual([2, 0]);
	});

	it('groups by tgid when the trace has it and picks a VM by its tgid', async () => {
		const host = [
			tgidLine('CPU 0/KVM', 101, 100, 10, 'kvm_entry', 'vcpu 0'),
			tgidLine('CPU 0/KVM', 201, 200, 11, 'kvm_entry', 'vcpu 0'),
			tgidLine('CPU 1/KVM', 202, 200, 12, 'kvm_entry', 'vcpu 1'),
			tgidLine('CPU 0/KVM', 101, 100, 20, 'kvm_exit', 'reason HLT'),
		];
		const options = {offsets: {all: 0n, perVcpu: new Map()}};
		const error = await alignLines(host, [gev(15)], options).catch((e: unknown) => e);
		expect((error as InputError).message).toContain('The host trace holds 2 VMs');
		expect((error as InputError).message).toContain('tgid 200:');
		const a = await alignLines(host, [gev(15)], {...options, vm: [200]});
		expect(a.vm.threads.map((t) => t.pid)).toEqual([201, 202]);
		expect(a.vm.id).toBe(200);
	});

	it('names an unknown --vm id', async () => {
		const error = await alignLines([entry(10, 0, 100)], [gev(5)], {vm: [999]}).catch((e: unknown) => e);
		expect((error as InputError).message).toMatch(/^--vm 999 is neither a VM's tgid nor a vCPU thread's pid in the host trace; it holds:\n {2}thread pid 100/);
	});

	it('takes kvm_exit without a vcpu id from its thread, and maps guest CPUs with --vcpu-map', async () => {
		const host = [
			ftrace('qemu-system-x86', 300, 0, 10, 'kvm_entry', 'vcpu 2'),
			ftrace('qemu-system-x86', 300, 0, 20, 'kvm_exit', 'reason HLT rip 0x0 info 0 0'),
		];
		const a = await alignLines(host, [gev(15, 0)], {offsets: {all: 0n, perVcpu: new Map()}, vcpuMap: new Map([[0, 2]])});
		expect(a.vcpus.map((v) => [v.vcpu, v.hostPids, v.guestCpus, v.exact])).toEqual([[2, [300], [0], 1]]);
	});
});
