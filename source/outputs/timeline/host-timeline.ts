// The host's process on the timeline: each vCPU thread of the VM with its run windows, and
// each CPU with every host event as an instant and, where the trace has sched_switch, the
// task that ran.

import type {Alignment} from '../../core/align.js';
import {KvmKind, type Trace} from '../../model/trace.js';
import {hostJson, side, type Side} from '../merge.js';
import {ThreadRuns} from './run-windows.js';
import {SchedTrack} from './sched.js';
import {SliceTracks, type Window} from './slices.js';
import {ProcessTracks, type Track, type TraceWriter} from './trace-writer.js';

export class HostTimeline {
	readonly tracks: ProcessTracks;
	readonly #trace: Trace;
	readonly #writer: TraceWriter;
	readonly #side: Side;
	readonly #cpu = new Map<number, Track>();
	readonly #sched = new Map<number, SchedTrack>();
	readonly #schedSlices: SliceTracks[] = [];
	readonly #runSlices: SliceTracks[] = [];
	readonly #runs = new Map<number, ThreadRuns>();
	/** Per host event: KvmKind of the VM's vCPU threads' kvm_entry/kvm_exit, else 0. */
	readonly #kind: Uint8Array;
	readonly #schedName: number;
	instants = 0;

	constructor(alignment: Alignment, writer: TraceWriter, window: Window, tracks: ProcessTracks) {
		const host = alignment.host;
		this.tracks = tracks;
		this.#trace = host;
		this.#writer = writer;
		this.#side = side(host, true);
		this.#schedName = host.names.indexOf('sched_switch');
		const threads = alignment.vm.threads.filter((t) => t.vcpu >= 0).sort((a, b) => a.vcpu - b.vcpu || a.pid - b.pid);
		for (const t of threads) {
			const slices = new SliceTracks(writer, [tracks.track(`vCPU ${t.vcpu} run windows (${t.comm}-${t.pid})`)], window, 'run_window');
			this.#runSlices.push(slices);
			this.#runs.set(t.pid, new ThreadRuns(slices, t.vcpu));
		}
		this.#kind = new Uint8Array(host.count);
		const {kvm} = host;
		for (let k = 0; k < kvm.count; k++) {
			if (this.#runs.has(host.pid[kvm.index[k]!]!)) this.#kind[kvm.index[k]!] = kvm.kind[k]!;
		}
		const scheds = new Set(cpusOf(host, (i) => host.name[i] === this.#schedName));
		for (const cpu of cpusOf(host, () => true)) {
			this.#cpu.set(cpu, tracks.track(`CPU ${cpu}`));
			if (scheds.has(cpu)) {
				const slices = new SliceTracks(writer, [tracks.track(`CPU ${cpu} tasks`)], window, 'sched');
				this.#schedSlices.push(slices);
				this.#sched.set(cpu, new SchedTrack(slices));
			}
		}
	}

	/** Host event `i` at `tsc` (`ns`); `shown`: inside the exported stretch. */
	event(i: number, tsc: bigint, ns: number, shown: boolean): Promise<void> | undefined {
		const t = this.#trace;
		let wait: Promise<void> | undefined;
		const kind = this.#kind[i]!;
		if (kind !== 0) {
			const runs = this.#runs.get(t.pid[i]!)!;
			if (kind === KvmKind.Entry) runs.entry(ns, tsc, t.line[i]!);
			else wait = runs.exit(ns, tsc, t.line[i]!, t.text(i));
		} else if (t.name[i] === this.#schedName) {
			wait = this.#sched.get(t.cpu[i]!)!.switch(ns, t.text(i));
		}
		if (!shown) return wait;
		this.instants++;
		const s = this.#side;
		return this.#writer.instant(this.#cpu.get(t.cpu[i]!)!, ns, s.name(t.name[i]!), 'host', hostJson(s, i)) ?? wait;
	}

	finish(ns: number): Promise<void> | undefined {
		let wait: Promise<void> | undefined;
		for (const runs of this.#runs.values()) wait = runs.finish(ns) ?? wait;
		for (const sched of this.#sched.values()) wait = sched.finish(ns) ?? wait;
		return wait;
	}

	get runWindows(): number {
		return this.#runSlices.reduce((n, s) => n + s.drawn, 0);
	}

	get schedSlices(): number {
		return this.#schedSlices.reduce((n, s) => n + s.drawn, 0);
	}

	/** Slices that could not nest (none expected: each track's slices follow one another). */
	get refused(): number {
		return [...this.#runSlices, ...this.#schedSlices].reduce((n, s) => n + s.refused, 0);
	}
}

/** The CPUs of the events that `keep`, ascending (a Set touched only when the CPU changes). */
export function cpusOf(trace: Trace, keep: (i: number) => boolean): number[] {
	const cpus = new Set<number>();
	let last = -1;
	for (let i = 0; i < trace.count; i++) {
		const cpu = trace.cpu[i]!;
		if (cpu !== last && keep(i)) {
			cpus.add(cpu);
			last = cpu;
		}
	}
	return [...cpus].sort((a, b) => a - b);
}
