// Collects the rows a filter keeps, in time slices like the search, so the screen keeps
// updating on millions of rows and Esc can stop it.

import {inSlices} from './slices.js';

export interface CollectOptions {
	total: number;
	test: (position: number) => boolean;
	onProgress: (scanned: number) => void;
	onDone: (positions: Uint32Array) => void;
	/** Milliseconds of work per slice before giving the screen a turn. */
	slice?: number;
}

/** Starts the scan; the first slice runs at once (a cheap filter finishes in it). Returns a cancel function. */
export function collectRows(options: CollectOptions): () => void {
	const {total, test, onProgress, onDone} = options;
	const found = new Uint32Array(total);
	let count = 0;
	let position = 0;
	const step = (until: number): boolean => {
		while (position < total) {
			if (test(position)) found[count++] = position;
			position++;
			if ((position & 4095) === 0 && performance.now() > until) return false;
		}
		// A copy of the right size: the scratch array is as long as the whole trace.
		onDone(found.slice(0, count));
		return true;
	};
	return inSlices(step, options.slice ?? 15, () => onProgress(position));
}
