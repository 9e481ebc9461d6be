// The `check` report as plain data (JSON-ready: TSCs and offsets as decimal strings).
// `check` prints it as text or JSON; the viewer prints it when stdout is not a terminal.

import type {Alignment, VcpuReport} from '../core/align.js';
import {traceIdText, type OtherCapture} from '../core/capture-id.js';
import {hostSpan, outsideSpan, unresolvedOutsideSpan, type HostSpan, type OutsideSpan} from '../core/outside-host-trace.js';
import {plural} from '../display/plural.js';
import type {Trace} from '../model/trace.js';
import {formatSigned} from '../model/u64.js';
import type {HostThread, Vm} from '../core/vms.js';

export interface FileSummary {
	file: string;
	format: string;
	events: number;
	malformed_lines: number;
	malformed: {line: number; reason: string}[];
	/** `buffer`: the trace.dat buffer instance whose CPU it is; null for the top-level buffer and text. */
	lost_events: {cpu: number; buffer: string | null; count: number | null; line: number}[];
}

export interface EpochSummary {
	index: number;
	start: string | null;
	end: string | null;
	offset: string;
	source: string;
	cause: string;
	start_line: number | null;
	/** Recovered epochs: every offset in [lo, hi] (signed) fits the run windows. */
	interval?: [string, string];
}

export interface RecoverySummary {
	/** Guest events of this vCPU that the recovered offsets put inside run windows. */
	explained: number;
	events: number;
	/** Width of each piece's interval, in cycles (hi - lo). */
	precision_cycles: string[];
	/** The same in nanoseconds when a trace.dat's TSC2NSEC gives the TSC rate, else null. */
	precision_ns: (number | null)[];
	/** Explained by the best other offset, per piece: how clear the choice was. */
	runner_up: number[];
	/** Pieces where another interval explains as many events. */
	ties: number;
	/** Stretches where no offset fitted well enough to be used. */
	rejected: {first_line: number; last_line: number; explained: number; in_span: number}[];
}

export interface VcpuSummary {
	vcpu: number;
	host_pids: number[];
	guest_cpus: number[];
	epochs: EpochSummary[];
	run_windows: number;
	guest_events: number;
	exact: number;
	ambiguous: number;
	unresolved: number;
	unresolved_by: VcpuReport['unresolvedBy'];
	outside_windows: number;
	/** Converted guest events whose host TSC lies before the host trace's first event or after its last. */
	outside_host_trace: OutsideSummary;
	/** Unresolved events outside every window that every offset of the vCPU puts before (after) the host trace. */
	unresolved_outside_host_trace: OutsideSummary;
	non_monotonic: {first_line: number; last_line: number; events: number}[];
	lost_writes: {line: number; expected: string; found: string}[];
	offset_flag_ignored: string | null;
	/** How the offsets were recovered, when they were. */
	recovery: RecoverySummary | null;
	/** Sources that give another offset for this vCPU but were not used, and whether they agree. */
	other_sources: {source: string; offset: string; agrees: boolean}[];
	/** What the conversion could not follow (e.g. TIME_SHIFT scaling), one sentence each. */
	notes: string[];
	/** A constant offset from elsewhere checked against the run windows. */
	offset_check: {source: string; offset: string; recovered_interval: [string, string] | null; agrees: boolean} | null;
}

/** Events outside the host trace's span, with how far the furthest lies (cycles, and ns when the TSC rate is known). */
export interface OutsideSummary {
	before: number;
	after: number;
	furthest_before: string | null;
	furthest_after: string | null;
	furthest_before_ns: number | null;
	furthest_after_ns: number | null;
}

export interface VmSummary {
	id: number;
	grouped_by: 'tgid' | 'threads';
	threads: {pid: number; comm: string; vcpu: number | null; kvm_entry: number; kvm_exit: number; kvm_write_tsc_offset: number}[];
	vcpus: VcpuSummary[];
}

export interface CheckReport {
	host: FileSummary;
	guest: FileSummary;
	vms: VmSummary[];
	other_vms: Omit<VmSummary, 'vcpus'>[];
	guest_events: number;
	exact: number;
	ambiguous: number;
	unresolved: number;
	outside_windows: number;
	/** Converted guest events outside the host trace's time span, and that span. */
	outside_host_trace: number;
	host_span: [string, string] | null;
	non_monotonic_regions: number;
	lost_writes: number;
	/** vCPUs whose offset (from --offset or TIME_SHIFT) disagrees with the run windows. */
	offset_disagreements: number;
	/** The TSC's rate came from here (--tsc-khz or a trace.dat's TSC2NSEC); null when unknown. */
	tsc_rate_source: string | null;
	lost_events: number;
	malformed_lines: number;
	/** Set when the guest trace.dat was recorded against another host trace.dat (trace ids as 0x hex). */
	other_capture: {host_trace_id: string; guest_peer_trace_id: string} | null;
	/** Flags that named a vCPU or guest CPU this capture does not have, one sentence each. */
	notes: string[];
	verdict: string;
	/** 0 when every guest event is exact, 1 otherwise. */
	exit_code: 0 | 1;
}

