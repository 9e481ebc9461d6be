// What the detail pane says about one event: its raw line with file:line, both clocks, the
// epoch and offset, every candidate of an ambiguous event, the reason for an unresolved one.

import {Status} from '../core/assign.js';
import {reasonText} from '../core/reasons.js';
import {formatSigned} from '../model/u64.js';
import {insideWindow} from '../core/windows.js';
import {escapeControl} from '../display/escape.js';
import {epochIndexAt, epochLabel} from './epoch-label.js';
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

function guestDetail(model: RowModel, g: number): DetailText {
	const {guest, results, vcpus} = model.alignment;
	const vcpu = results.vcpu[g]!;
	const report = vcpus.find((v) => v.vcpu === vcpu);
	const status = results.status[g]!;
	const lines: string[] = [];
	const statusWord = status === Status.Exact ? 'exact' : status === Status.Ambiguous ? 'ambiguous' : 'unresolved';
	const hostTsc = status === Status.Unresolved ? 'unknown' : results.hostTsc[g]!.toString();
	lines.push(`guest TSC ${guest.tsc[g]}  ->  host TSC ${hostTsc} (${statusWord})  ·  vCPU ${vcpu} (guest CPU ${guest.cpu[g]})`);
	if (status === Status.Exact && report) lines.push(epochLabel(report, results.epoch[g]!));
	if (status === Status.Ambiguous && report) {
		const candidates = results.candidates.get(g);
		const list = candidates ? candidates.tsc.map((t, k) => `${t} (epoch ${candidates.epochs[k]}, offset ${formatSigned(report.epochs[candidates.epochs[k]!]!.offset)})`) : [];
		lines.push(`ambiguous: ${list.length} candidate host TSCs: ${list.join(', ')}`);
	}
	if (status === Status.Unresolved) lines.push(`unresolved: ${reasonText(results.reason[g]!, vcpu)}`);
	const flags = model.flags(model.alignment.host.count + g);
	if (flags.inRegion && report) {
		const region = report.regions.find((r) => r.first <= g && g <= r.last);
		if (region) {
			lines.push(`non-monotonic region: guest lines ${guest.line[region.first]}-${guest.line[region.last]} (${region.events} events below guest TSC ${region.below})`);
		}
	}
	if (flags.lost !== undefined) lines.push(`events lost on guest CPU ${guest.cpu[g]} just before this one: ${flags.lost || 'an unknown number'}`);
	return {title: `guest event  ${escapeControl(guest.file)}:${guest.line[g]}`, raw: escapeControl(guest.raw(g)), lines};
}

function hostDetail(model: RowModel, h: number): DetailText {
	const {host, vcpus} = model.alignment;
	const vcpu = model.vcpuOf(h);
	const report = vcpus.find((v) => v.vcpu === vcpu);
	const comm = escapeControl(host.comms[host.comm[h]!]!);
	const lines: string[] = [];
	const thread = vcpu === undefined ? 'not a vCPU thread of the VM' : `vCPU ${vcpu}`;
	lines.push(`host TSC ${host.tsc[h]}  ·  ${comm}-${host.pid[h]} (${thread})  ·  host CPU ${host.cpu[h]}`);
	const write = host.writes.find((w) => w.index === h);
	if (write) {
		lines.push(`offset write for vCPU ${write.vcpu}: prev ${formatSigned(write.prev)}, next ${formatSigned(write.next)} (signed, guest = host + offset)`);
		const epoch = report?.epochs.find((e) => e.writeIndex === h);
		if (report && epoch) lines.push(`starts ${epochLabel(report, epoch.index)}`);
		const lost = report?.lostWrites.find((l) => l.writeIndex === h);
		if (lost) lines.push(`a write was lost before this one: prev is ${formatSigned(lost.found)} but the previous write set ${formatSigned(lost.expected)}`);
	} else if (report && report.epochs.length > 0) {
		lines.push(`vCPU ${report.vcpu} at this time: ${epochLabel(report, epochIndexAt(report, host.tsc[h]!))}`);
	}
	if (report?.windows && vcpu !== undefined) {
		const mark = model.windowMark(h, vcpu);
		const inside = mark ?? (insideWindow(report.windows, host.tsc[h]!) ? 'inside' : undefined);
		lines.push(inside ? `run window of vCPU ${vcpu}: ${inside === 'inside' ? 'inside one' : `its kvm_${inside}`}` : `outside vCPU ${vcpu}'s run windows`);
	}
	const flags = model.flags(h);
	if (flags.lost !== undefined) lines.push(`events lost on host CPU ${host.cpu[h]} just before this one: ${flags.lost || 'an unknown number'}`);
	return {title: `host event  ${escapeControl(host.file)}:${host.line[h]}`, raw: escapeControl(host.raw(h)), lines};
}

export function detailText(model: RowModel, id: EventId): DetailText {
	const {side, index} = model.event(id);
	return side === 'host' ? hostDetail(model, index) : guestDetail(model, index);
}
