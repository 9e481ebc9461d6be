// The one place a row's text is matched against what the user typed: `/` search and the free
// text of an `&` filter both go through here, so how matching works (and is kept from ever
// blocking the keyboard) is decided once. A regex; plain text when it does not compile; smart
// case (any upper-case letter makes it case-sensitive, as vi's smartcase).

export interface RowPattern {
	source: string;
	/** Global, for finding every match in a row. */
	regex: RegExp;
	/** The text was not a valid regex and is matched literally. */
	plain: boolean;
}

export function compileRowPattern(source: string): RowPattern {
	const flags = /[A-Z]/.test(source) ? 'g' : 'gi';
	try {
		return {source, regex: new RegExp(source, flags), plain: false};
	} catch {
		return {source, regex: new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags), plain: true};
	}
}

export function rowMatches(pattern: RowPattern, text: string): boolean {
	pattern.regex.lastIndex = 0;
	return pattern.regex.test(text);
}

/** [start, end) of every non-empty match in `text`. */
export function matchRanges(pattern: RowPattern, text: string): [number, number][] {
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
