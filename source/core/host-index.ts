// What align needs from the host trace alone: its kvm threads, VMs, each thread's run
// windows and kvm_entry times. loadPair builds it as soon as the host file is parsed, while
// the guest file may still be parsing; one pass over the kvm records serves every thread.

import {entryFinder} from './epochs.js';
import type {Trace} from '../model/trace.js';
import {findThreads, groupVms, type HostThread, type Vm} from './vms.js';
import {runWindows, threadWindows, type RunWindows} from './windows.js';

export interface HostIndex {
	host: Trace;
	threads: HostThread[];
	vms: Vm[];
	/** runWindows(host, pids). */
	windows(pids: readonly number[]): RunWindows;
	/** The TSC of the thread's last kvm_entry before `tsc` (-1 when none). */
	lastEntryBefore(pid: number, tsc: bigint): bigint;
}

export function indexHost(host: Trace): HostIndex {
	const threads = findThreads(host);
	const byThread = threadWindows(host);
	return {
		host,
		threads,
		vms: groupVms(threads, host.hasTgid),
		windows: (pids) => (pids.length === 1 ? byThread.get(pids[0]!) : undefined) ?? runWindows(host, pids),
		lastEntryBefore: entryFinder(host, [...new Set(host.writes.map((w) => host.pid[w.index]!))]),
	};
}