export function fileSummary(trace: Trace): FileSummary {
	return {
		file: trace.file,
		format: trace.format,
		events: trace.count,
		malformed_lines: trace.malformed.count,
		malformed: trace.malformed.samples,
		lost_events: trace.lost.map((l) => ({cpu: l.cpu, buffer: l.buffer ?? null, count: l.count < 0 ? null : l.count, line: l.line})),
	};
}

function threadSummary(t: HostThread): VmSummary['threads'][number] {
	return {
		pid: t.pid,
		comm: t.comm,
		vcpu: t.vcpu >= 0 ? t.vcpu : null,
		kvm_entry: t.entries,
		kvm_exit: t.exits,
		kvm_write_tsc_offset: t.writes,
	};
}

/** Cycles as nanoseconds when the TSC's rate is known (--tsc-khz or a trace.dat's TSC2NSEC). */
function nanoseconds(alignment: Alignment, cycles: bigint): number | null {
	return alignment.clock ? Number(alignment.clock.ns(cycles)) : null;
}

function outsideSummary(alignment: Alignment, o: OutsideSpan): OutsideSummary {
	const far = (count: number, cycles: bigint): [string | null, number | null] => (count === 0 ? [null, null] : [cycles.toString(), nanoseconds(alignment, cycles)]);
	const [before, beforeNs] = far(o.before, o.furthestBefore);
	const [after, afterNs] = far(o.after, o.furthestAfter);
	return {before: o.before, after: o.after, furthest_before: before, furthest_after: after, furthest_before_ns: beforeNs, furthest_after_ns: afterNs};
}

function vcpuSummary(alignment: Alignment, v: VcpuReport, span: HostSpan | undefined): VcpuSummary {
	const {host, guest} = alignment;
	return {
		vcpu: v.vcpu,
		host_pids: v.hostPids,
		guest_cpus: v.guestCpus,
		epochs: v.epochs.map((e) => ({
			index: e.index,
			start: e.start === undefined ? null : e.start.toString(),
			end: e.end === undefined ? null : e.end.toString(),
			offset: formatSigned(e.offset),
			source: e.source,
			cause: e.cause,
			start_line: e.writeIndex >= 0 ? host.line[e.writeIndex]! : null,
			...(e.interval ? {interval: [e.interval.lo.toString(), e.interval.hi.toString()] as [string, string]} : {}),
		})),
		run_windows: v.windows?.count ?? 0,
		guest_events: v.events.length,
		exact: v.exact,
		ambiguous: v.ambiguous,
		unresolved: v.unresolved,
		unresolved_by: v.unresolvedBy,
		outside_windows: v.unresolvedBy.outsideWindows,
		outside_host_trace: outsideSummary(alignment, outsideSpan(alignment, span, v.events)),
		unresolved_outside_host_trace: outsideSummary(alignment, unresolvedOutsideSpan(alignment, span, v)),
		non_monotonic: v.regions.map((r) => ({first_line: guest.line[r.first]!, last_line: guest.line[r.last]!, events: r.events})),
		lost_writes: v.lostWrites.map((w) => ({line: host.line[w.writeIndex]!, expected: formatSigned(w.expected), found: formatSigned(w.found)})),
		offset_flag_ignored: v.flagIgnored === undefined ? null : formatSigned(v.flagIgnored),
		recovery:
			v.recovered && (v.recovered.length > 0 || v.recoveryRejected.length > 0)
			? {
					explained: v.recovered.reduce((n, p) => n + p.explained, 0),
					events: v.events.length,
					precision_cycles: v.recovered.map((p) => (p.hi - p.lo).toString()),
					precision_ns: v.recovered.map((p) => nanoseconds(alignment, p.hi - p.lo)),
					runner_up: v.recovered.map((p) => p.runnerUp),
					ties: v.recovered.filter((p) => p.tie).length,
					rejected: v.recoveryRejected.map((r) => ({
						first_line: guest.line[v.events[r.first]!]!,
						last_line: guest.line[v.events[r.last]!]!,
						explained: r.explained,
						in_span: r.inSpan,
					})),
				}
			: null,
		other_sources: v.alternatives.map((a) => ({source: a.source, offset: formatSigned(a.offset), agrees: a.agrees})),
		notes: v.notes,
		offset_check: v.offsetCheck
			? {
					source: v.epochs[0]!.source,
					offset: formatSigned(v.epochs[0]!.offset),
					recovered_interval:
						v.offsetCheck.pieces.length === 1 ? [v.offsetCheck.pieces[0]!.lo.toString(), v.offsetCheck.pieces[0]!.hi.toString()] : null,
					agrees: v.offsetCheck.agrees,
				}
			: null,
	};
}

