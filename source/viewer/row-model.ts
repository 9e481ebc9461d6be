// Rows of the viewer: every event once, in the merged host-TSC order, optionally only one
// vCPU's. Answers "row k" by index: nothing is built per row for the whole trace beyond a
// few typed arrays, and text is read only for the rows on screen.

import type {Alignment, VcpuReport} from '../core/align.js';
import {Reason, Status} from '../core/assign.js';
import {guestPlacement, mergedOrder} from '../core/order.js';
import {insideWindow} from '../core/windows.js';
import {lowerBound, partitionPoint} from '../model/bounds.js';
import {KvmEvent} from '../model/kvm-events.js';
import type {GuestsAlignment} from '../core/align-guests.js';
import {guestOfEvent, joinGuests, vcpuName, type GuestLanes} from './guest-lanes.js';

/** An event id: below host.count a host event, else a guest event offset by host.count. */
export type EventId = number;

export interface RowEvent {
	side: 'host' | 'guest';
	/** Index in its own trace. */
	index: number;
}

/** One filter's rows: merged positions, ascending. */
export interface View {
	/** undefined: every vCPU. */
	vcpu: number | undefined;
	count: number;
	/** Merged position of each row; undefined when the view is the whole merged order. */
	rows: Uint32Array | undefined;
	/** Rows with a flag `}`/`{` stops at, ascending. */
	flagged: Uint32Array;
	/** Rows where an offset epoch starts (in a filtered view: the first row at or after it), ascending. */
	epochStarts: Uint32Array;
	/** Rows of ambiguous guest events, and of unresolved ones, ascending. */
	ambiguous: Uint32Array;
	unresolved: Uint32Array;
}

export class RowModel {
	readonly alignment: Alignment;
	/** With several guest files: which guest each guest row is, and their vCPUs' names. */
	readonly lanes: GuestLanes | undefined;
	/** Merged order of event ids. */
	readonly order: Uint32Array;
	/** Merged position of each event id. */
	readonly position: Uint32Array;
	/** Where each guest event sits on the host clock (unresolved ones after their vCPU's previous). */
	readonly guestKey: BigUint64Array;
	/** vCPU of each host thread pid of the selected VM. */
	readonly vcpuOfPid: Map<number, number>;
	readonly vcpuIds: number[];
	/** Characters of the widest host TSC, for the host-TSC column. */
	readonly tscWidth: number;
	readonly #flaggedAll: Uint32Array;
	readonly #ambiguousAll: Uint32Array;
	readonly #unresolvedAll: Uint32Array;
	/** The smallest host TSC of any placed event: where "since first" counts from. */
	readonly firstTsc: bigint;
	/** Merged positions of epoch starts with the vCPU of each. */
	readonly #epochStartsAll: {position: number; vcpu: number}[];
	readonly #views = new Map<number | undefined, View>();
	readonly #regionsByVcpu = new Map<number, {first: Uint32Array; last: Uint32Array}>();
	readonly #lostHost = new Map<number, number>();
	readonly #lostGuest = new Map<number, number>();
	readonly #lostWrites = new Set<number>();

