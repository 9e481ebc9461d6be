// Puts a guest trace on the host clock: picks the VM, builds each vCPU's epochs and run
// windows, and assigns every guest event. Returns values only; callers decide how to show them.

import {assignVcpu, newGuestResults, Reason, Status, type GuestResults} from './assign.js';
import {assignRecovered, recoverVcpu, type RecoveredPiece, type VcpuRecovery} from './offsets/recovery/vcpu.js';
import {guestThreadsFromDat, timeShiftEpochs} from './offsets/time-shift.js';
import {InputError} from '../model/errors.js';
import {eventsByVcpu} from './guest-vcpus.js';
import {withFitHint} from './vm-fit.js';
import {constantEpoch, epochsFromWrites, type Epoch, type LostWrite, type OffsetSource} from './offsets/epochs.js';
import {indexHost, type HostIndex} from './host-index.js';
import {nonMonotonicRegions, type NonMonotonicRegion} from './monotonic.js';
import type {Trace} from '../model/trace.js';
import {toSigned, wrapU64, type Scaling} from '../model/u64.js';
import {selectVm, threadsByVcpu, type HostThread, type Vm} from './vms.js';
import type {OffsetWrite} from '../model/trace.js';
import type {RunWindows} from './windows.js';

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
	/** Recover offsets from run windows where nothing else gives one (default true; `--no-recover`). */
	recover?: boolean;
	/** Also recover where another source gives the offset, to check it (default true; `merge` skips it). */
	crossCheck?: boolean;
}

/** An offset recovered from the run windows to check another source against. */
export interface OffsetCheck {
	pieces: RecoveredPiece[];
	/** The offset used (KVM, u64) lies inside the single recovered interval. */
	agrees: boolean;
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
	/** Recovered pieces when the offsets came from recovery. */
	recovered: RecoveredPiece[] | undefined;
	/** Stretches recovery tried and refused (too few events fitted). */
	recoveryRejected: VcpuRecovery['rejected'];
	/** Recovery run to check a constant offset from elsewhere (--offset, TIME_SHIFT). */
	offsetCheck: OffsetCheck | undefined;
	/** Other sources that give an offset for this vCPU but were not used. */
	alternatives: Alternative[];
	/** What the conversion could not follow, one sentence each. */
	notes: string[];
}

