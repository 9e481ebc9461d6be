// The merged order of host and guest events on the host clock: by host TSC, ties host first
// then file order. Ambiguous guest events sit at their first candidate; unresolved ones right
// after the previous event of their vCPU.

import type {Alignment} from './align.js';
import {Status} from './assign.js';

/** Indexes sorted by key, stable; the identity when the keys are already in order (the usual case). */
export function sortByKey(keys: BigUint64Array): Uint32Array {
	const n = keys.length;
	let sorted = true;
	for (let i = 1; i < n; i++) {
		if (keys[i]! < keys[i - 1]!) {
			sorted = false;
			break;
		}
	}
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	if (sorted) return order;
	// TimSort: stable, and fast on the long sorted runs traces have.
	const list = Array.from(order);
	list.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
	return Uint32Array.from(list);
}

/** Where each guest event sits on the host clock. */
export function guestPlacement(alignment: Alignment): BigUint64Array {
	const {guest, results} = alignment;
	const keys = new BigUint64Array(guest.count);
	const previous = new Map<number, bigint>();
	for (let i = 0; i < guest.count; i++) {
		const vcpu = results.vcpu[i]!;
		const key = results.status[i] === Status.Unresolved ? (previous.get(vcpu) ?? 0n) : results.hostTsc[i]!;
		keys[i] = key;
		previous.set(vcpu, key);
	}
	return keys;
}

/**
 * Every event once: values below host.count are host events, the rest guest events offset by
 * host.count. A caller that also needs the guest placement passes it in rather than have it
 * computed twice.
 */
export function mergedOrder(alignment: Alignment, guestKeys: BigUint64Array = guestPlacement(alignment)): Uint32Array {
	const {host} = alignment;
	const hostOrder = sortByKey(host.tsc);
	const guestOrder = sortByKey(guestKeys);
	const out = new Uint32Array(hostOrder.length + guestOrder.length);
	let h = 0;
	let g = 0;
	let o = 0;
	while (h < hostOrder.length && g < guestOrder.length) {
		if (host.tsc[hostOrder[h]!]! <= guestKeys[guestOrder[g]!]!) out[o++] = hostOrder[h++]!;
		else out[o++] = host.count + guestOrder[g++]!;
	}
	while (h < hostOrder.length) out[o++] = hostOrder[h++]!;
	while (g < guestOrder.length) out[o++] = host.count + guestOrder[g++]!;
	return out;
}
