// What the detail pane says about one event: its raw line with file:line, both clocks, the
// epoch and offset, where it sits in its run window (in time when the TSC rate is known),
// every candidate of an ambiguous event with why it is ambiguous and what would settle it,
// and the reason for an unresolved one.

import path from 'node:path';
import type {VcpuReport} from '../core/align.js';
import {Status} from '../core/assign.js';
import {reasonText} from '../core/reasons.js';
import {formatSigned} from '../model/u64.js';
import {windowAt} from '../core/windows.js';
import {formatDuration} from '../display/duration.js';
import {escapeControl} from '../display/escape.js';
import {flagCodes} from './cells.js';
import {epochIndexAt, epochLabel} from './epoch-label.js';
import {FLAG_WIDTH} from './layout.js';
import {splitVcpu} from './guest-lanes.js';
import type {EventId, RowModel} from './row-model.js';

export interface DetailText {
	title: string;
	/** The raw line, escaped; the pane wraps it. */
	raw: string;
	lines: string[];
}

/** How far the Tab counterpart search looks, so it costs the same on any trace size. */
const COUNTERPART_REACH = 200_000;

/**
 * The event on the other side nearest `id`: for a guest event the host event of its vCPU's
 * thread just before it (usually the kvm_entry of its run window); for a host event the
 * guest event just after it, of the thread's vCPU when it has one.
 */
export function counterpart(model: RowModel, id: EventId): EventId | undefined {
	const wantHost = !model.isHost(id);
	const vcpu = model.vcpuOf(id);
	const start = model.position[id]!;
	const dirs: (1 | -1)[] = wantHost ? [-1, 1] : [1, -1];
	for (const strict of [true, false]) {
		if (!strict && vcpu === undefined) break;
		for (const dir of dirs) {
			for (let step = 1; step <= COUNTERPART_REACH; step++) {
				const p = start + dir * step;
				if (p < 0 || p >= model.total) break;
				const other = model.order[p]!;
				if (model.isHost(other) !== wantHost) continue;
				if (strict && vcpu !== undefined && model.vcpuOf(other) !== vcpu) continue;
				return other;
			}
		}
	}
	return undefined;
}

/** A TSC difference as time when the TSC rate is known, else in cycles. */
export function span(model: RowModel, cycles: bigint): string {
	const clock = model.alignment.clock;
	return clock ? formatDuration(clock.ns(cycles)) : `${cycles} cycles`;
}

/** `run window: 1.234 µs long; kvm_entry 0.456 µs before, kvm_exit 0.778 µs after`. */
function windowLine(model: RowModel, report: VcpuReport | undefined, tsc: bigint): string | undefined {
	const windows = report?.windows;
	if (!windows) return undefined;
	const w = windowAt(windows, tsc);
	if (w < 0) return `outside ${model.vcpuName(report.vcpu)}'s run windows`;
	const openStart = w === 0 && windows.openStart;
	const openEnd = w === windows.count - 1 && windows.openEnd;
	const start = windows.start[w]!;
	const end = windows.end[w]!;
	const length = openStart || openEnd ? 'open at the edge of the trace' : `${span(model, end - start)} long`;
	const entry = openStart ? 'kvm_entry before the trace' : `kvm_entry ${span(model, tsc - start)} before`;
	const exit = openEnd ? 'kvm_exit after the trace' : `kvm_exit ${span(model, end - tsc)} after`;
	return `run window of ${model.vcpuName(report.vcpu)}: ${length}; ${entry}, ${exit}`;
}

/** Why an event is ambiguous and what would settle it, by where its vCPU's offsets came from. */
function ambiguityWords(report: VcpuReport, epochs: number[], name: string): string[] {
	const list = [...new Set(epochs)].join(' and ');
	if (report.epochs.some((e) => e.source === 'recovered')) {
		return [
			'why: the offset was recovered from the run windows, and an untraced offset change near this event would also fit them',
			'settled by: the offset from debugfs (--offset), or a traced kvm_write_tsc_offset',
		];
	}
	if (!report.windows) {
		return [
			`why: the host trace has no run window of ${name}, so nothing shows which of epochs ${list} the event ran in`,
			"settled by: the vCPU thread's kvm_entry/kvm_exit in the host trace",
		];
	}
	return [
		`why: under epochs ${list} the event lies inside a run window and keeps the vCPU's events in order`,
		'settled by: a guest event of this vCPU between the offset writes, or shorter run windows around them',
	];
}

