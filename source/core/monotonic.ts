// Non-monotonic regions: where a guest CPU's timestamps go backwards in record order, until
// they pass the maximum seen before. Inside one offset epoch guest time never decreases, so
// each region marks a new epoch (a backward TSC write, or a lost one).

import type {Trace} from '../model/trace.js';
import {wordsOf} from '../model/u64-words.js';

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
	let max = -1;
	let open: NonMonotonicRegion | undefined;
	// The compared words held in locals: a closure per call made this loop polymorphic (one
	// call target per vCPU) and it ran deoptimised on every vCPU after the first.
	let maxHi = 0;
	let maxLo = 0;
	for (let j = 0; j < events.length; j++) {
		const index = events[j]!;
		const hi = words[2 * index + 1]!;
		const lo = words[2 * index]!;
		const less = hi < maxHi || (hi === maxHi && lo < maxLo);
		if (open) {
			if (!less) {
				regions.push(open);
				open = undefined;
				max = index;
				maxHi = hi;
				maxLo = lo;
			} else {
				open.last = index;
				open.events++;
			}
			continue;
		}
		if (max >= 0 && less) {
			open = {vcpu, first: index, last: index, events: 1, below: guest.tsc[max]!};
		} else {
			max = index;
			maxHi = hi;
			maxLo = lo;
		}
	}
	if (open) regions.push(open);
	return regions;
}

function wordsCopy(values: BigUint64Array): Uint32Array {
	const words = new Uint32Array(values.length * 2);
	for (let i = 0; i < values.length; i++) {
		words[2 * i] = Number(values[i]! & 0xffffffffn);
		words[2 * i + 1] = Number(values[i]! >> 32n);
	}
	return words;
}
