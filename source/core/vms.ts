// Which host threads run which vCPU, and which threads form one VM (docs/domain.md §8).

import {InputError} from '../model/errors.js';
import {KvmKind, type Trace} from '../model/trace.js';
import {PidSlots} from './pid-slots.js';

export interface HostThread {
	pid: number;
	/** -1 when the trace has no tgid for it. */
	tgid: number;
	comm: string;
	/** vCPU id from its kvm_entry (or exit, or offset write); -1 when none says. */
	vcpu: number;
	entries: number;
	exits: number;
	writes: number;
}

export interface Vm {
	/** The tgid when known, else the lowest thread pid. */
	id: number;
	byTgid: boolean;
	threads: HostThread[];
}

/** Every host thread that shows a kvm_entry, kvm_exit or kvm_write_tsc_offset. */
export function findThreads(host: Trace): HostThread[] {
	const slots = new PidSlots();
	const threads: HostThread[] = [];
	const thread = (index: number): HostThread => {
		const pid = host.pid[index]!;
		const slot = slots.add(pid);
		if (slot === threads.length) threads.push({pid, tgid: host.tgid[index]!, comm: host.comms[host.comm[index]!]!, vcpu: -1, entries: 0, exits: 0, writes: 0});
		return threads[slot]!;
	};
	const {kvm} = host;
	for (let k = 0; k < kvm.count; k++) {
		const found = thread(kvm.index[k]!);
		const vcpu = kvm.vcpu[k]!;
		if (kvm.kind[k] === KvmKind.Entry) {
			found.entries++;
			if (found.vcpu < 0) found.vcpu = vcpu;
		} else {
			found.exits++;
			if (found.vcpu < 0 && vcpu >= 0) found.vcpu = vcpu;
		}
	}
	for (const write of host.writes) {
		const found = thread(write.index);
		found.writes++;
		if (found.vcpu < 0) found.vcpu = write.vcpu;
	}
	return threads.sort((a, b) => a.pid - b.pid);
}

/** Threads per vCPU id, each list in the order given (threads come sorted by pid). */
export function threadsByVcpu(threads: readonly HostThread[]): Map<number, HostThread[]> {
	const byVcpu = new Map<number, HostThread[]>();
	for (const t of threads) {
		const list = byVcpu.get(t.vcpu);
		if (list) list.push(t);
		else byVcpu.set(t.vcpu, [t]);
	}
	return byVcpu;
}

function collide(threads: HostThread[]): boolean {
	const seen = new Set<number>();
	for (const t of threads) {
		if (t.vcpu < 0) continue;
		if (seen.has(t.vcpu)) return true;
		seen.add(t.vcpu);
	}
	return false;
}

/**
 * VMs by tgid when the trace has it. Without tgid, threads whose vCPU ids do not collide are
 * taken as one VM; colliding ids leave each thread on its own (the user must pick).
 */
export function groupVms(threads: HostThread[], hasTgid: boolean): Vm[] {
	if (threads.length === 0) return [];
	if (hasTgid) {
		const byTgid = new Map<number, HostThread[]>();
		for (const t of threads) {
			const key = t.tgid >= 0 ? t.tgid : -t.pid;
			const list = byTgid.get(key);
			if (list) list.push(t);
			else byTgid.set(key, [t]);
		}
		return [...byTgid.entries()].map(([key, list]) => ({id: key >= 0 ? key : -key, byTgid: key >= 0, threads: list}));
	}
	if (!collide(threads)) return [{id: threads[0]!.pid, byTgid: false, threads}];
	return threads.map((t) => ({id: t.pid, byTgid: false, threads: [t]}));
}

export function describeThread(t: HostThread): string {
	const vcpu = t.vcpu >= 0 ? `vCPU ${t.vcpu}` : 'vCPU unknown';
	return `pid ${t.pid} (${t.comm}, ${vcpu}, ${t.entries} kvm_entry, ${t.exits} kvm_exit, ${t.writes} kvm_write_tsc_offset)`;
}

