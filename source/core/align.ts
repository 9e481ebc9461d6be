// Puts a guest trace on the host clock: picks the VM, builds each vCPU's epochs and run
// windows, and assigns every guest event. Returns values only; callers decide how to show them.

import {assignVcpu, newGuestResults, Reason, Status, type GuestResults} from './assign.js';
import {constantEpoch, entryFinder, epochsFromWrites, type Epoch, type LostWrite} from './epochs.js';
import {nonMonotonicRegions, type NonMonotonicRegion} from './monotonic.js';
import type {Trace} from './trace.js';
import type {Scaling} from './u64.js';
import {findThreads, groupVms, selectVm, type HostThread, type Vm} from './vms.js';
import {runWindows, type RunWindows} from './windows.js';

export interface OffsetFlags {
	/** `--offset OFF`: every vCPU without a traced write. */
	all?: bigint;
	/** `--offset VCPU=OFF`. */
	perVcpu: Map<number, bigint>;
}

export interface AlignOptions {
	/** `--vm`: a tgid, or vCPU thread pids. */
	vm?: number[];
	offsets?: OffsetFlags;
	scaling?: Scaling;
	/** `--vcpu-map`: guest CPU -> vCPU; CPUs not named map to themselves. */
	vcpuMap?: Map<number, number>;
}

export interface VcpuReport {
	vcpu: number;
	hostPids: number[];
	guestCpus: number[];
	epochs: Epoch[];
	/** Undefined when the host trace shows no kvm_entry/kvm_exit for this vCPU. */
	windows: RunWindows | undefined;
	lostWrites: LostWrite[];
	/** Guest event indexes in record order. */
	events: Uint32Array;
	exact: number;
	ambiguous: number;
	unresolved: number;
	unresolvedBy: Record<'noOffset' | 'outsideWindows' | 'outsideEpochs' | 'order', number>;
	regions: NonMonotonicRegion[];
	/** An --offset value given for this vCPU that its traced writes override. */
	flagIgnored: bigint | undefined;
}

export interface Alignment {
	host: Trace;
	guest: Trace;
	threads: HostThread[];
	vms: Vm[];
	vm: Vm;
	vcpus: VcpuReport[];
	results: GuestResults;
	scaling: Scaling | undefined;
}

export function vcpuOfCpu(cpu: number, map: Map<number, number> | undefined): number {
	return map?.get(cpu) ?? cpu;
}

export function align(host: Trace, guest: Trace, options: AlignOptions = {}): Alignment {
	const threads = findThreads(host);
	const vms = groupVms(threads, host.hasTgid);
	const vm = selectVm(vms, threads, options.vm);
	const pids = new Set(vm.threads.map((t) => t.pid));
	const results = newGuestResults(guest.count);

	const byVcpu = new Map<number, number[]>();
	const cpusOf = new Map<number, Set<number>>();
	for (let i = 0; i < guest.count; i++) {
		const cpu = guest.cpu[i]!;
		const vcpu = vcpuOfCpu(cpu, options.vcpuMap);
		results.vcpu[i] = vcpu;
		let list = byVcpu.get(vcpu);
		if (!list) {
			byVcpu.set(vcpu, (list = []));
			cpusOf.set(vcpu, new Set());
		}
		list.push(i);
		cpusOf.get(vcpu)!.add(cpu);
	}
	for (const t of vm.threads) if (t.vcpu >= 0 && !byVcpu.has(t.vcpu)) byVcpu.set(t.vcpu, []);

	const lastEntryBefore = entryFinder(host);
	const vcpus: VcpuReport[] = [];
	for (const vcpu of [...byVcpu.keys()].sort((a, b) => a - b)) {
		const events = Uint32Array.from(byVcpu.get(vcpu)!);
		const hostPids = vm.threads.filter((t) => t.vcpu === vcpu).map((t) => t.pid);
		const writes = host.writes.filter((w) => w.vcpu === vcpu && pids.has(host.pid[w.index]!));
		const flag = options.offsets?.perVcpu.get(vcpu) ?? options.offsets?.all;
		let {epochs, lost} = epochsFromWrites(host, writes, lastEntryBefore);
		let flagIgnored: bigint | undefined;
		if (epochs.length === 0 && flag !== undefined) epochs = [constantEpoch(flag, 'flag', '--offset')];
		else if (flag !== undefined) flagIgnored = flag;
		const windows = hostPids.length > 0 ? runWindows(host, hostPids) : undefined;
		assignVcpu(guest.tsc, events, epochs, windows && windows.count > 0 ? windows : undefined, options.scaling, results);
		vcpus.push(summarise(vcpu, events, results, {
			hostPids,
			guestCpus: [...(cpusOf.get(vcpu) ?? [])].sort((a, b) => a - b),
			epochs,
			windows: windows && windows.count > 0 ? windows : undefined,
			lostWrites: lost,
			regions: nonMonotonicRegions(guest, vcpu, events),
			flagIgnored,
		}));
	}
	return {host, guest, threads, vms, vm, vcpus, results, scaling: options.scaling};
}

function summarise(
	vcpu: number,
	events: Uint32Array,
	results: GuestResults,
	rest: Pick<VcpuReport, 'hostPids' | 'guestCpus' | 'epochs' | 'windows' | 'lostWrites' | 'regions' | 'flagIgnored'>,
): VcpuReport {
	const report: VcpuReport = {
		vcpu,
		events,
		exact: 0,
		ambiguous: 0,
		unresolved: 0,
		unresolvedBy: {noOffset: 0, outsideWindows: 0, outsideEpochs: 0, order: 0},
		...rest,
	};
	for (const index of events) {
		const status = results.status[index]!;
		if (status === Status.Exact) report.exact++;
		else if (status === Status.Ambiguous) report.ambiguous++;
		else {
			report.unresolved++;
			const reason = results.reason[index]!;
			if (reason === Reason.NoOffset) report.unresolvedBy.noOffset++;
			else if (reason === Reason.OutsideWindows) report.unresolvedBy.outsideWindows++;
			else if (reason === Reason.OutsideEpochs) report.unresolvedBy.outsideEpochs++;
			else report.unresolvedBy.order++;
		}
	}
	return report;
}