export function vmSummary(vm: Vm): Omit<VmSummary, 'vcpus'> {
	return {id: vm.id, grouped_by: vm.byTgid ? 'tgid' : 'threads', threads: vm.threads.map(threadSummary)};
}

function sum(vcpus: VcpuSummary[], pick: (v: VcpuSummary) => number): number {
	return vcpus.reduce((total, v) => total + pick(v), 0);
}

/** The guest names another host recording as its peer: the sentence `check` and `merge` say. */
export function otherCaptureWords(c: OtherCapture): string {
	return `the guest was recorded against another host trace: its TIME_SHIFT option names host trace ${traceIdText(c.peerTraceId)}, but this host file's TRACEID is ${traceIdText(c.hostTraceId)}; the two files are not one capture, so give the host trace.dat recorded with this guest`;
}

/** Every converted guest event lies outside the host trace: most likely not one capture. */
function noneInside(r: ReportBase): boolean {
	const converted = r.exact + r.ambiguous;
	return converted > 0 && r.outside_host_trace === converted;
}

type ReportBase = Omit<CheckReport, 'verdict' | 'exit_code'>;

/** Why events are unresolved, benign causes first: `202 unresolved: they happened before the host trace began`. */
function unresolvedWords(r: ReportBase): string {
	const vcpus = r.vms.flatMap((vm) => vm.vcpus);
	const total = (pick: (v: VcpuSummary) => number): number => vcpus.reduce((n, v) => n + pick(v), 0);
	const before = total((v) => v.unresolved_outside_host_trace.before);
	const after = total((v) => v.unresolved_outside_host_trace.after);
	const outsideWindows = total((v) => v.unresolved_by.outsideWindows) - before - after;
	const why = [
		before > 0 ? `${before} happened before the host trace began` : '',
		after > 0 ? `${after} after it ended` : '',
		total((v) => v.unresolved_by.noOffset) > 0 ? `${total((v) => v.unresolved_by.noOffset)} with no known offset` : '',
		outsideWindows > 0 ? `${outsideWindows} outside run windows` : '',
		total((v) => v.unresolved_by.outsideEpochs) > 0 ? `${total((v) => v.unresolved_by.outsideEpochs)} outside every epoch` : '',
		total((v) => v.unresolved_by.order) > 0 ? `${total((v) => v.unresolved_by.order)} out of order` : '',
	].filter(Boolean);
	// One cause that covers them all reads as a sentence.
	if (why.length === 1 && (before === r.unresolved || after === r.unresolved)) {
		return `${r.unresolved} unresolved: ${r.unresolved === 1 ? 'it' : 'they'} happened ${before > 0 ? 'before the host trace began' : 'after the host trace ended'}`;
	}
	return `${r.unresolved} unresolved (${why.join(', ')})`;
}

/** A hint in the verdict itself when the inputs look wrong rather than the conversion. */
function inputHints(alignment: Alignment, r: ReportBase, span: HostSpan | undefined): string[] {
	const {host, guest, vm} = alignment;
	const hints: string[] = [];
	const hostKvm = host.kvm.count + host.writes.length;
	const guestKvm = guest.kvm.count + guest.writes.length;
	if (hostKvm === 0 && guestKvm > 0) {
		hints.push('HOST and GUEST look swapped: the GUEST file holds the kvm_entry/kvm_exit events and the HOST file none; give the host\'s trace first');
		return hints;
	}
	const vcpus = r.vms.flatMap((v) => v.vcpus);
	const othersRun = alignment.threads.some((t) => t.entries > 0 && !vm.threads.includes(t));
	if (vm.threads.length > 0 && vcpus.every((v) => v.run_windows === 0) && othersRun) {
		hints.push(`the host trace has no run window of VM ${vm.id}, only of other threads: is --vm right?`);
	}
	for (const v of alignment.vcpus) {
		// Every event outside the windows and on one side of the host trace under the epochs its
		// traced writes started: the offsets are right but the guest's clock runs at another rate.
		const away = unresolvedOutsideSpan(alignment, span, v, true);
		if (!alignment.scaling && v.windows && v.events.length >= 5 && (away.before === v.events.length || away.after === v.events.length)) {
			hints.push(`all ${plural(v.events.length, 'event')} of vCPU ${v.vcpu} land ${away.before > 0 ? 'before' : 'after'} the host trace under the offsets its traced writes set: is the guest's TSC scaled? pass --tsc-ratio (and --tsc-frac-bits 32 on AMD)`);
			break;
		}
	}
	return hints;
}

