// `/` search over the text of each row. The scan runs in time slices so a search through
// millions of rows never freezes the screen, and Esc can stop it.

// Matching itself lives in row-match.ts, shared with the `&` filter's free text.
export {compileRowPattern as compileSearch, matchRanges, rowMatches as matchesText, type RowPattern as SearchPattern} from './row-match.js';

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
	const slice = options.slice ?? 15;
	let scanned = 0;
	let cancelled = false;
	let timer: NodeJS.Immediate | undefined;
	const step = (): void => {
		timer = undefined;
		const until = performance.now() + slice;
		while (scanned < total) {
			const raw = from + dir * (scanned + 1);
			const row = ((raw % total) + total) % total;
			scanned++;
			if (test(row)) {
				onDone(row, dir > 0 ? row <= from : row >= from);
				return;
			}
			if ((scanned & 255) === 0 && performance.now() > until) {
				onProgress(scanned);
				timer = setImmediate(() => {
					if (!cancelled) step();
				});
				return;
			}
		}
		onDone(undefined, false);
	};
	if (total === 0) onDone(undefined, false);
	else step();
	return () => {
		cancelled = true;
		if (timer) clearImmediate(timer);
	};
}
