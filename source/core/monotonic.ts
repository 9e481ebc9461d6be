// Non-monotonic regions: where a guest CPU's timestamps go backwards in record order, until
// they pass the maximum seen before. Inside one offset epoch guest time never decreases, so
// each region marks a new epoch (a backward TSC write, or a lost one).

import type {Trace} from './trace.js';

export interface NonMonotonicRegion {
	vcpu: number;
	/** Guest event indexes of the first and last event in the region. */
	first: number;
	last: number;
	events: number;
	/** The earlier maximum the region stays below. */
	below: bigint;
}

export function nonMonotonicRegions(guest: Trace, vcpu: number, events: ArrayLike<number>): NonMonotonicRegion[] {
	const regions: NonMonotonicRegion[] = [];
	let max: bigint | undefined;
	let open: NonMonotonicRegion | undefined;
	for (let j = 0; j < events.length; j++) {
		const index = events[j]!;
		const g = guest.tsc[index]!;
		if (open) {
			if (g >= open.below) {
				regions.push(open);
				open = undefined;
				max = g;
			} else {
				open.last = index;
				open.events++;
			}
			continue;
		}
		if (max !== undefined && g < max) {
			open = {vcpu, first: index, last: index, events: 1, below: max};
		} else {
			max = g;
		}
	}
	if (open) regions.push(open);
	return regions;
}
