// A guest's process on the timeline. Per vCPU: every placed guest event as an instant (its
// args the `merge --json` object: both TSCs, status, epoch, offset source, candidates); the
// candidate span of each ambiguous event on "uncertain" lanes; the tasks sched_switch ran;
// the offset as a counter with a marker at each write; non-monotonic regions as flags.
// Unresolved events have no host time and are only counted (in the metadata).
//
// Everything about one guest is here, given its file's alignment and a pid: several guests
// (one process each) are several GuestTimelines.

import type {Alignment, VcpuReport} from '../../core/align.js';
import {Status} from '../../core/assign.js';
import type {Epoch} from '../../core/epochs.js';
import {jsonString} from '../../display/escape.js';
import {formatSigned, toSigned} from '../../model/u64.js';
import {guestJson, side, type Side} from '../merge-lines.js';
import type {TscRange} from './range.js';
import {SchedTrack} from './sched.js';
import {SliceTracks, type Window} from './slices.js';
import type {TimeBase} from './time.js';
import {guestProcessName, hostname, unresolvedBy, vmName} from './names.js';
import {ProcessTracks, type Track, type TraceWriter} from './trace-writer.js';

/** Lanes for overlapping candidate spans per vCPU; a span past them is counted, not drawn. */
export const UNCERTAIN_LANES = 8;

const STATUS = ['exact', 'ambiguous'] as const;

interface VcpuTracks {
	report: VcpuReport;
	events: Track;
	sched: SchedTrack | undefined;
	schedSlices: SliceTracks | undefined;
	uncertain: SliceTracks;
	flags: SliceTracks;
	writes: Track;
	counter: string;
}

export class GuestTimeline {
	readonly tracks: ProcessTracks;
	readonly #a: Alignment;
	readonly #writer: TraceWriter;
	readonly #time: TimeBase;
	readonly #side: Side;
	readonly #vcpus = new Map<number, VcpuTracks>();
	readonly #epochsOf: (vcpu: number) => readonly Epoch[];
	readonly #schedName: number;
	instants = 0;
	writes = 0;