function guestDetail(model: RowModel, g: number): DetailText {
	const {guest, results, vcpus, host} = model.alignment;
	const vcpu = results.vcpu[g]!;
	const report = vcpus.find((v) => v.vcpu === vcpu);
	const status = results.status[g]!;
	const lines: string[] = [];
	const statusWord = status === Status.Exact ? 'exact' : status === Status.Ambiguous ? 'ambiguous' : 'unresolved';
	const hostTsc = status === Status.Unresolved ? 'unknown' : results.hostTsc[g]!.toString();
	lines.push(`guest TSC ${guest.tsc[g]} -> host TSC ${hostTsc} (${statusWord}) · ${model.vcpuName(vcpu)} (guest CPU ${guest.cpu[g]})`);
	if (status === Status.Exact && report) lines.push(epochLabel(report, results.epoch[g]!));
	if (status === Status.Ambiguous && report) {
		const candidates = results.candidates.get(g);
		const tscs = candidates?.tsc ?? [];
		const epochs = candidates?.epochs ?? [];
		const spread = tscs.length > 1 ? `, ${span(model, tscs[tscs.length - 1]! - tscs[0]!)} apart at most` : '';
		lines.push(`ambiguous: ${tscs.length} candidate host TSCs${spread}; @1..@${Math.min(9, tscs.length)} go there`);
		tscs.forEach((t, k) => lines.push(`  @${k + 1} ${t} (epoch ${epochs[k]}, offset ${formatSigned(report.epochs[epochs[k]!]!.offset)})`));
		lines.push(...ambiguityWords(report, epochs, model.vcpuName(report.vcpu)));
	}
	if (status === Status.Unresolved) lines.push(`unresolved: ${reasonText(results.reason[g]!, model.lanes ? splitVcpu(model.lanes, vcpu).vcpu : vcpu)}`);
	if (status !== Status.Unresolved) {
		const around = windowLine(model, report, results.hostTsc[g]!);
		if (around) lines.push(around);
	}
	const flags = model.flags(host.count + g);
	if (flags.inRegion && report) {
		const region = report.regions.find((r) => r.first <= g && g <= r.last);
		if (region) {
			lines.push(`non-monotonic region: guest lines ${guest.line[region.first]}-${guest.line[region.last]} (${region.events} events below guest TSC ${region.below})`);
		}
	}
	if (flags.lost !== undefined) lines.push(`events lost on guest CPU ${guest.cpu[g]} just before this one: ${flags.lost || 'an unknown number'}`);
	// Flags the gutter had no room for.
	const codes = flagCodes(flags).map((c) => c.code);
	if (codes.join('').length > FLAG_WIDTH) lines.push(`flags: ${codes.join(' ')}`);
	const file = model.lanes ? model.lanes.files[model.guestOf(g)]! : guest.file;
	return {title: `guest event  ${escapeControl(path.basename(file))}:${guest.line[g]}`, raw: escapeControl(guest.raw(g)), lines};
}

function hostDetail(model: RowModel, h: number, partial: boolean): DetailText {
	const {host, vcpus} = model.alignment;
	const vcpu = model.vcpuOf(h);
	const report = vcpus.find((v) => v.vcpu === vcpu);
	const comm = escapeControl(host.comms[host.comm[h]!]!);
	const lines: string[] = [];
	const thread = vcpu === undefined ? 'not a vCPU thread of the VM' : model.vcpuName(vcpu);
	lines.push(`host TSC ${host.tsc[h]}  ·  ${comm}-${host.pid[h]} (${thread})  ·  host CPU ${host.cpu[h]}`);
	const write = host.writes.find((w) => w.index === h);
	if (write) {
		lines.push(`offset write for vCPU ${write.vcpu}: prev ${formatSigned(write.prev)}, next ${formatSigned(write.next)} (signed, guest = host + offset)`);
		const epoch = report?.epochs.find((e) => e.writeIndex === h);
		if (report && epoch) lines.push(`starts ${epochLabel(report, epoch.index, partial)}`);
		const lost = report?.lostWrites.find((l) => l.writeIndex === h);
		if (lost) lines.push(`a write was lost before this one: prev is ${formatSigned(lost.found)} but the previous write set ${formatSigned(lost.expected)}`);
	} else if (report && report.epochs.length > 0) {
		lines.push(`${model.vcpuName(report.vcpu)} at this time: ${epochLabel(report, epochIndexAt(report, host.tsc[h]!), partial)}`);
	}
	if (report?.windows && vcpu !== undefined) {
		const mark = model.windowMark(h, vcpu);
		if (mark === 'entry' || mark === 'exit') lines.push(`run window of ${model.vcpuName(vcpu)}: its kvm_${mark}`);
		else lines.push(windowLine(model, report, host.tsc[h]!)!);
	}
	const flags = model.flags(h);
	if (flags.lost !== undefined) lines.push(`events lost on host CPU ${host.cpu[h]} just before this one: ${flags.lost || 'an unknown number'}`);
	return {title: `host event  ${escapeControl(path.basename(host.file))}:${host.line[h]}`, raw: escapeControl(host.raw(h)), lines};
}

/** `partial`: only the start of the pair is aligned (the preliminary host rows): epoch counts are floors. */
export function detailText(model: RowModel, id: EventId, partial = false): DetailText {
	const {side, index} = model.event(id);
	return side === 'host' ? hostDetail(model, index, partial) : guestDetail(model, index);
}
