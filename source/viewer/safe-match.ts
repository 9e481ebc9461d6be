// Matching a pattern a person typed against trace text, in time linear in the text whatever
// the pattern: a backtracking regex such as /(\w+\s?)+zz$/ froze the viewer for minutes, with
// no way to stop it (JavaScript cannot interrupt a running RegExp). Plain text uses the native
// search (linear for a literal); anything else runs on re2js, a port of RE2 (no backtracking).

import {RE2JS} from 're2js';

export interface SafePattern {
	/** The text was not a pattern RE2 accepts (a backreference, a lookahead, a typo) and is matched literally. */
	plain: boolean;
	test(text: string): boolean;
	/** [start, end) of every non-empty match, left to right. */
	ranges(text: string): [number, number][];
}

const SPECIAL = /[.*+?^${}()|[\]\\]/;

function literal(source: string, caseSensitive: boolean, plain: boolean): SafePattern {
	// An escaped literal is a linear native search.
	const regex = new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), caseSensitive ? 'g' : 'gi');
	return {
		plain,
		test(text) {
			regex.lastIndex = 0;
			return regex.test(text);
		},
		ranges(text) {
			const out: [number, number][] = [];
			if (source.length === 0) return out;
			regex.lastIndex = 0;
			for (let found = regex.exec(text); found; found = regex.exec(text)) out.push([found.index, found.index + found[0].length]);
			return out;
		},
	};
}

export function compileSafe(source: string, caseSensitive: boolean): SafePattern {
	if (!SPECIAL.test(source)) return literal(source, caseSensitive, false);
	let re: RE2JS;
	try {
		re = RE2JS.compile(source, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
	} catch {
		return literal(source, caseSensitive, true);
	}
	return {
		plain: false,
		test: (text) => re.matcher(text).find(),
		ranges(text) {
			const out: [number, number][] = [];
			const m = re.matcher(text);
			let from = 0;
			while (from <= text.length && m.find(from)) {
				const start = m.start();
				const end = m.end();
				if (end > start) out.push([start, end]);
				from = end > start ? end : end + 1;
			}
			return out;
		},
	};
}
