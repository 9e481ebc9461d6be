// One parsed trace file as columns: what every reader produces and every later stage reads.

import type {DatMeta} from '../tracedat/meta.js';
import {Column, Interner} from './columns.js';

export type TraceFormat = 'ftrace' | 'report' | 'dat';

export const enum KvmKind {
	Entry = 1,
	Exit = 2,
}

/** kvm_entry / kvm_exit records, as columns (a host trace can hold millions). */
export interface KvmRuns {
	count: number;
	/** Index of the event in the trace. */
	index: Uint32Array;
	kind: Uint8Array;
	/** vCPU id from the event text, -1 when the text has none (kvm_exit before ~5.10). */
	vcpu: Int32Array;
}

export interface OffsetWrite {
	index: number;
	vcpu: number;
	prev: bigint;
	next: bigint;
}

/** A guest write of IA32_TSC (0x10) or IA32_TSC_ADJUST (0x3b), seen as kvm_msr on the host. */
export interface TscMsrWrite {
	index: number;
	msr: number;
	value: bigint;
}

export interface LostMarker {
	cpu: number;
	/** Events lost, or -1 when the trace only says some were. */
	count: number;
	line: number;
	/** The first event on that CPU after the loss, -1 when none follows. */
	nextIndex: number;
}

export interface Malformed {
	count: number;
	/** The first few, in file order. */
	samples: {line: number; reason: string}[];
}

export interface Trace {
	file: string;
	format: TraceFormat;
	count: number;
	/** Raw timestamp (TSC counter) of each event. */
	tsc: BigUint64Array;
	cpu: Uint32Array;
	pid: Int32Array;
	/** Thread group id, -1 when the trace has none. */
	tgid: Int32Array;
	/** 1-based line in a text file; 1-based record index in a trace.dat. */
	line: Uint32Array;
	name: Uint32Array;
	comm: Uint32Array;
	names: readonly string[];
	comms: readonly string[];
	hasTgid: boolean;
	/** `cpus=N` from a report header, or the file's CPU count. */
	cpus: number | undefined;
	kvm: KvmRuns;
	writes: OffsetWrite[];
	msrWrites: TscMsrWrite[];
	lost: LostMarker[];
	malformed: Malformed;
	/** What a trace.dat says about itself (options such as TIME_SHIFT and GUEST); absent for text. */
	meta?: TraceMeta;
	/** The event's own text (after `name: `), read lazily. */
	text(index: number): string;
	/** The whole source line or a rendering of the record, read lazily. */
	raw(index: number): string;
	close(): void;
}

/** trace.dat file-level facts (options such as TIME_SHIFT, GUEST, TSC2NSEC); filled by the trace.dat reader. */
export type TraceMeta = DatMeta;

export const MALFORMED_SAMPLES = 20;

export interface TextAccess {
	text(locA: number, locB: number, locC: number): string;
	raw(index: number, locA: number, locB: number): string;
	close(): void;
}

/** Collects events in file order; readers call `event` once per record. */
export class TraceBuilder {
	readonly tsc = new Column(BigUint64Array);
	readonly cpu = new Column(Uint32Array);
	readonly pid = new Column(Int32Array);
	readonly tgid = new Column(Int32Array);
	readonly line = new Column(Uint32Array);
	readonly name = new Column(Uint32Array);
	readonly comm = new Column(Uint32Array);
	/** Reader-defined locator of the event's text (a byte offset and length for text files). */
	readonly locA = new Column(Float64Array);
	readonly locB = new Column(Uint32Array);
	readonly locC = new Column(Uint16Array);
	readonly names = new Interner();
	readonly comms = new Interner();
	readonly kvmIndex = new Column(Uint32Array);
	readonly kvmKind = new Column(Uint8Array);
	readonly kvmVcpu = new Column(Int32Array);
	readonly writes: OffsetWrite[] = [];
	readonly msrWrites: TscMsrWrite[] = [];
	readonly lost: LostMarker[] = [];
	readonly malformed: Malformed = {count: 0, samples: []};
	hasTgid = false;
	cpus: number | undefined;
	/** Per CPU, lost markers still waiting for the next event on that CPU. */
	readonly #pendingLost = new Map<number, LostMarker[]>();

	get count(): number {
		return this.tsc.length;
	}

	event(
		tsc: bigint,
		cpu: number,
		pid: number,
		tgid: number,
		comm: number,
		name: number,
		line: number,
		locA: number,
		locB: number,
		locC = 0,
	): number {
		const i = this.tsc.push(tsc);
		this.cpu.push(cpu);
		this.pid.push(pid);
		this.tgid.push(tgid);
		if (tgid >= 0) this.hasTgid = true;
		this.comm.push(comm);
		this.name.push(name);
		this.line.push(line);
		this.locA.push(locA);
		this.locB.push(locB);
		this.locC.push(locC);
		if (this.#pendingLost.size > 0) {
			const waiting = this.#pendingLost.get(cpu);
			if (waiting) {
				for (const marker of waiting) marker.nextIndex = i;
				this.#pendingLost.delete(cpu);
			}
		}
		return i;
	}

	run(index: number, kind: KvmKind, vcpu: number): void {
		this.kvmIndex.push(index);
		this.kvmKind.push(kind);
		this.kvmVcpu.push(vcpu);
	}

	lostEvents(cpu: number, count: number, line: number): void {
		const marker: LostMarker = {cpu, count, line, nextIndex: -1};
		this.lost.push(marker);
		const waiting = this.#pendingLost.get(cpu);
		if (waiting) waiting.push(marker);
		else this.#pendingLost.set(cpu, [marker]);
	}

	bad(line: number, reason: string): void {
		this.malformed.count++;
		if (this.malformed.samples.length < MALFORMED_SAMPLES) this.malformed.samples.push({line, reason});
	}

	finish(file: string, format: TraceFormat, access: TextAccess, meta?: TraceMeta): Trace {
		const locA = this.locA.finish();
		const locB = this.locB.finish();
		const locC = this.locC.finish();
		return {
			file,
			format,
			count: this.count,
			tsc: this.tsc.finish(),
			cpu: this.cpu.finish(),
			pid: this.pid.finish(),
			tgid: this.tgid.finish(),
			line: this.line.finish(),
			name: this.name.finish(),
			comm: this.comm.finish(),
			names: this.names.values,
			comms: this.comms.values,
			hasTgid: this.hasTgid,
			cpus: this.cpus,
			kvm: {
				count: this.kvmIndex.length,
				index: this.kvmIndex.finish(),
				kind: this.kvmKind.finish(),
				vcpu: this.kvmVcpu.finish(),
			},
			writes: this.writes,
			msrWrites: this.msrWrites,
			lost: this.lost,
			malformed: this.malformed,
			meta,
			text: (index) => access.text(locA[index]!, locB[index]!, locC[index]!),
			raw: (index) => access.raw(index, locA[index]!, locB[index]!),
			close: () => access.close(),
		};
	}
}
