// The merged order of host and guest events on the host clock: by host TSC, ties host first
// then file order. Ambiguous guest events sit at their first candidate; unresolved ones right
// after the previous event of their vCPU.

import type {Alignment} from './align.js';
import {Status} from './assign.js';
import {upperBound} from '../model/bounds.js';
import {sortIndexes, wordsAtMost} from '../model/u64-sort.js';
import {wordsOf} from '../model/u64-words.js';
import type {Trace} from '../model/trace.js';

/** Where each guest event sits on the host clock. */
export function guestPlacement(alignment: Alignment): BigUint64Array {
	const {guest, results} = alignment;
	const keys = new BigUint64Array(guest.count);
	const previous = new Map<number, bigint>();
	// The vCPU of the event before and its key: runs of one vCPU skip the map.
	let lastVcpu = Number.NaN;
	let lastKey = 0n;
	for (let i = 0; i < guest.count; i++) {
		const vcpu = results.vcpu[i]!;
		if (vcpu !== lastVcpu) {
			if (!Number.isNaN(lastVcpu)) previous.set(lastVcpu, lastKey);
			lastKey = previous.get(vcpu) ?? 0n;
			lastVcpu = vcpu;
		}
		if (results.status[i] !== Status.Unresolved) lastKey = results.hostTsc[i]!;
		keys[i] = lastKey;
	}
	return keys;
}

/**
 * Every event once: values below host.count are host events, the rest guest events offset by
 * host.count. A caller that also needs the guest placement passes it in rather than have it
 * computed twice.
 */
export function mergedOrder(alignment: Alignment, guestKeys: BigUint64Array = guestPlacement(alignment)): Uint32Array {
	return mergeWithHost(alignment.host, guestKeys);
}

/**
 * Several guests' events in one order: their placements end to end, so the value host.count +
 * k is event k of that concatenation (guest 1's events first). Ties at one host TSC: host,
 * then guest 1, guest 2, ..., each in file order. One sort of all guest events: no work per
 * pair of guests. `keys`: the placements end to end (guest g's are keys[starts[g]..starts[g+1]]).
 */
export function mergedOrderOfGuests(host: Trace, guests: readonly Alignment[]): {order: Uint32Array; starts: Uint32Array; keys: BigUint64Array} {
	const starts = new Uint32Array(guests.length + 1);
	guests.forEach((a, g) => (starts[g + 1] = starts[g]! + a.guest.count));
	const keys = new BigUint64Array(starts[guests.length]!);
	guests.forEach((a, g) => keys.set(guestPlacement(a), starts[g]!));
	return {order: mergeWithHost(host, keys), starts, keys};
}

/** The guest (its position) whose events start at or before concatenated index k. */
export function guestOfIndex(starts: Uint32Array, k: number): number {
	return upperBound(starts, k, 0, starts.length - 1) - 1;
}

function mergeWithHost(host: Trace, guestKeys: BigUint64Array): Uint32Array {
	const hostOrder = sortIndexes(host.tsc);
	const guestOrder = sortIndexes(guestKeys);
	const out = new Uint32Array(hostOrder.length + guestOrder.length);
	let h = 0;
	let g = 0;
	let o = 0;
	// Compared through 32-bit words: reading a BigUint64Array element allocates a BigInt.
	const hw = wordsOf(host.tsc);
	const gw = wordsOf(guestKeys);
	const hostFirst = hw && gw ? (i: number, j: number): boolean => wordsAtMost(hw, i, gw, j) : (i: number, j: number): boolean => host.tsc[i]! <= guestKeys[j]!;
	while (h < hostOrder.length && g < guestOrder.length) {
		if (hostFirst(hostOrder[h]!, guestOrder[g]!)) out[o++] = hostOrder[h++]!;
		else out[o++] = host.count + guestOrder[g++]!;
	}
	while (h < hostOrder.length) out[o++] = hostOrder[h++]!;
	while (g < guestOrder.length) out[o++] = host.count + guestOrder[g++]!;
	return out;
}
