// Several guests in the viewer's one guest lane: their traces and results end to end as one
// Alignment, so the row model, filters, epochs and run windows work unchanged. Each guest's
// vCPUs get ids of their own (guest g's vCPU v is g * stride + v); GuestLanes turns them back
// into words (`g1 vCPU 0`) and tells which guest a row belongs to. Linear in the events.

import path from 'node:path';
import type {Alignment, VcpuReport} from '../core/align.js';
import type {GuestsAlignment} from '../core/align-guests.js';
import {newGuestResults, Status} from '../core/assign.js';
import {guestOfIndex} from '../core/order.js';
import type {Trace} from '../model/trace.js';

export interface GuestLanes {
	count: number;
	/** Where each guest's events start in the joined guest trace (count + 1 entries). */
	starts: Uint32Array;
	/** Short names: the guest's hostname or file name, or g1, g2, ... when those clash. */
	labels: string[];
	files: string[];
	/** The traces as loaded, to close them and summarise their malformed lines. */
	traces: Trace[];
	/** Joined vCPU id of guest g's vCPU v: g * stride + v. */
	stride: number;
}

const LABEL_WIDTH = 8;

/** The hostname a trace.dat's uname gives (`Linux NAME 5.15 ...`), else the file name without extensions. */
function shortName(trace: Trace): string {
	const host = trace.meta?.uname?.split(/\s+/)[1];
	const name = host ?? path.basename(trace.file).replace(/(\.(txt|dat|gz|trace|report))+$/i, '');
	return name.slice(0, LABEL_WIDTH);
}

export function guestLabels(traces: readonly Trace[]): string[] {
	const names = traces.map(shortName);
	const clear = names.every((n, i) => n !== '' && names.indexOf(n) === i);
	return clear ? names : names.map((_, i) => `g${i + 1}`);
}

/** The guest (0-based) that joined vCPU id `vcpu` belongs to, and its own vCPU id. */
export function splitVcpu(lanes: GuestLanes, vcpu: number): {guest: number; vcpu: number} {
	return {guest: Math.floor(vcpu / lanes.stride), vcpu: vcpu % lanes.stride};
}

/** `g1 vCPU 0`. */
export function vcpuName(lanes: GuestLanes | undefined, vcpu: number): string {
	if (!lanes) return `vCPU ${vcpu}`;
	const s = splitVcpu(lanes, vcpu);
	return `g${s.guest + 1} vCPU ${s.vcpu}`;
}

export function guestOfEvent(lanes: GuestLanes, index: number): number {
	return guestOfIndex(lanes.starts, index);
}

function concat<T extends BigUint64Array | Uint32Array | Int32Array | Uint8Array>(make: (n: number) => T, parts: T[]): T {
	const out = make(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p as never, at);
		at += p.length;
	}
	return out;
}

/** Interned names of every trace in one list, with each trace's id -> joined id. */
function joinNames(lists: (readonly string[])[]): {names: string[]; maps: Uint32Array[]} {
	const names: string[] = [];
	const ids = new Map<string, number>();
	const maps = lists.map((list) =>
		Uint32Array.from(list, (name) => {
			let id = ids.get(name);
			if (id === undefined) ids.set(name, (id = names.push(name) - 1));
			return id;
		}),
	);
	return {names, maps};
}

