// The JSON trace event format (Chrome's, which ui.perfetto.dev and chrome://tracing open),
// written one event per line as the events come: the file is never held in memory.
//
// Processes and tracks are numbered by the export, not taken from the traces: a host pid and
// a guest pid may be equal, and one task's events belong on several tracks. A track is a
// "thread" of its process; its name is written the first time it is used, so tracks that
// stay empty do not show.

import {jsonString} from '../../display/escape.js';
import type {Output} from '../line-output.js';
import {microseconds} from './time.js';

export interface Track {
	readonly pid: number;
	readonly tid: number;
	/** The track's name, already a JSON string. */
	readonly name: string;
	named: boolean;
}

/** One process of the export (the host, a guest) and its tracks, numbered in display order. */
export class ProcessTracks {
	readonly pid: number;
	readonly name: string;
	#next = 1;

	constructor(pid: number, name: string) {
		this.pid = pid;
		this.name = name;
	}

	track(name: string): Track {
		// A million tracks per process keeps every tid of every process distinct.
		return {pid: this.pid, tid: this.pid * 1_000_000 + this.#next++, name: jsonString(name), named: false};
	}
}

export class TraceWriter {
	readonly #out: Output;
	#pending: string | undefined;
	/** Set when a write filled the pipe: the caller waits for it before writing more. */
	#wait: Promise<void> | undefined;
	/** Events written, names of processes and tracks not counted. */
	events = 0;

	constructor(out: Output) {
		this.#out = out;
	}

	/** The opening of the file; `metadata` goes after the events, when they are counted. */
	begin(): void {
		this.#out.line('{"displayTimeUnit":"ns","traceEvents":[');
	}

	/** Each event on its own line; the comma goes after every one but the last. */
	#write(json: string): void {
		const previous = this.#pending;
		this.#pending = json;
		if (previous !== undefined) this.#wait = this.#out.line(`${previous},`) ?? this.#wait;
	}

	/** A promise when the output is full: await it before the next event. */
	#ready(): Promise<void> | undefined {
		const wait = this.#wait;
		this.#wait = undefined;
		return wait;
	}

	process(p: ProcessTracks, sortIndex: number): Promise<void> | undefined {
		this.#write(`{"name":"process_name","ph":"M","ts":0,"pid":${p.pid},"args":{"name":${jsonString(p.name)}}}`);
		this.#write(`{"name":"process_sort_index","ph":"M","ts":0,"pid":${p.pid},"args":{"sort_index":${sortIndex}}}`);
		return this.#ready();
	}

	#name(track: Track): void {
		track.named = true;
		this.#write(`{"name":"thread_name","ph":"M","ts":0,"pid":${track.pid},"tid":${track.tid},"args":{"name":${track.name}}}`);
		this.#write(`{"name":"thread_sort_index","ph":"M","ts":0,"pid":${track.pid},"tid":${track.tid},"args":{"sort_index":${track.tid % 1_000_000}}}`);
	}

	/** An instant on `track` at `ns`; `name` and `args` are JSON already. */
	instant(track: Track, ns: number, name: string, cat: string, args: string): Promise<void> | undefined {
		if (!track.named) this.#name(track);
		this.events++;
		this.#write(`{"name":${name},"cat":"${cat}","ph":"i","s":"t","ts":${microseconds(ns)},"pid":${track.pid},"tid":${track.tid},"args":${args}}`);
		return this.#ready();
	}

	/** A slice from `start` to `end` ns: a complete event. */
	slice(track: Track, start: number, end: number, name: string, cat: string, args: string): Promise<void> | undefined {
		if (!track.named) this.#name(track);
		this.events++;
		this.#write(
			`{"name":${name},"cat":"${cat}","ph":"X","ts":${microseconds(start)},"dur":${microseconds(end - start)},"pid":${track.pid},"tid":${track.tid},"args":${args}}`,
		);
		return this.#ready();
	}

	/** A value of the counter `name` (a JSON string) of process `pid` from `ns` on. */
	counter(pid: number, ns: number, name: string, series: string, value: number): Promise<void> | undefined {
		this.events++;
		this.#write(`{"name":${name},"cat":"offset","ph":"C","ts":${microseconds(ns)},"pid":${pid},"args":{"${series}":${value}}}`);
		return this.#ready();
	}

	/** Closes the event list and the file, with `metadata` (an object, JSON already). */
	async end(metadata: string): Promise<void> {
		await this.#ready();
		if (this.#pending !== undefined) await this.#out.line(this.#pending);
		this.#pending = undefined;
		await this.#out.line(`],"metadata":${metadata}}`);
		await this.#out.flush();
	}
}
