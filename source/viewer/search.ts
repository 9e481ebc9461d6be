// `/` search: a regex (plain text when the regex does not compile), smart case, over the text
// of each row. Matching is linear in the text (safe-match.ts) and the scan runs in time
// slices, so a search through millions of rows never freezes the screen, and Esc stops it.

import {compileSafe, type SafePattern} from './safe-match.js';
import {inSlices} from './slices.js';

export interface SearchPattern {
	source: string;
	/** The text was not a valid pattern and is matched literally. */
	plain: boolean;
	/** Linear-time matching (safe-match.ts): no pattern can freeze the viewer. */
	matcher: SafePattern;
}

export function compileSearch(source: string): SearchPattern {
	// Smart case, as vi's smartcase: any upper-case letter makes the search case-sensitive.
	const matcher = compileSafe(source, /[A-Z]/.test(source));
	return {source, plain: matcher.plain, matcher};
}

export function matchesText(pattern: SearchPattern, text: string): boolean {
	return pattern.matcher.test(text);
}

/** [start, end) of every non-empty match in `text`. */
export function matchRanges(pattern: SearchPattern, text: string): [number, number][] {
	return pattern.matcher.ranges(text);
}

export interface ScanOptions {
	total: number;
	/** Row the search starts after (it is tested last, after wrapping around). */
	from: number;
	dir: 1 | -1;
	test: (row: number) => boolean;
	onProgress: (scanned: number) => void;
	onDone: (row: number | undefined, wrapped: boolean) => void;
	/** Milliseconds of work per slice before giving the screen a turn. */
	slice?: number;
}

/** Starts a scan; the first slice runs at once, so a nearby match needs no extra turn. Returns a cancel function. */
export function startScan(options: ScanOptions): () => void {
	const {total, from, dir, test, onProgress, onDone} = options;
	let scanned = 0;
	if (total === 0) {
		onDone(undefined, false);
		return () => {};
	}
	const step = (until: number): boolean => {
		while (scanned < total) {
			const raw = from + dir * (scanned + 1);
			const row = ((raw % total) + total) % total;
			scanned++;
			if (test(row)) {
				onDone(row, dir > 0 ? row <= from : row >= from);
				return true;
			}
			if ((scanned & 15) === 0 && performance.now() > until) return false;
		}
		onDone(undefined, false);
		return true;
	};
	return inSlices(step, options.slice ?? 15, () => onProgress(scanned));
}