export function describeVms(vms: Vm[], threads: HostThread[]): string {
	if (vms.every((vm) => !vm.byTgid)) {
		return threads.map((t) => `  thread ${describeThread(t)}`).join('\n');
	}
	return vms
		.map((vm) => `  ${vm.byTgid ? `tgid ${vm.id}` : `thread group unknown`}:\n${vm.threads.map((t) => `    thread ${describeThread(t)}`).join('\n')}`)
		.join('\n');
}

/** The first thread (by pid) that runs the same vCPU as an earlier one of another, or no known, thread group. */
function clashing(chosen: HostThread[]): HostThread | undefined {
	let first: HostThread | undefined;
	for (const [vcpu, list] of threadsByVcpu(chosen)) {
		if (vcpu < 0) continue;
		const groups = new Set<number>();
		for (const t of list) {
			const clash = groups.size > 0 && (t.tgid < 0 || groups.size > 1 || !groups.has(t.tgid));
			if (clash && (!first || t.pid < first.pid)) first = t;
			groups.add(t.tgid);
		}
	}
	return first;
}

/**
 * The VM to compare with the guest trace: the only one, or the one `--vm` names by tgid or by
 * thread pids. Throws a `vm-choice` InputError listing what the host trace holds when unclear.
 */
export function selectVm(vms: Vm[], threads: HostThread[], ids: number[] | undefined): Vm {
	if (ids === undefined || ids.length === 0) {
		if (vms.length === 0) return {id: -1, byTgid: false, threads: []};
		if (vms.length === 1) return vms[0]!;
		const why = vms.every((vm) => !vm.byTgid)
			? 'host threads whose vCPU ids collide, so they belong to more than one VM and the trace has no tgid to group them'
			: `${vms.length} VMs`;
		throw new InputError(
			'vm-choice',
			`The host trace holds ${why}; pick the guest's VM with --vm TGID or its vCPU threads with --vm PID[,PID...]:\n${describeVms(vms, threads)}`,
		);
	}
	const picked = new Map<number, HostThread>();
	let tgidPicked: number | undefined;
	const vmByTgid = new Map(vms.filter((v) => v.byTgid).map((v) => [v.id, v]));
	const threadByPid = new Map(threads.map((t) => [t.pid, t]));
	for (const id of ids) {
		const vm = vmByTgid.get(id);
		if (vm) {
			tgidPicked = id;
			for (const t of vm.threads) picked.set(t.pid, t);
			continue;
		}
		const thread = threadByPid.get(id);
		if (!thread) {
			throw new InputError(
				'vm-choice',
				`--vm ${id} is neither a VM's tgid nor a vCPU thread's pid in the host trace; it holds:\n${describeVms(vms, threads)}`,
			);
		}
		picked.set(thread.pid, thread);
	}
	const chosen = [...picked.values()].sort((a, b) => a.pid - b.pid);
	const clash = clashing(chosen);
	if (clash) {
		throw new InputError(
			'vm-choice',
			`--vm picks threads of different VMs that both run vCPU ${clash.vcpu}; pick one VM's threads:\n${describeVms(vms, threads)}`,
		);
	}
	return {id: tgidPicked ?? (chosen.length === 1 || chosen[0]!.tgid < 0 ? chosen[0]!.pid : chosen[0]!.tgid), byTgid: tgidPicked !== undefined, threads: chosen};
}

/**
 * The host threads trace-cmd recorded as running this guest's vCPUs (GUEST option of the host
 * file, matched by the guest file's TRACEID). Undefined when either file lacks them.
 */
export function guestThreadsFromDat(host: Trace, guest: Trace): number[] | undefined {
	const id = guest.meta?.traceId;
	if (id === undefined) return undefined;
	const entry = host.meta?.guests.find((g) => g.traceId === id);
	return entry && entry.vcpus.length > 0 ? entry.vcpus.map((v) => v.pid) : undefined;
}