	constructor(input: Alignment | GuestsAlignment) {
		const joined = 'guests' in input ? joinGuests(input) : undefined;
		const alignment = joined?.alignment ?? (input as Alignment);
		this.alignment = alignment;
		this.lanes = joined?.lanes;
		const {host, guest} = alignment;
		this.guestKey = guestPlacement(alignment);
		this.order = mergedOrder(alignment, this.guestKey);
		this.position = new Uint32Array(this.order.length);
		for (let p = 0; p < this.order.length; p++) this.position[this.order[p]!] = p;
		this.vcpuOfPid = new Map();
		for (const v of alignment.vcpus) for (const pid of v.hostPids) this.vcpuOfPid.set(pid, v.vcpu);
		this.vcpuIds = alignment.vcpus.map((v) => v.vcpu);
		// The merged order ends with the largest host TSC.
		const widest = this.order.length > 0 ? this.keyOf(this.order[this.order.length - 1]!) : 0n;
		this.tscWidth = Math.max('host TSC'.length, widest.toString().length);

		for (const v of alignment.vcpus) {
			const regions = [...v.regions].sort((a, b) => a.first - b.first);
			this.#regionsByVcpu.set(v.vcpu, {
				first: Uint32Array.from(regions, (r) => r.first),
				last: Uint32Array.from(regions, (r) => r.last),
			});
			for (const w of v.lostWrites) this.#lostWrites.add(w.writeIndex);
		}
		for (const l of host.lost) if (l.nextIndex >= 0) this.#lostHost.set(l.nextIndex, (this.#lostHost.get(l.nextIndex) ?? 0) + Math.max(l.count, 0));
		for (const l of guest.lost) if (l.nextIndex >= 0) this.#lostGuest.set(l.nextIndex, (this.#lostGuest.get(l.nextIndex) ?? 0) + Math.max(l.count, 0));

		const flagged: number[] = [];
		const ambiguous: number[] = [];
		const unresolved: number[] = [];
		const {status} = alignment.results;
		for (let i = 0; i < guest.count; i++) {
			if (status[i] === Status.Exact) continue;
			const p = this.position[host.count + i]!;
			flagged.push(p);
			(status[i] === Status.Ambiguous ? ambiguous : unresolved).push(p);
		}
		this.#ambiguousAll = Uint32Array.from(ambiguous).sort();
		this.#unresolvedAll = Uint32Array.from(unresolved).sort();
		let firstTsc: bigint | undefined;
		for (let p = 0; p < this.order.length && firstTsc === undefined; p++) {
			const id = this.order[p]!;
			if (id < host.count || status[id - host.count] !== Status.Unresolved) firstTsc = this.keyOf(id);
		}
		this.firstTsc = firstTsc ?? 0n;
		for (const v of alignment.vcpus) for (const r of v.regions) flagged.push(this.position[host.count + r.first]!);
		for (const index of this.#lostHost.keys()) flagged.push(this.position[index]!);
		for (const index of this.#lostGuest.keys()) flagged.push(this.position[host.count + index]!);
		for (const index of this.#lostWrites) flagged.push(this.position[index]!);
		this.#flaggedAll = unique(Uint32Array.from(flagged).sort());

		this.#epochStartsAll = [];
		for (const v of alignment.vcpus) {
			for (const e of v.epochs) {
				if (e.writeIndex >= 0) this.#epochStartsAll.push({position: this.position[e.writeIndex]!, vcpu: v.vcpu});
				else if (e.start !== undefined) this.#epochStartsAll.push({position: this.#firstPositionAtOrAfter(e.start), vcpu: v.vcpu});
			}
		}
		this.#epochStartsAll.sort((a, b) => a.position - b.position);
	}

	get total(): number {
		return this.order.length;
	}

	isHost(id: EventId): boolean {
		return id < this.alignment.host.count;
	}

	event(id: EventId): RowEvent {
		const hostCount = this.alignment.host.count;
		return id < hostCount ? {side: 'host', index: id} : {side: 'guest', index: id - hostCount};
	}

	/** Host TSC where an event sits in the merged order. */
	keyOf(id: EventId): bigint {
		const {host} = this.alignment;
		return id < host.count ? host.tsc[id]! : this.guestKey[id - host.count]!;
	}

	/** vCPU an event belongs to: a guest event's, or a host event's thread's; undefined for other host events. */
	vcpuOf(id: EventId): number | undefined {
		const {host, results} = this.alignment;
		if (id < host.count) return this.vcpuOfPid.get(host.pid[id]!);
		const vcpu = results.vcpu[id - host.count]!;
		return vcpu >= 0 ? vcpu : undefined;
	}

	/** `vCPU 0`, or `g1 vCPU 0` with several guests. */
	vcpuName(vcpu: number): string {
		return vcpuName(this.lanes, vcpu);
	}

	/** The guest (0-based) of a guest event index; 0 with one guest. */
	guestOf(index: number): number {
		return this.lanes ? guestOfEvent(this.lanes, index) : 0;
	}

	report(vcpu: number | undefined): VcpuReport | undefined {
		return vcpu === undefined ? undefined : this.alignment.vcpus.find((v) => v.vcpu === vcpu);
	}

	view(vcpu: number | undefined): View {
		let view = this.#views.get(vcpu);
		if (!view) {
			view = vcpu === undefined ? this.#allView() : this.#vcpuView(vcpu);
			this.#views.set(vcpu, view);
		}
		return view;
	}

	/** Event id shown on row `row` of `view`. */
	idAt(view: View, row: number): EventId {
		return this.order[view.rows ? view.rows[row]! : row]!;
	}

	/** Row of `view` holding the event at merged position `position`, or the next row after it. */
	rowAtOrAfter(view: View, position: number): number {
		return view.rows ? lowerBound(view.rows, position) : position;
	}

	/** First row of `view` whose host TSC is >= `tsc`. */
	rowAtTsc(view: View, tsc: bigint): number {
		return partitionPoint(0, view.count, (row) => this.keyOf(this.idAt(view, row)) < tsc);
	}

	/** Flags of one event, for the gutter and the detail pane. */
	flags(id: EventId): RowFlags {
		const {host, results} = this.alignment;
		const flags: RowFlags = {regionStart: false, inRegion: false, candidates: 0, unresolved: false, outsideWindow: false, lost: undefined, lostWrite: false};
		if (id < host.count) {
			flags.lost = this.#lostHost.get(id);
			flags.lostWrite = this.#lostWrites.has(id);
			return flags;
		}
		const g = id - host.count;
		flags.lost = this.#lostGuest.get(g);
		const status = results.status[g];
		if (status === Status.Ambiguous) flags.candidates = results.candidates.get(g)?.tsc.length ?? 0;
		else if (status === Status.Unresolved) {
			flags.unresolved = true;
			flags.outsideWindow = results.reason[g] === Reason.OutsideWindows;
		}
		const regions = this.#regionsByVcpu.get(results.vcpu[g]!);
		if (regions) {
			const r = lowerBound(regions.first, g + 1) - 1;
			if (r >= 0 && g <= regions.last[r]!) {
				flags.inRegion = true;
				flags.regionStart = regions.first[r] === g;
			}
		}
		return flags;
	}

	/** Where a row sits against a vCPU's run windows: the entry, inside, the exit, or outside. */
	windowMark(id: EventId, vcpu: number | undefined): 'entry' | 'exit' | 'inside' | undefined {
		const report = this.report(vcpu);
		if (!report?.windows) return undefined;
		const {host, results} = this.alignment;
		// An unresolved guest event has no host time, so no place against the windows.
		if (id >= host.count && results.status[id - host.count] === Status.Unresolved) return undefined;
		if (id < host.count && this.vcpuOfPid.get(host.pid[id]!) === vcpu) {
			const name = host.names[host.name[id]!];
			if (name === KvmEvent.Entry) return 'entry';
			if (name === KvmEvent.Exit) return 'exit';
		}
		return insideWindow(report.windows, this.keyOf(id)) ? 'inside' : undefined;
	}

	#firstPositionAtOrAfter(tsc: bigint): number {
		const first = partitionPoint(0, this.order.length, (k) => this.keyOf(this.order[k]!) < tsc);
		return Math.min(first, Math.max(this.order.length - 1, 0));
	}

	#allView(): View {
		return {
			vcpu: undefined,
			count: this.order.length,
			rows: undefined,
			flagged: this.#flaggedAll,
			epochStarts: unique(Uint32Array.from(this.#epochStartsAll, (e) => e.position)),
			ambiguous: this.#ambiguousAll,
			unresolved: this.#unresolvedAll,
		};
	}

	/**
	 * The view of the rows at merged positions `rows` (ascending), of one vCPU or all: a vCPU
	 * filter, or a row filter's matches. Epoch starts a filter hides move to the next row it shows.
	 */
	subView(vcpu: number | undefined, rows: Uint32Array): View {
		const count = rows.length;
		const starts = (vcpu === undefined ? this.#epochStartsAll : this.#epochStartsAll.filter((e) => e.vcpu === vcpu)).map((e) => e.position);
		return {
			vcpu,
			count,
			rows,
			flagged: rowsAt(rows, this.#flaggedAll, true),
			epochStarts: rowsAt(rows, starts, false),
			ambiguous: rowsAt(rows, this.#ambiguousAll, true),
			unresolved: rowsAt(rows, this.#unresolvedAll, true),
		};
	}

	/** The vCPU (or -1) of the event at each merged position, made on the first filtered view. */
	#vcpuAt: Int32Array | undefined;

	#vcpuByPosition(): Int32Array {
		if (this.#vcpuAt) return this.#vcpuAt;
		const {host, results} = this.alignment;
		const at = new Int32Array(this.order.length);
		let lastPid = -1;
		let lastVcpu = -1;
		for (let p = 0; p < at.length; p++) {
			const id = this.order[p]!;
			if (id < host.count) {
				// Host events come in runs of one thread: look the pid up once per run.
				const pid = host.pid[id]!;
				if (pid !== lastPid) {
					lastPid = pid;
					lastVcpu = this.vcpuOfPid.get(pid) ?? -1;
				}
				at[p] = lastVcpu;
			} else at[p] = results.vcpu[id - host.count]!;
		}
		this.#vcpuAt = at;
		return at;
	}

	#vcpuView(vcpu: number): View {
		// One scan of every row makes the vCPU table; each vCPU's view is then a quick pass over it.
		const at = this.#vcpuByPosition();
		let count = 0;
		for (let p = 0; p < at.length; p++) if (at[p] === vcpu) count++;
		const rows = new Uint32Array(count);
		for (let p = 0, r = 0; p < at.length; p++) if (at[p] === vcpu) rows[r++] = p;
		return this.subView(vcpu, rows);
	}

	/** The vCPU (or -1) of the event at each merged position. */
	vcpuAtPosition(): Int32Array {
		return this.#vcpuByPosition();
	}
}

/**
 * Rows of a view (its ascending merged positions `rows`) for ascending `positions`: with
 * `exact`, only positions the view shows; otherwise the first row at or after each. One walk
 * along both lists.
 */
function rowsAt(rows: Uint32Array, positions: ArrayLike<number>, exact: boolean): Uint32Array {
	const count = rows.length;
	const out = new Uint32Array(Math.min(positions.length, count));
	let n = 0;
	let row = 0;
	for (let k = 0; k < positions.length; k++) {
		const position = positions[k]!;
		while (row < count && rows[row]! < position) row++;
		if (row >= count) break;
		if (exact && rows[row] !== position) continue;
		if (n === 0 || out[n - 1] !== row) out[n++] = row;
	}
	return out.subarray(0, n);
}

export interface RowFlags {
	/** First event of a non-monotonic region. */
	regionStart: boolean;
	inRegion: boolean;
	/** Candidate count of an ambiguous event, 0 otherwise. */
	candidates: number;
	unresolved: boolean;
	outsideWindow: boolean;
	/** Events lost on this CPU just before this event (0: an unknown number), undefined when none. */
	lost: number | undefined;
	/** A kvm_write_tsc_offset whose prev shows an earlier write was lost. */
	lostWrite: boolean;
}

function unique(sorted: Uint32Array): Uint32Array {
	let n = 0;
	for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
	return sorted.subarray(0, n);
}
