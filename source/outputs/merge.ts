// `tscalign merge`: every event of both files once, in host-TSC order (lines: merge-lines.ts).

import type {Alignment} from '../core/align.js';
import {mergedOrder} from '../core/order.js';
import type {Output} from './line-output.js';
import {epochLookup, guestJson, guestLine, hostJson, hostLine, side} from './merge-lines.js';
import {writeMergeGuests} from './merge-guests.js';
import type {OutputFormat} from './output-format.js';

export async function writeMerge(a: Alignment, json: boolean, out: Output): Promise<void> {
	const order = mergedOrder(a);
	const hostCount = a.host.count;
	const host = side(a.host, json);
	const guest = side(a.guest, json);
	const epochsOf = epochLookup(a);
	for (let k = 0; k < order.length; k++) {
		const id = order[k]!;
		let text: string;
		if (id < hostCount) text = json ? hostJson(host, id) : hostLine(host, id);
		else text = json ? guestJson(guest, a, epochsOf, id - hostCount) : guestLine(guest, a, id - hostCount);
		const wait = out.line(text);
		if (wait) await wait;
	}
	await out.flush();
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
