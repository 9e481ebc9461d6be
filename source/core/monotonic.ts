// Non-monotonic regions: where a guest CPU's timestamps go backwards in record order, until
// they pass the maximum seen before. Inside one offset epoch guest time never decreases, so
// each region marks a new epoch (a backward TSC write, or a lost one).

import type {Trace} from '../model/trace.js';
import {lessAt, wordsOf} from '../model/u64-words.js';

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
	// Event indexes stand for their TSCs, compared by words: no BigInt per event.
	const words = wordsOf(guest.tsc);
	const less = words ? (i: number, j: number) => lessAt(words, i, j) : (i: number, j: number) => guest.tsc[i]! < guest.tsc[j]!;
	const regions: NonMonotonicRegion[] = [];
	let max = -1;
	let open: NonMonotonicRegion | undefined;
	let below = -1;
	for (let j = 0; j < events.length; j++) {
		const index = events[j]!;
		if (open) {
			if (!less(index, below)) {
				regions.push(open);
				open = undefined;
				max = index;
			} else {
				open.last = index;
				open.events++;
			}
			continue;
		}
		if (max >= 0 && less(index, max)) {
			open = {vcpu, first: index, last: index, events: 1, below: guest.tsc[max]!};
			below = max;
		} else {
			max = index;
		}
	}
	if (open) regions.push(open);
	return regions;
}