function verdict(alignment: Alignment, r: ReportBase, span: HostSpan | undefined, withHints = true): string {
	const hints = withHints ? inputHints(alignment, r, span) : [];
	// Swapped files explain everything else: say that first.
	if (hints[0]?.startsWith('HOST and GUEST look swapped')) return `${hints[0]}; ${verdict(alignment, r, span, false)}`;
	const tail = hints.length > 0 && withHints ? `; ${hints.join('; ')}` : '';
	// Counts without causes: under another recording's offsets, "before the host trace" explains nothing.
	if (alignment.otherCapture) return `WARNING: ${otherCaptureWords(alignment.otherCapture)} (${r.exact} of ${plural(r.guest_events, 'guest event')} exact, ${r.ambiguous} ambiguous, ${r.unresolved} unresolved)`;
	if (r.guest_events === 0) return `the guest trace holds no events to convert${tail}`;
	if (noneInside(r)) {
		return `WARNING: none of the ${plural(r.exact + r.ambiguous, 'converted guest event')} falls inside the host trace (host TSC ${r.host_span![0]} to ${r.host_span![1]}): are the two files from the same capture?${tail}`;
	}
	const outside = r.outside_host_trace > 0 ? `; ${r.outside_host_trace} of them outside the host trace's time span, where it cannot confirm their offset` : '';
	if (r.exact === r.guest_events && r.offset_disagreements === 0) return `all ${plural(r.guest_events, 'guest event')} converted exactly${outside}${tail}`;
	const parts: string[] = [];
	if (r.ambiguous > 0) parts.push(`${r.ambiguous} ambiguous`);
	if (r.unresolved > 0) parts.push(unresolvedWords(r));
	const warning = r.offset_disagreements > 0 ? `; WARNING: offset sources disagree on ${plural(r.offset_disagreements, 'vCPU')}` : '';
	return `${r.exact} of ${plural(r.guest_events, 'guest event')} exact; ${parts.join(', ')}${outside}${warning}${tail}`;
}

export function checkReport(alignment: Alignment): CheckReport {
	const span = hostSpan(alignment);
	const vcpus = alignment.vcpus.map((v) => vcpuSummary(alignment, v, span));
	const vms: VmSummary[] = [{...vmSummary(alignment.vm), vcpus}];
	const chosen = new Set(alignment.vm.threads);
	const base = {
		host: fileSummary(alignment.host),
		guest: fileSummary(alignment.guest),
		vms,
		other_vms: alignment.vms.filter((vm) => vm.threads.every((t) => !chosen.has(t))).map(vmSummary),
		guest_events: alignment.guest.count,
		exact: sum(vcpus, (v) => v.exact),
		ambiguous: sum(vcpus, (v) => v.ambiguous),
		unresolved: sum(vcpus, (v) => v.unresolved),
		outside_windows: sum(vcpus, (v) => v.outside_windows),
		outside_host_trace: sum(vcpus, (v) => v.outside_host_trace.before + v.outside_host_trace.after),
		host_span: span ? ([span.first.toString(), span.last.toString()] as [string, string]) : null,
		non_monotonic_regions: sum(vcpus, (v) => v.non_monotonic.length),
		lost_writes: sum(vcpus, (v) => v.lost_writes.length),
		offset_disagreements: sum(vcpus, (v) => (v.offset_check && !v.offset_check.agrees) || v.other_sources.some((o) => !o.agrees) ? 1 : 0),
		tsc_rate_source: alignment.clock?.source ?? null,
		lost_events: alignment.host.lost.length + alignment.guest.lost.length,
		malformed_lines: alignment.host.malformed.count + alignment.guest.malformed.count,
		other_capture: alignment.otherCapture
			? {host_trace_id: traceIdText(alignment.otherCapture.hostTraceId), guest_peer_trace_id: traceIdText(alignment.otherCapture.peerTraceId)}
			: null,
		notes: alignment.notes,
	};
	const usable = !noneInside(base) && !alignment.otherCapture;
	return {...base, verdict: verdict(alignment, base, span), exit_code: base.exact === base.guest_events && usable ? 0 : 1};
}
