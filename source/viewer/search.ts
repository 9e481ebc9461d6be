// `/` search: a regex (plain text when the regex does not compile), smart case, over the text
// of each row. The scan runs in time slices so a search through millions of rows never
// freezes the screen, and Esc can stop it.

export interface SearchPattern {
	source: string;
	/** Global, for finding every match in a row. */
	regex: RegExp;
	/** The text was not a valid regex and is matched literally. */
	plain: boolean;
}

export function compileSearch(source: string): SearchPattern {
	// Smart case, as vi's smartcase: any upper-case letter makes the search case-sensitive.
	const flags = /[A-Z]/.test(source) ? 'g' : 'gi';
	try {
		return {source, regex: new RegExp(source, flags), plain: false};
	} catch {
		return {source, regex: new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags), plain: true};
	}
}

export function matchesText(pattern: SearchPattern, text: string): boolean {
	pattern.regex.lastIndex = 0;
	return pattern.regex.test(text);
}

/** [start, end) of every non-empty match in `text`. */
export function matchRanges(pattern: SearchPattern, text: string): [number, number][] {
	const ranges: [number, number][] = [];
	const {regex} = pattern;
	regex.lastIndex = 0;
	for (let found = regex.exec(text); found; found = regex.exec(text)) {
		if (found[0].length === 0) {
			regex.lastIndex++;
			if (regex.lastIndex > text.length) break;
			continue;
		}
		ranges.push([found.index, found.index + found[0].length]);
	}
	return ranges;
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
