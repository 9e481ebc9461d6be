// Non-monotonic regions: where a guest CPU's timestamps go backwards in record order, until
// they pass the maximum seen before. Inside one offset epoch guest time never decreases, so
// each region marks a new epoch (a backward TSC write, or a lost one).

import type {Trace} from '../model/trace.js';
import {wordsCopy, wordsOf} from '../model/u64-words.js';

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
	// Event indexes stand for their TSCs, compared by words: no BigInt per event. On a
	// big-endian machine, a copy in words (rare; not worth a second loop).
	const words = wordsOf(guest.tsc) ?? wordsCopy(guest.tsc);
	const regions: NonMonotonicRegion[] = [];
	// The loop keeps to numbers in locals (the open region too, made an object when it
	// closes): with a closure per call and a region object updated on every event, V8
	// deoptimised it on later vCPUs (a new call target, the object's map).
	let max = -1;
	let maxHi = 0;
	let maxLo = 0;
	let first = -1;
	let last = -1;
	let count = 0;
	for (let j = 0; j < events.length; j++) {
		const index = events[j]!;
		const hi = words[2 * index + 1]!;
		const lo = words[2 * index]!;
		if (max >= 0 && (hi < maxHi || (hi === maxHi && lo < maxLo))) {
			// Below the maximum: opens a region or extends the open one.
			if (count === 0) first = index;
			last = index;
			count++;
			continue;
		}
		if (count > 0) {
			regions.push({vcpu, first, last, events: count, below: guest.tsc[max]!});
			count = 0;
		}
		max = index;
		maxHi = hi;
		maxLo = lo;
	}
	if (count > 0) regions.push({vcpu, first, last, events: count, below: guest.tsc[max]!});
	return regions;
}
