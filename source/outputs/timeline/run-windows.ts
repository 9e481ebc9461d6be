// A vCPU thread's run windows as slices: from kvm_entry to the next kvm_exit of the thread,
// named by the exit reason. The windows are core/windows.ts's, one thread at a time: two
// entries in a row keep the first; an exit before any entry opens the trace with a window.

import {jsonString} from '../../display/escape.js';
import type {SliceTracks} from './slices.js';

const names = new Map<string, string>();

/** `HLT`, `EPT_MISCONFIG`: the reason in a kvm_exit text, as a JSON string. */
function exitReason(text: string): string {
	const reason = /\breason (\S+)/.exec(text)?.[1] ?? 'kvm_exit';
	let name = names.get(reason);
	if (name === undefined) names.set(reason, (name = jsonString(reason)));
	return name;
}

export class ThreadRuns {
	readonly #slices: SliceTracks;
	readonly #vcpu: number;
	#entry = -1;
	#entryNs = 0;
	#entryTsc = 0n;
	#seen = false;

	constructor(slices: SliceTracks, vcpu: number) {
		this.#slices = slices;
		this.#vcpu = vcpu;
	}

	entry(ns: number, tsc: bigint, line: number): void {
		if (this.#entry < 0) {
			this.#entry = line;
			this.#entryNs = ns;
			this.#entryTsc = tsc;
		}
		this.#seen = true;
	}

	exit(ns: number, tsc: bigint, line: number, text: string): Promise<void> | undefined {
		const open = this.#entry >= 0;
		const first = !this.#seen;
		this.#seen = true;
		if (!open && !first) return undefined;
		this.#entry = -1;
		const start = open ? `"entry_tsc":"${this.#entryTsc}"` : '"entry":"before the host trace"';
		return this.#slices.add(open ? this.#entryNs : 0, ns, exitReason(text), `{"vcpu":${this.#vcpu},${start},"exit_tsc":"${tsc}","exit_line":${line}}`);
	}

	/** The end of the export (the host trace's, or --to): a window still open ends there. */
	finish(ns: number): Promise<void> | undefined {
		if (this.#entry < 0) return undefined;
		this.#entry = -1;
		return this.#slices.add(this.#entryNs, ns, '"running"', `{"vcpu":${this.#vcpu},"entry_tsc":"${this.#entryTsc}","exit":"after the end of the export"}`);
	}
}
