// `tscalign merge HOST GUEST GUEST...`: every event of every file once, in host-TSC order,
// each guest event marked with its guest (G1, G2, ...; `guest` and `guest_file` in JSON).

import type {GuestsAlignment} from '../core/align-guests.js';
import {guestOfIndex, mergedOrderOfGuests} from '../core/order.js';
import {writeLines, type Output} from './line-output.js';
import {epochLookup, guestJson, guestLine, guestMarks, hostJson, hostLine, side} from './merge-lines.js';

export async function writeMergeGuests(aligned: GuestsAlignment, json: boolean, out: Output): Promise<void> {
	const {host, guests} = aligned;
	const {order, starts} = mergedOrderOfGuests(host, guests);
	const count = guests.length;
	const hostSide = side(host, json);
	const parts = guests.map((a, g) => ({a, side: side(a.guest, json), epochsOf: epochLookup(a), marks: guestMarks(g, count, a.guest.file)}));
	const hostMarks = parts[0]?.marks;
	await writeLines(out, order.length, (k) => {
		const id = order[k]!;
		if (id < host.count) return json ? hostJson(hostSide, id) : hostLine(hostSide, id, hostMarks);
		const at = id - host.count;
		const g = guestOfIndex(starts, at);
		const p = parts[g]!;
		const j = at - starts[g]!;
		return json ? guestJson(p.side, p.a, p.epochsOf, j, p.marks) : guestLine(p.side, p.a, j, p.marks);
	});
}
