// The columns of a row's lane, in sets `c` cycles through: CPU, task and event always; then
// the guest TSC (right-aligned) on guest rows; then the pid (and tgid). Task names are padded
// to one width per side so event names line up; at 80 columns long names are cut.

import {escapeControl} from '../display/escape.js';
import {commOf, nameOf} from './cells.js';
import type {EventId, RowModel} from './row-model.js';

export const COLUMN_SETS = ['task event', 'task event guest-TSC', 'task-pid event guest-TSC'] as const;
export type ColumnSet = 0 | 1 | 2;

/** One lane's fields: the guest TSC when shown, `[007] qemu-system-x86 `, `kvm_exit: `, the text. */
export interface LaneFields {
	/** The guest TSC and a space, right-aligned; '' when not shown. */
	clock: string;
	/** CPU and task, padded: the same string on many rows, which Ink then styles once a frame. */
	who: string;
	/** `name: `. */
	event: string;
	text: string;
}

/** Widths fixed per trace, so columns hold still while scrolling. */
export interface FieldWidths {
	hostCpu: number;
	guestCpu: number;
	hostTask: number;
	guestTask: number;
	guestTsc: number;
}

const widest = (names: readonly string[], cap: number): number => Math.min(cap, Math.max(1, ...names.map((n) => n.length)));

/** `guestCap`: the longest guest task name shown (the kernel's own limit is 15 characters); the host lane has more room. */
export function fieldWidths(model: RowModel, guestCap: number): FieldWidths {
	const {host, guest} = model.alignment;
	const guestCpus = Math.max(0, ...model.vcpuIds);
	return {
		hostCpu: Math.max(3, String(Math.max(0, (host.cpus ?? 1) - 1)).length),
		guestCpu: String(guestCpus).length,
		hostTask: widest(host.comms, 15),
		guestTask: widest(guest.comms, guestCap),
		guestTsc: String(guest.count > 0 ? guest.tsc.reduce((a, b) => (b > a ? b : a), 0n) : 0n).length,
	};
}

export function laneFields(model: RowModel, id: EventId, set: ColumnSet, widths: FieldWidths): LaneFields {
	const {host, guest} = model.alignment;
	const {side, index} = model.event(id);
	const isHost = side === 'host';
	const trace = isHost ? host : guest;
	const comm = commOf(trace, index);
	const width = isHost ? widths.hostTask : widths.guestTask;
	let task: string;
	if (set === 2) {
		const tgid = isHost && trace.hasTgid && trace.tgid[index]! >= 0 ? `/${trace.tgid[index]}` : '';
		task = `${comm}-${trace.pid[index]}${tgid}`.padEnd(width + (isHost && trace.hasTgid ? 15 : 8));
	} else task = comm.length > width ? comm.slice(0, width) : comm.padEnd(width);
	let cpu: string;
	if (isHost) cpu = `[${String(trace.cpu[index]).padStart(widths.hostCpu, '0')}]`;
	else {
		const vcpu = model.alignment.results.vcpu[index]!;
		cpu = `[v${vcpu >= 0 ? vcpu : '?'}]`.padEnd(widths.guestCpu + 3);
	}
	const tsc = !isHost && set > 0 ? `${String(trace.tsc[index]).padStart(widths.guestTsc)} ` : '';
	return {clock: tsc, who: `${cpu} ${task} `, event: `${nameOf(trace, index)}: `, text: escapeControl(trace.text(index))};
}