function joinTraces(traces: Trace[], starts: Uint32Array, labels: string[]): Trace {
	const total = starts[traces.length]!;
	const names = joinNames(traces.map((t) => t.names));
	const comms = joinNames(traces.map((t) => t.comms));
	const remap = (pick: (t: Trace) => Uint32Array, maps: Uint32Array[]): Uint32Array => {
		const out = new Uint32Array(total);
		traces.forEach((t, g) => {
			const col = pick(t);
			const map = maps[g]!;
			for (let i = 0, at = starts[g]!; i < t.count; i++) out[at + i] = map[col[i]!]!;
		});
		return out;
	};
	const which = (index: number): [Trace, number] => {
		const g = guestOfIndex(starts, index);
		return [traces[g]!, index - starts[g]!];
	};
	return {
		file: labels.join(' '),
		format: traces[0]!.format,
		count: total,
		tsc: concat((n) => new BigUint64Array(n), traces.map((t) => t.tsc)),
		cpu: concat((n) => new Uint32Array(n), traces.map((t) => t.cpu)),
		pid: concat((n) => new Int32Array(n), traces.map((t) => t.pid)),
		tgid: concat((n) => new Int32Array(n), traces.map((t) => t.tgid)),
		line: concat((n) => new Uint32Array(n), traces.map((t) => t.line)),
		name: remap((t) => t.name, names.maps),
		comm: remap((t) => t.comm, comms.maps),
		names: names.names,
		comms: comms.names,
		hasTgid: traces.some((t) => t.hasTgid),
		cpus: Math.max(...traces.map((t) => t.cpus ?? 0)) || undefined,
		kvm: {count: 0, index: new Uint32Array(0), kind: new Uint8Array(0), vcpu: new Int32Array(0)},
		writes: [],
		msrWrites: [],
		lost: traces.flatMap((t, g) => t.lost.map((l) => ({...l, nextIndex: l.nextIndex < 0 ? -1 : l.nextIndex + starts[g]!}))),
		malformed: {count: traces.reduce((n, t) => n + t.malformed.count, 0), samples: traces.flatMap((t) => t.malformed.samples)},
		meta: traces[0]!.meta,
		text: (index) => {
			const [t, i] = which(index);
			return t.text(i);
		},
		raw: (index) => {
			const [t, i] = which(index);
			return t.raw(i);
		},
		close: () => {
			for (const t of traces) t.close();
		},
	};
}

function shiftReport(v: VcpuReport, g: number, stride: number, start: number): VcpuReport {
	return {
		...v,
		vcpu: g * stride + v.vcpu,
		events: v.events.map((i) => i + start),
		regions: v.regions.map((r) => ({...r, first: r.first + start, last: r.last + start})),
	};
}

/** Every guest as one Alignment for the viewer, and what tells the guests apart again. */
export function joinGuests(aligned: GuestsAlignment): {alignment: Alignment; lanes: GuestLanes} {
	const {guests} = aligned;
	const traces = guests.map((a) => a.guest);
	const starts = new Uint32Array(guests.length + 1);
	guests.forEach((a, g) => (starts[g + 1] = starts[g]! + a.guest.count));
	const stride = 1 + guests.reduce((m, a) => a.vcpus.reduce((n, v) => Math.max(n, v.vcpu), m), 0);
	const labels = guestLabels(traces);
	const total = starts[guests.length]!;
	const results = newGuestResults(total);
	guests.forEach((a, g) => {
		const at = starts[g]!;
		const r = a.results;
		results.hostTsc.set(r.hostTsc, at);
		results.status.set(r.status, at);
		results.epoch.set(r.epoch, at);
		results.reason.set(r.reason, at);
		for (let i = 0; i < a.guest.count; i++) {
			const v = r.vcpu[i]!;
			results.vcpu[at + i] = v < 0 ? -1 : g * stride + v;
			if (r.status[i] === Status.Ambiguous) {
				const candidates = r.candidates.get(i);
				if (candidates) results.candidates.set(at + i, candidates);
			}
		}
	});
	const first = guests[0]!;
	const alignment: Alignment = {
		...first,
		guest: joinTraces(traces, starts, labels),
		vm: {id: first.vm.id, byTgid: first.vm.byTgid, threads: guests.flatMap((a) => a.vm.threads)},
		vcpus: guests.flatMap((a, g) => a.vcpus.map((v) => shiftReport(v, g, stride, starts[g]!))),
		results,
		// Any guest of another capture is worth the top bar's warning.
		otherCapture: guests.find((a) => a.otherCapture)?.otherCapture,
	};
	return {alignment, lanes: {count: guests.length, starts, labels, files: traces.map((t) => t.file), traces, stride}};
}
