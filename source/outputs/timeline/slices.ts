// Slices of one kind on one or more lanes (tracks), cut to the exported stretch of time.

import {Lanes} from './lanes.js';
import type {Track, TraceWriter} from './trace-writer.js';

/** The exported stretch, in nanoseconds since the origin, both ends included. */
export interface Window {
	from: number;
	to: number;
}

export class SliceTracks {
	readonly #writer: TraceWriter;
	readonly #tracks: readonly Track[];
	readonly #window: Window;
	readonly #cat: string;
	readonly #lanes: Lanes;
	drawn = 0;

	constructor(writer: TraceWriter, tracks: readonly Track[], window: Window, cat: string) {
		this.#writer = writer;
		this.#tracks = tracks;
		this.#window = window;
		this.#cat = cat;
		this.#lanes = new Lanes(tracks.length);
	}

	/** Slices that overlapped others on every lane, so were not drawn. */
	get refused(): number {
		return this.#lanes.refused;
	}

	/** A slice from `start` to `end` ns (in order of start); `name` and `args` are JSON. */
	add(start: number, end: number, name: string, args: string): Promise<void> | undefined {
		const {from, to} = this.#window;
		if (end < from || start > to) return undefined;
		const s = Math.max(start, from);
		const e = Math.min(end, to);
		const lane = this.#lanes.place(s, e);
		if (lane < 0) return undefined;
		this.drawn++;
		return this.#writer.slice(this.#tracks[lane]!, s, e, name, this.#cat, args);
	}
}
