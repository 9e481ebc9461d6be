// Which task ran on a CPU, from its sched_switch events: a slice from each switch to the
// next one on the same CPU, named after the task switched in. Idle (pid 0) draws nothing.

import {jsonString} from '../../display/escape.js';
import type {SliceTracks} from './slices.js';

export interface SwitchedIn {
	comm: string;
	pid: number;
}

/** The task a sched_switch text switches in (`... ==> next_comm=bash next_pid=2211 next_prio=120`). */
export function switchedIn(text: string): SwitchedIn | undefined {
	const match = / ==> next_comm=(.*) next_pid=(-?\d+)/.exec(text);
	return match ? {comm: match[1]!, pid: Number(match[2])} : undefined;
}

export class SchedTrack {
	readonly #slices: SliceTracks;
	#start = 0;
	/** Name and args of the running task's slice, JSON; undefined when idle or unknown. */
	#name: string | undefined;
	#args = '';

	constructor(slices: SliceTracks) {
		this.#slices = slices;
	}

	/** A sched_switch at `ns` with its event text. */
	switch(ns: number, text: string): Promise<void> | undefined {
		const wait = this.#close(ns);
		const next = switchedIn(text);
		if (next && next.pid !== 0) {
			this.#start = ns;
			this.#name = jsonString(next.comm);
			this.#args = `{"task":${this.#name},"pid":${next.pid}}`;
		}
		return wait;
	}

	#close(ns: number): Promise<void> | undefined {
		const name = this.#name;
		this.#name = undefined;
		return name === undefined ? undefined : this.#slices.add(this.#start, ns, name, this.#args);
	}

	/** The end of the export: the running task's slice ends there. */
	finish(ns: number): Promise<void> | undefined {
		return this.#close(ns);
	}
}
