// Where slices go on tracks that must nest. Chrome's JSON format, and Perfetto reading it,
// need the slices of one track to nest properly: two slices are disjoint or one holds the
// other. Overlapping slices (the candidate spans of ambiguous events) go on further lanes
// of the same kind; past `max` lanes a slice is not drawn, and counted.

/** How deep slices may nest on one lane before the next lane is tried. */
const MAX_DEPTH = 64;

export class Lanes {
	readonly #max: number;
	/** Per lane, the ends of the slices still open at the last start, outermost first. */
	readonly #open: number[][] = [];
	/** Slices that fitted on no lane. */
	refused = 0;

	constructor(max: number) {
		this.#max = max;
	}

	/** The lane for a slice from `start` to `end` (slices come in order of start), or -1. */
	place(start: number, end: number): number {
		for (let lane = 0; lane < this.#max; lane++) {
			const open = (this.#open[lane] ??= []);
			while (open.length > 0 && open[open.length - 1]! <= start) open.pop();
			if (open.length === 0 || (end <= open[open.length - 1]! && open.length < MAX_DEPTH)) {
				open.push(end);
				return lane;
			}
		}
		this.refused++;
		return -1;
	}
}
