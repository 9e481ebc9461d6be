// Counts in words that read right: `1 event`, `2 events`, `1 malformed line`.

/** `n word`, with `word + s` (or `many`) unless n is 1. */
export function plural(n: number, word: string, many = `${word}s`): string {
	return `${n} ${n === 1 ? word : many}`;
}

/** `line 10` or `lines 10-12`. */
export function lineRange(first: number, last: number, word = 'line'): string {
	return first === last ? `${word} ${first}` : `${word}s ${first}-${last}`;
}
