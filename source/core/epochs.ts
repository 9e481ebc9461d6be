// Offset epochs of one vCPU from its kvm_write_tsc_offset events (docs/domain.md §3).

import {Column} from '../model/columns.js';
import {PidSlots} from './pid-slots.js';
import {lowerBoundBig} from '../model/bounds.js';
import {KvmKind, type OffsetWrite, type Trace} from '../model/trace.js';
import {gather} from '../model/u64-words.js';

export type OffsetSource = 'write' | 'flag' | 'time_shift' | 'recovered';

export interface Epoch {
	index: number;
	/** Host TSC where it begins; undefined for "since before the trace". */
	start: bigint | undefined;
	/** Host TSC where the next epoch begins; undefined when none does. */
	end: bigint | undefined;
	/** KVM convention, as u64: guest = host + offset. */
	offset: bigint;
	source: OffsetSource;
	/** What started it: `before the first write`, `msr_write 10`, `host write`, `--offset`. */
	cause: string;
	/** Host event index of the write that started it, -1 when none. */
	writeIndex: number;
	/** Recovered offsets: every offset in [lo, hi] (signed) fits the run windows as well. */
	interval?: {lo: bigint; hi: bigint};
}

export interface LostWrite {
	/** The write whose `prev` does not match the `next` before it. */
	writeIndex: number;
	expected: bigint;
	found: bigint;
}

/**
 * Cause of a write: a guest TSC MSR write on the same thread since that thread last entered
 * the guest (the exit it caused), or else the host's own doing. Compared by TSC, not file
 * position, so a host file made by concatenating buffer instances works too.
 */
function causeOf(host: Trace, write: OffsetWrite, lastEntryBefore: (pid: number, tsc: bigint) => bigint): string {
	const pid = host.pid[write.index]!;
	const at = host.tsc[write.index]!;
	const since = lastEntryBefore(pid, at);
	let cause = 'host write';
	let latest = -1n;
	for (const msr of host.msrWrites) {
		const t = host.tsc[msr.index]!;
		if (host.pid[msr.index] !== pid || t > at || t < since || t < latest) continue;
		latest = t;
		cause = `msr_write ${msr.msr.toString(16)}`;
	}
	return cause;
}

/**
 * For a thread and a TSC, the TSC of that thread's last kvm_entry before it (-1 when none).
 * Threads in `pids` are indexed now in one pass (the ones that wrote an offset, the only
 * ones asked about); any other is indexed on first use.
 */
export function entryFinder(host: Trace, pids: readonly number[] = []): (pid: number, tsc: bigint) => bigint {
	const byPid = new Map<number, BigUint64Array>();
	const index = (wanted: readonly number[]): void => {
		// Event indexes first, then their TSCs copied by words and sorted natively: a BigInt
		// per entry and a comparator sort cost more than the rest of the search together.
		const slots = new PidSlots();
		for (const pid of wanted) if (!byPid.has(pid)) slots.add(pid);
		if (slots.pids.length === 0) return;
		const found = slots.pids.map(() => new Column(Uint32Array));
		const {kvm} = host;
		for (let k = 0; k < kvm.count; k++) {
			if (kvm.kind[k] !== KvmKind.Entry) continue;
			const slot = slots.get(host.pid[kvm.index[k]!]!);
			if (slot >= 0) found[slot]!.push(kvm.index[k]!);
		}
		slots.pids.forEach((pid, slot) => byPid.set(pid, gather(host.tsc, found[slot]!.array, found[slot]!.length).sort()));
	};
	index(pids);
	return (pid, tsc) => {
		if (!byPid.has(pid)) index([pid]);
		const list = byPid.get(pid)!;
		const below = lowerBoundBig(list, tsc);
		return below > 0 ? list[below - 1]! : -1n;
	};
}

export function epochsFromWrites(
	host: Trace,
	writes: readonly OffsetWrite[],
	lastEntryBefore: (pid: number, tsc: bigint) => bigint,
): {epochs: Epoch[]; lost: LostWrite[]} {
	const sorted = [...writes].sort((a, b) => {
		const ta = host.tsc[a.index]!;
		const tb = host.tsc[b.index]!;
		return ta < tb ? -1 : ta > tb ? 1 : a.index - b.index;
	});
	const epochs: Epoch[] = [];
	const lost: LostWrite[] = [];
	if (sorted.length === 0) return {epochs, lost};
	const first = sorted[0]!;
	epochs.push({
		index: 0,
		start: undefined,
		end: host.tsc[first.index],
		offset: first.prev,
		source: 'write',
		cause: 'before the first write',
		writeIndex: -1,
	});
	sorted.forEach((write, i) => {
		const next = sorted[i + 1];
		epochs.push({
			index: i + 1,
			start: host.tsc[write.index],
			end: next ? host.tsc[next.index] : undefined,
			offset: write.next,
			source: 'write',
			cause: causeOf(host, write, lastEntryBefore),
			writeIndex: write.index,
		});
		if (i > 0 && write.prev !== sorted[i - 1]!.next) {
			lost.push({writeIndex: write.index, expected: sorted[i - 1]!.next, found: write.prev});
		}
	});
	return {epochs, lost};
}

/** One epoch covering all time, for an offset that did not come from a write. */
export function constantEpoch(offset: bigint, source: OffsetSource, cause: string): Epoch {
	return {index: 0, start: undefined, end: undefined, offset, source, cause, writeIndex: -1};
}
