// Puts a guest trace on the host clock: picks the VM, builds each vCPU's epochs and run
// windows, and assigns every guest event. Returns values only; callers decide how to show them.

import {assignVcpu, newGuestResults, Reason, Status, type GuestResults} from './assign.js';
import {assignRecovered, recoverVcpu, type RecoveredPiece, type VcpuRecovery} from './offsets/recovery/vcpu.js';
import type {FoundOffsets, OffsetFlags, OffsetSourceEntry, VcpuOffsetContext} from './offsets/offset-source.js';
import {OFFSET_SOURCES} from './offsets/sources.js';
import {InputError} from '../model/errors.js';
import {eventsByVcpu} from './guest-vcpus.js';
import {withFitHint} from './vm-fit.js';
import type {Epoch, LostWrite, OffsetSource} from './epochs.js';
import {indexHost, type HostIndex} from './host-index.js';
import {nonMonotonicRegions, type NonMonotonicRegion} from './monotonic.js';
import type {Trace} from '../model/trace.js';
import {tscClock, type TscClock} from './tsc-clock.js';
import {toSigned, type Scaling} from '../model/u64.js';
import {guestThreadsFromDat, selectVm, threadsByVcpu, type HostThread, type Vm} from './vms.js';
import type {OffsetWrite} from '../model/trace.js';
import type {RunWindows} from './windows.js';
import {otherCapture, type OtherCapture} from './capture-id.js';
import {unusedFlagNotes} from './unused-flags.js';

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
	/** `--tsc-khz`: the TSC's rate, for durations in nanoseconds (else a trace.dat's TSC2NSEC). */
	tscKhz?: number;
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
	/** The TSC's rate when known, for durations in nanoseconds. */
	clock: TscClock | undefined;
	/** Set when the guest trace.dat names another host recording than this host trace.dat. */
	otherCapture: OtherCapture | undefined;
	/** Flags that named a vCPU or guest CPU this capture does not have, one sentence each. */
	notes: string[];
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
		const flag = options.offsets?.perVcpu.get(vcpu) ?? options.offsets?.all;
		const found = hostPids.length > 0 ? side.windows(hostPids) : undefined;
		const windows = found && found.count > 0 ? found : undefined;
		const recover = options.recover ?? true;
		const context: VcpuOffsetContext = {
			host,
			guest,
			vcpu,
			writes: writesOf.get(vcpu) ?? [],
			guestCpus: [...cpus],
			events,
			windows,
			lastEntryBefore: side.lastEntryBefore,
			offsets: options.offsets,
			scaling: options.scaling,
			recover,
		};
		const {source, offsets, alternatives} = chooseOffsets(context);
		const epochs = offsets?.epochs ?? [];
		const recovery = offsets?.recovery;
		let offsetCheck: OffsetCheck | undefined;
		if (recovery && windows) {
			for (const index of events) results.reason[index] = Reason.NotRecovered;
			assignRecovered(guest.tsc, events, recovery.pieces, windows, results, (index) => {
				results.reason[index] = Reason.OutsideWindows;
			});
		} else {
			assignVcpu(guest.tsc, events, epochs, windows, options.scaling, results);
			if (recover && windows && !options.scaling && (options.crossCheck ?? true) && source?.stated && epochs.length === 1) {
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
				lostWrites: offsets?.lost ?? [],
				regions: nonMonotonicRegions(guest, vcpu, events),
				// A flag not used: a source above it gave this vCPU's offsets.
				flagIgnored: flag !== undefined && source?.name !== 'flag' ? flag : undefined,
				recovered: recovery?.pieces,
				recoveryRejected: recovery?.rejected ?? [],
				offsetCheck,
				alternatives,
				notes: offsets?.notes ?? [],
			}),
		);
	}
	const guestCpus = [...byVcpu.values()].flatMap((v) => [...v.cpus]).sort((a, b) => a - b);
	const notes = unusedFlagNotes(options.offsets, options.vcpuMap, vcpus.map((v) => v.vcpu), guestCpus);
	return {
		host,
		guest,
		threads,
		vms,
		vm,
		vcpus,
		results,
		scaling: options.scaling,
		clock: tscClock(host, guest, options.tscKhz),
		otherCapture: otherCapture(host, guest),
		notes,
	};
}

/**
 * The first source of OFFSET_SOURCES that finds the vCPU's offsets. When it gives one offset
 * for all time, the stated sources below it that give one too are its alternatives.
 */
function chooseOffsets(context: VcpuOffsetContext): {source?: OffsetSourceEntry; offsets?: FoundOffsets; alternatives: Alternative[]} {
	const alternatives: Alternative[] = [];
	for (const [rank, source] of OFFSET_SOURCES.entries()) {
		const offsets = source.find(context);
		if (!offsets) continue;
		if (offsets.epochs.length === 1) {
			const used = offsets.epochs[0]!.offset;
			for (const other of OFFSET_SOURCES.slice(rank + 1)) {
				const given = other.stated ? other.find(context)?.epochs : undefined;
				if (given?.length === 1) alternatives.push({source: other.name, offset: given[0]!.offset, agrees: given[0]!.offset === used});
			}
		}
		return {source, offsets, alternatives};
	}
	return {alternatives};
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
