// One parsed trace file as columns: what every reader produces and every later stage reads.

import type {DatMeta} from './trace-meta.js';
import {grownTo, Interner} from './columns.js';
import {wordsOf} from './u64-words.js';

/** The name of the format it was read as, as --format says it: `ftrace`, `report`, `dat` (formats/registry.ts). */
export type TraceFormat = string;

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
	/** The trace.dat buffer instance whose CPU this is; absent for the top-level buffer and text. */
	buffer?: string;
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
	// Plain typed-array fields grown together: one monomorphic store per field per event
	// (a generic column class made every store megamorphic, a fifth of the read time).
	// Declared empty and sized in the constructor: a field stored once is taken by V8 as
	// constant, and its first growth (4,096 events into a read) then threw away the optimised
	// reader loop and event store being compiled (40-50 ms of compiling on the real pair).
	#capacity = 0;
	#count = 0;
	#tsc = new BigUint64Array(0);
	/** #tsc's 32-bit words (undefined on a big-endian machine), for eventWords. */
	#tscWords = wordsOf(this.#tsc);
	#cpu = new Uint32Array(0);
	#pid = new Int32Array(0);
	#tgid = new Int32Array(0);
	#line = new Uint32Array(0);
	#name = new Uint32Array(0);
	#comm = new Uint32Array(0);
	/** Reader-defined locator of the event's text (byte offset, length, text start for text files). */
	#locA = new Float64Array(0);
	#locB = new Uint32Array(0);
	#locC = new Uint16Array(0);
	readonly names = new Interner();
	readonly comms = new Interner();
	// kvm_entry/kvm_exit runs, grown by hand like the event columns: a generic Column's push
	// is polymorphic over three array types and was not inlined into the reader's loop.
	#runs = 0;
	#runIndex = new Uint32Array(0);
	#runKind = new Uint8Array(0);
	#runVcpu = new Int32Array(0);
	readonly writes: OffsetWrite[] = [];
	readonly msrWrites: TscMsrWrite[] = [];
	readonly lost: LostMarker[] = [];
	readonly malformed: Malformed = {count: 0, samples: []};
	hasTgid = false;
	cpus: number | undefined;
	/** Per CPU, lost markers still waiting for the next event on that CPU. */
	readonly #pendingLost = new Map<number, LostMarker[]>();

	constructor() {
		this.#grow(4096);
		this.#growRuns(1024);
	}

	get count(): number {
		return this.#count;
	}

	/**
	 * Makes room for about `events` events at once. Readers call it with an estimate from the
	 * file size: growing by doubling leaves freed arrays behind that the process keeps as RSS.
	 */
	reserve(events: number): void {
		if (events > this.#capacity) this.#grow(Math.ceil(events));
		if (this.#count > 0) {
			// kvm_entry/kvm_exit in the same proportion as so far.
			const runs = Math.ceil((this.#runs / this.#count) * events * 1.05);
			if (runs > this.#runIndex.length) this.#growRuns(runs);
		}
	}

	#grow(to = this.#capacity * 2): void {
		this.#tsc = grownTo(this.#tsc, to);
		this.#tscWords = wordsOf(this.#tsc);
		this.#cpu = grownTo(this.#cpu, to);
		this.#pid = grownTo(this.#pid, to);
		this.#tgid = grownTo(this.#tgid, to);
		this.#line = grownTo(this.#line, to);
		this.#name = grownTo(this.#name, to);
		this.#comm = grownTo(this.#comm, to);
		this.#locA = grownTo(this.#locA, to);
		this.#locB = grownTo(this.#locB, to);
		this.#locC = grownTo(this.#locC, to);
		this.#capacity = to;
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
		const i = this.#add(cpu, pid, tgid, comm, name, line, locA, locB, locC);
		this.#tsc[i] = tsc;
		return i;
	}

	/** event() with the TSC as two 32-bit words: stored without making a BigInt. */
	eventWords(
		tscHi: number,
		tscLo: number,
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
		const i = this.#add(cpu, pid, tgid, comm, name, line, locA, locB, locC);
		const words = this.#tscWords;
		if (words) {
			words[2 * i] = tscLo;
			words[2 * i + 1] = tscHi;
		} else {
			this.#tsc[i] = (BigInt(tscHi) << 32n) | BigInt(tscLo);
		}
		return i;
	}

	#add(cpu: number, pid: number, tgid: number, comm: number, name: number, line: number, locA: number, locB: number, locC: number): number {
		if (this.#count === this.#capacity) this.#grow();
		const i = this.#count++;
		this.#cpu[i] = cpu;
		this.#pid[i] = pid;
		this.#tgid[i] = tgid;
		if (tgid >= 0) this.hasTgid = true;
		this.#comm[i] = comm;
		this.#name[i] = name;
		this.#line[i] = line;
		this.#locA[i] = locA;
		this.#locB[i] = locB;
		this.#locC[i] = locC;
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
		if (this.#runs === this.#runIndex.length) this.#growRuns(this.#runs * 2);
		const i = this.#runs++;
		this.#runIndex[i] = index;
		this.#runKind[i] = kind;
		this.#runVcpu[i] = vcpu;
	}

	#growRuns(capacity: number): void {
		this.#runIndex = grownTo(this.#runIndex, capacity);
		this.#runKind = grownTo(this.#runKind, capacity);
		this.#runVcpu = grownTo(this.#runVcpu, capacity);
	}

	lostEvents(cpu: number, count: number, line: number, buffer?: string): void {
		const marker: LostMarker = {cpu, count, line, nextIndex: -1};
		if (buffer) marker.buffer = buffer;
		this.lost.push(marker);
		const waiting = this.#pendingLost.get(cpu);
		if (waiting) waiting.push(marker);
		else this.#pendingLost.set(cpu, [marker]);
	}

	/**
	 * For a reader that stored indexes into `local` as the events' names: interns those names,
	 * each at its first event, so the names and their ids are what interning on each type's
	 * first event would have given.
	 */
	resolveNames(local: readonly string[]): void {
		const ids = new Int32Array(local.length).fill(-1);
		const name = this.#name;
		for (let i = 0; i < this.#count; i++) {
			const l = name[i]!;
			let id = ids[l]!;
			if (id < 0) {
				id = this.names.id(local[l]!);
				ids[l] = id;
			}
			name[i] = id;
		}
	}

	bad(line: number, reason: string): void {
		this.malformed.count++;
		if (this.malformed.samples.length < MALFORMED_SAMPLES) this.malformed.samples.push({line, reason});
	}

	/** The collected data as plain arrays (what a worker thread can hand back). */
	columns(file: string, format: TraceFormat, meta?: TraceMeta): TraceColumns {
		const n = this.#count;
		// Trim only when much capacity is spare; a copy of every column costs peak memory too.
		const trim = this.#capacity - n > n / 8;
		const cut = <T extends {slice(a: number, b: number): T; subarray(a: number, b: number): T}>(column: T): T =>
			trim ? column.slice(0, n) : column.subarray(0, n);
		return {
			file,
			format,
			count: n,
			tsc: cut(this.#tsc),
			cpu: cut(this.#cpu),
			pid: cut(this.#pid),
			tgid: cut(this.#tgid),
			line: cut(this.#line),
			name: cut(this.#name),
			comm: cut(this.#comm),
			names: this.names.values,
			comms: this.comms.values,
			hasTgid: this.hasTgid,
			cpus: this.cpus,
			kvm: {
				count: this.#runs,
				index: this.#runIndex.slice(0, this.#runs),
				kind: this.#runKind.slice(0, this.#runs),
				vcpu: this.#runVcpu.slice(0, this.#runs),
			},
			writes: this.writes,
			msrWrites: this.msrWrites,
			lost: this.lost,
			malformed: this.malformed,
			meta,
			locA: cut(this.#locA),
			locB: cut(this.#locB),
			locC: cut(this.#locC),
		};
	}

	finish(file: string, format: TraceFormat, access: TextAccess, meta?: TraceMeta): Trace {
		return traceOf(this.columns(file, format, meta), access);
	}
}

/** A trace's data without its text access: plain arrays and typed arrays only. */
export type TraceColumns = Omit<Trace, 'text' | 'raw' | 'close'> & {
	locA: Float64Array;
	locB: Uint32Array;
	locC: Uint16Array;
};

export function traceOf(columns: TraceColumns, access: TextAccess): Trace {
	const {locA, locB, locC, ...data} = columns;
	return {
		...data,
		text: (index) => access.text(locA[index]!, locB[index]!, locC[index]!),
		raw: (index) => access.raw(index, locA[index]!, locB[index]!),
		close: () => access.close(),
	};
}
