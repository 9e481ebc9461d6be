// `tscalign merge`: every event of both files once, in host-TSC order (lines: merge-lines.ts).

import type {Alignment} from '../core/align.js';
import {mergedOrder} from '../core/order.js';
import {writeLines, type Output} from './line-output.js';
import {epochLookup, guestJson, guestLine, hostJson, hostLine, side} from './merge-lines.js';
import {writeMergeGuests} from './merge-guests.js';
import type {OutputFormat} from './output-format.js';

export async function writeMerge(a: Alignment, json: boolean, out: Output): Promise<void> {
	const order = mergedOrder(a);
	const hostCount = a.host.count;
	const host = side(a.host, json);
	const guest = side(a.guest, json);
	const epochsOf = epochLookup(a);
	await writeLines(out, order.length, (k) => {
		const id = order[k]!;
		if (id < hostCount) return json ? hostJson(host, id) : hostLine(host, id);
		return json ? guestJson(guest, a, epochsOf, id - hostCount) : guestLine(guest, a, id - hostCount);
	});
}

export const mergeTextOutput: OutputFormat = {
	command: 'merge',
	name: 'text',
	write: (alignment, out) => writeMerge(alignment, false, out).then(() => 0),
	writeGuests: (aligned, out) => writeMergeGuests(aligned, false, out).then(() => 0),
};

export const mergeJsonOutput: OutputFormat = {
	command: 'merge',
	name: 'json',
	write: (alignment, out) => writeMerge(alignment, true, out).then(() => 0),
	writeGuests: (aligned, out) => writeMergeGuests(aligned, true, out).then(() => 0),
};
