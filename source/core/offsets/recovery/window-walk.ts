// Run windows found for a series of host times in order (recovery's counts, intervals and
// edge doubts all walk a piece's events under one offset).

import {lowerBoundNear} from '../../../model/bounds.js';

/**
 * The window containing each of a series of host times strictly (-1 when none), each searched
 * outwards from the previous one's place: a piece's events come in guest time order, so under
 * one offset the next window is mostly the same or the one after, a few steps instead of a
 * binary search over every window.
 */
export class WindowWalk {
	readonly #ws: Float64Array;
	readonly #we: Float64Array;
	/** Windows starting before the last time asked for. */
	#at = 0;

	constructor(ws: Float64Array, we: Float64Array) {
		this.#ws = ws;
		this.#we = we;
	}

	of(h: number): number {
		const at = (this.#at = lowerBoundNear(this.#ws, h, this.#at));
		return at > 0 && h < this.#we[at - 1]! ? at - 1 : -1;
	}
}