export interface Alternative {
	source: OffsetSource;
	/** KVM convention, u64. */
	offset: bigint;
	/** It equals the offset used. */
	agrees: boolean;
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

/** `side`: indexHost(host) when the caller built it already (while the guest was loading). */
export function align(host: Trace, guest: Trace, options: AlignOptions = {}, side: HostIndex = indexHost(host)): Alignment {
	if (side.host !== host) throw new Error('align: the host index was built from another trace');
	const {threads, vms} = side;
	// trace-cmd's GUEST option names the guest's vCPU threads: no --vm needed then.
	const known = new Set(threads.map((t) => t.pid));
	const fromDat = guestThreadsFromDat(host, guest)?.filter((pid) => known.has(pid));
	let vm: Vm;
	try {
		vm = selectVm(vms, threads, options.vm ?? (fromDat && fromDat.length > 0 ? fromDat : undefined));
	} catch (error) {
		const unclear = error instanceof InputError && error.code === 'vm-choice' && options.vm === undefined && (options.recover ?? true);
		throw unclear ? withFitHint(error, host, guest, vms, (cpu) => vcpuOfCpu(cpu, options.vcpuMap)) : error;
	}
	const pids = new Set(vm.threads.map((t) => t.pid));
	const results = newGuestResults(guest.count);

	const byVcpu = eventsByVcpu(guest, (cpu) => vcpuOfCpu(cpu, options.vcpuMap), results.vcpu);
	for (const t of vm.threads) if (t.vcpu >= 0 && !byVcpu.has(t.vcpu)) byVcpu.set(t.vcpu, {events: new Uint32Array(0), cpus: new Set()});

	// Grouped once: a host can run tens of thousands of vCPU threads.
	const threadsOf = threadsByVcpu(vm.threads);
	const writesOf = new Map<number, OffsetWrite[]>();
	for (const w of host.writes) {
		if (!pids.has(host.pid[w.index]!)) continue;
		const list = writesOf.get(w.vcpu);
		if (list) list.push(w);
		else writesOf.set(w.vcpu, [w]);
	}
	const vcpus: VcpuReport[] = [];
	for (const vcpu of [...byVcpu.keys()].sort((a, b) => a - b)) {
		const {events, cpus} = byVcpu.get(vcpu)!;
		const hostPids = (threadsOf.get(vcpu) ?? []).map((t) => t.pid);
		const writes = writesOf.get(vcpu) ?? [];
		const flag = options.offsets?.perVcpu.get(vcpu) ?? options.offsets?.all;
		let {epochs, lost} = epochsFromWrites(host, writes, side.lastEntryBefore);
		let flagIgnored: bigint | undefined;
		const shifted = timeShiftEpochs(guest, [...cpus]);
		const alternatives: Alternative[] = [];
		if (epochs.length === 0 && flag !== undefined) {
			epochs = [constantEpoch(flag, 'flag', '--offset')];
			if (shifted?.epochs.length === 1) {
				alternatives.push({source: 'time_shift', offset: shifted.epochs[0]!.offset, agrees: shifted.epochs[0]!.offset === flag});
			}
		} else if (epochs.length === 0 && shifted) {
			epochs = shifted.epochs;
		} else if (flag !== undefined) {
			flagIgnored = flag;
		}
		const found = hostPids.length > 0 ? side.windows(hostPids) : undefined;
		const windows = found && found.count > 0 ? found : undefined;
		const recover = (options.recover ?? true) && windows !== undefined && !options.scaling;
		let recovered: RecoveredPiece[] | undefined;
		let recoveryRejected: VcpuRecovery['rejected'] = [];
		let offsetCheck: OffsetCheck | undefined;
		if (epochs.length === 0 && recover && events.length > 0) {
			const result = recoverVcpu(guest.tsc, events, windows);
			recovered = result.pieces;
			recoveryRejected = result.rejected;
			epochs = recoveredEpochs(guest, events, recovered);
			for (const index of events) results.reason[index] = Reason.NotRecovered;
			assignRecovered(guest.tsc, events, recovered, windows, results, (index) => {
				results.reason[index] = Reason.OutsideWindows;
			});
		} else {
			assignVcpu(guest.tsc, events, epochs, windows, options.scaling, results);
			if (recover && (options.crossCheck ?? true) && epochs.length === 1 && epochs[0]!.source !== 'write') {
				const {pieces} = recoverVcpu(guest.tsc, events, windows);
				const used = toSigned(epochs[0]!.offset);
				offsetCheck = {pieces, agrees: pieces.length === 1 && pieces[0]!.lo <= used && used <= pieces[0]!.hi};
			}
		}
		vcpus.push(
			summarise(vcpu, events, results, {
				hostPids,
				guestCpus: [...cpus].sort((a, b) => a - b),
				epochs,
				windows,
				lostWrites: lost,
				regions: nonMonotonicRegions(guest, vcpu, events),
				flagIgnored,
				recovered,
				recoveryRejected,
				offsetCheck,
				alternatives,
				notes: epochs.some((e) => e.source === 'time_shift') ? (shifted?.notes ?? []) : [],
			}),
		);
	}
	return {host, guest, threads, vms, vm, vcpus, results, scaling: options.scaling};
}

/** Recovered pieces as epochs; a later piece starts where its first event lands, an uncertain boundary. */
function recoveredEpochs(guest: Trace, events: Uint32Array, pieces: readonly RecoveredPiece[]): Epoch[] {
	const starts = pieces.map((p, i) => (i === 0 ? undefined : wrapU64(guest.tsc[events[p.first]!]! - p.offset)));
	return pieces.map((p, i) => ({
		index: i,
		start: starts[i],
		end: starts[i + 1],
		offset: wrapU64(p.offset),
		source: 'recovered',
		cause:
			p.startsBy === 'start'
				? 'fitted to the run windows'
				: `fitted to the run windows; boundary uncertain (${p.startsBy} at guest line ${guest.line[events[p.first]!]})`,
		writeIndex: -1,
		interval: {lo: p.lo, hi: p.hi},
	}));
}

function summarise(
	vcpu: number,
	events: Uint32Array,
	results: GuestResults,
	rest: Pick<VcpuReport, 'hostPids' | 'guestCpus' | 'epochs' | 'windows' | 'lostWrites' | 'regions' | 'flagIgnored' | 'recovered' | 'recoveryRejected' | 'offsetCheck' | 'alternatives' | 'notes'>,
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
			if (reason === Reason.NoOffset || reason === Reason.NotRecovered) report.unresolvedBy.noOffset++;
			else if (reason === Reason.OutsideWindows) report.unresolvedBy.outsideWindows++;
			else if (reason === Reason.OutsideEpochs) report.unresolvedBy.outsideEpochs++;
			else report.unresolvedBy.order++;
		}
	}
	return report;
}
