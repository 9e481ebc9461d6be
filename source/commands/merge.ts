// `tscalign merge`: every event of both files once, in host-TSC order.

import type {Alignment} from '../core/align.js';
import {sourceOf, Status} from '../core/assign.js';
import {mergedOrder} from '../core/order.js';
import {reasonText} from '../core/reasons.js';
import {escapeControl, safeJson} from '../display/escape.js';
import type {Output} from './output.js';

const STATUS = ['exact', 'ambiguous', 'unresolved'] as const;

export function hostRecord(a: Alignment, i: number): Record<string, unknown> {
	const {host} = a;
	const record: Record<string, unknown> = {
		src: 'host',
		line: host.line[i],
		cpu: host.cpu[i],
		task: host.comms[host.comm[i]!],
		pid: host.pid[i],
		event: host.names[host.name[i]!],
		text: host.text(i),
		tsc: host.tsc[i]!.toString(),
	};
	if (host.hasTgid) record['tgid'] = host.tgid[i]! >= 0 ? host.tgid[i] : null;
	return record;
}

function epochsOf(a: Alignment, vcpu: number) {
	return a.vcpus.find((v) => v.vcpu === vcpu)?.epochs ?? [];
}

export function guestRecord(a: Alignment, j: number): Record<string, unknown> {
	const {guest, results} = a;
	const status = results.status[j]! as Status;
	const vcpu = results.vcpu[j]!;
	const epochs = epochsOf(a, vcpu);
	const candidates = results.candidates.get(j);
	let offsetSource: string | null = null;
	if (status === Status.Exact) offsetSource = epochs[results.epoch[j]!]!.source;
	else if (candidates) offsetSource = sourceOf(epochs, candidates.epochs) ?? null;
	return {
		src: 'guest',
		line: guest.line[j],
		cpu: guest.cpu[j],
		task: guest.comms[guest.comm[j]!],
		pid: guest.pid[j],
		event: guest.names[guest.name[j]!],
		text: guest.text(j),
		tsc: status === Status.Unresolved ? null : results.hostTsc[j]!.toString(),
		vcpu,
		guest_tsc: guest.tsc[j]!.toString(),
		status: STATUS[status],
		epoch: status === Status.Exact ? results.epoch[j] : null,
		candidates:
			status === Status.Exact
				? [results.hostTsc[j]!.toString()]
				: status === Status.Ambiguous
					? candidates!.tsc.map(String)
					: [],
		reason: status === Status.Unresolved ? reasonText(results.reason[j]!, vcpu) : null,
		offset_source: offsetSource,
	};
}

const TSC_WIDTH = 20;

function hostLine(a: Alignment, i: number): string {
	const {host} = a;
	const task = `${host.comms[host.comm[i]!]}-${host.pid[i]}`;
	return `${host.tsc[i]!.toString().padStart(TSC_WIDTH)} H ${''.padEnd(TSC_WIDTH + 2 + 14)} ${escapeControl(task)} [${String(host.cpu[i]).padStart(3, '0')}] ${escapeControl(host.names[host.name[i]!]!)}: ${escapeControl(host.text(i))}`;
}

function guestLine(a: Alignment, j: number): string {
	const {guest, results} = a;
	const status = results.status[j]! as Status;
	const tsc = status === Status.Unresolved ? '-' : results.hostTsc[j]!.toString();
	const candidates = results.candidates.get(j);
	const label = status === Status.Ambiguous ? `ambiguous(${candidates!.tsc.length})` : STATUS[status];
	const task = `${guest.comms[guest.comm[j]!]}-${guest.pid[j]}`;
	return `${tsc.padStart(TSC_WIDTH)} G g=${guest.tsc[j]!.toString().padEnd(TSC_WIDTH)} ${label.padEnd(14)} ${escapeControl(task)} [${String(guest.cpu[j]).padStart(3, '0')}] ${escapeControl(guest.names[guest.name[j]!]!)}: ${escapeControl(guest.text(j))}`;
}

export async function writeMerge(a: Alignment, json: boolean, out: Output): Promise<void> {
	const order = mergedOrder(a);
	const hostCount = a.host.count;
	for (let k = 0; k < order.length; k++) {
		const id = order[k]!;
		let text: string;
		if (json) text = safeJson(id < hostCount ? hostRecord(a, id) : guestRecord(a, id - hostCount));
		else text = id < hostCount ? hostLine(a, id) : guestLine(a, id - hostCount);
		const wait = out.line(text);
		if (wait) await wait;
	}
	await out.flush();
}