	/** The guest of `alignment` as process `pid`; `window`: the exported stretch, in ns; `position`: its place among several guests. */
	constructor(alignment: Alignment, pid: number, writer: TraceWriter, window: Window, time: TimeBase, position?: number) {
		const guest = alignment.guest;
		const tracks = new ProcessTracks(pid, guestProcessName(alignment, position));
		this.tracks = tracks;
		this.#a = alignment;
		this.#writer = writer;
		this.#time = time;
		this.#side = side(guest, true);
		this.#schedName = guest.names.indexOf('sched_switch');
		const withSched = new Set<number>();
		if (this.#schedName >= 0) for (let j = 0; j < guest.count; j++) if (guest.name[j] === this.#schedName) withSched.add(alignment.results.vcpu[j]!);
		for (const report of alignment.vcpus) {
			const v = report.vcpu;
			const cpus = report.guestCpus.length === 1 && report.guestCpus[0] === v ? '' : ` (guest CPU ${report.guestCpus.join(', ')})`;
			const events = tracks.track(`vCPU ${v}${cpus}`);
			const schedSlices = withSched.has(v) ? new SliceTracks(writer, [tracks.track(`vCPU ${v} tasks`)], window, 'sched') : undefined;
			const lanes = Array.from({length: UNCERTAIN_LANES}, (_, k) => tracks.track(`vCPU ${v} uncertain${k === 0 ? '' : ` ${k + 1}`}`));
			this.#vcpus.set(v, {
				report,
				events,
				sched: schedSlices && new SchedTrack(schedSlices),
				schedSlices,
				uncertain: new SliceTracks(writer, lanes, window, 'uncertain'),
				flags: new SliceTracks(writer, [tracks.track(`vCPU ${v} flags`)], window, 'flags'),
				writes: tracks.track(`vCPU ${v} offset writes`),
				counter: jsonString(`vCPU ${v} TSC`),
			});
		}
		const byVcpu = new Map(alignment.vcpus.map((v) => [v.vcpu, v.epochs]));
		this.#epochsOf = (vcpu) => byVcpu.get(vcpu) ?? [];
	}

	/** The process's name, before its events; `sortIndex`: its place among the processes. */
	begin(sortIndex: number): Promise<void> | undefined {
		return this.#writer.process(this.tracks, sortIndex);
	}

	/** Guest event `j`, placed at host `tsc` (`ns`); `shown`: inside the exported stretch. */
	event(j: number, tsc: bigint, ns: number, shown: boolean): Promise<void> | undefined {
		const {results, guest} = this.#a;
		const status = results.status[j]!;
		if (status === Status.Unresolved) return undefined;
		const v = this.#vcpus.get(results.vcpu[j]!);
		if (!v) return undefined;
		let wait: Promise<void> | undefined;
		const s = this.#side;
		if (guest.name[j] === this.#schedName && v.sched) wait = v.sched.switch(ns, guest.text(j));
		if (status === Status.Ambiguous) {
			const candidates = results.candidates.get(j)!.tsc;
			const end = this.#time.ns(candidates[candidates.length - 1]!);
			const args = `{"event":${s.name(guest.name[j]!)},"line":${guest.line[j]},"candidates":[${candidates.map((c) => `"${c}"`).join(',')}]}`;
			wait = v.uncertain.add(ns, end, `"uncertain: ${candidates.length} candidates"`, args) ?? wait;
		}
		if (!shown) return wait;
		this.instants++;
		return this.#writer.instant(v.events, ns, s.name(guest.name[j]!), STATUS[status as 0 | 1], guestJson(s, this.#a, this.#epochsOf, j)) ?? wait;
	}

	finish(ns: number): Promise<void> | undefined {
		let wait: Promise<void> | undefined;
		for (const v of this.#vcpus.values()) wait = v.sched?.finish(ns) ?? wait;
		return wait;
	}

	/** The offset counters, a marker at each offset write, and the non-monotonic regions. */
	async marks(range: TscRange, keys: BigUint64Array): Promise<void> {
		const {host, guest} = this.#a;
		const time = this.#time;
		const writes = new Map(host.writes.map((w) => [w.index, w]));
		for (const v of this.#vcpus.values()) {
			for (const e of v.report.epochs) {
				const start = e.start ?? time.origin;
				if (start > range.to || (e.end !== undefined && e.end <= range.from)) continue;
				await this.#writer.counter(this.tracks.pid, time.ns(start > range.from ? start : range.from), v.counter, 'offset', Number(toSigned(e.offset)));
				if (e.writeIndex < 0 || start < range.from) continue;
				const w = writes.get(e.writeIndex);
				const args =
					`{"vcpu":${v.report.vcpu},"epoch":${e.index},"cause":${jsonString(e.cause)},"offset":"${formatSigned(e.offset)}",` +
					`"prev":"${w?.prev ?? ''}","next":"${w?.next ?? ''}","host_tsc":"${start}","host_line":${host.line[e.writeIndex]}}`;
				this.writes++;
				await this.#writer.instant(v.writes, time.ns(start), jsonString(`offset write: ${e.cause}`), 'offset', args);
			}
			const regions = v.report.regions.map((r) => ({r, start: time.ns(keys[r.first]!), end: time.ns(keys[r.last]!)})).sort((x, y) => x.start - y.start);
			for (const {r, start, end} of regions) {
				const args = `{"vcpu":${r.vcpu},"first_line":${guest.line[r.first]},"last_line":${guest.line[r.last]},"events":${r.events},"below_guest_tsc":"${r.below}"}`;
				await v.flags.add(start, end, `"non-monotonic: ${r.events} ${r.events === 1 ? 'event' : 'events'}"`, args);
			}
		}
	}

	/** The guest's entry in the metadata's `guests`: its file, VM, counts and what was drawn. */
	metadata(): Record<string, unknown> {
		const a = this.#a;
		const sum = (f: (v: VcpuReport) => number): number => a.vcpus.reduce((n, v) => n + f(v), 0);
		return {
			pid: this.tracks.pid,
			file: a.guest.file,
			format: a.guest.format,
			events: a.guest.count,
			hostname: hostname(a.guest) ?? null,
			vm: {id: a.vm.id, grouped_by: a.vm.byTgid ? 'tgid' : 'pid', name: vmName(a) ?? null},
			exact: sum((v) => v.exact),
			ambiguous: sum((v) => v.ambiguous),
			unresolved: sum((v) => v.unresolved),
			unresolved_by: unresolvedBy(a),
		};
	}

	/** Per vCPU and in all, what the export drew. */
	get uncertainSpans(): {drawn: number; refused: number} {
		const all = [...this.#vcpus.values()];
		return {drawn: all.reduce((n, v) => n + v.uncertain.drawn, 0), refused: all.reduce((n, v) => n + v.uncertain.refused, 0)};
	}

	get schedSlices(): number {
		return [...this.#vcpus.values()].reduce((n, v) => n + (v.schedSlices?.drawn ?? 0), 0);
	}

	get flags(): number {
		return [...this.#vcpus.values()].reduce((n, v) => n + v.flags.drawn, 0);
	}

	/** Task and flag slices that could not nest (none expected: each track's follow one another). */
	get refused(): number {
		return [...this.#vcpus.values()].reduce((n, v) => n + v.flags.refused + (v.schedSlices?.refused ?? 0), 0);
	}
}
