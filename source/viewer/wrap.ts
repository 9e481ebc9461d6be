// Text broken into lines at spaces, for the help and the detail pane.

/** `words` in lines of at most `width` characters, broken at spaces; a longer word is cut. */
export function wrapWords(words: string, width: number): string[] {
	const room = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	for (const word of words.split(' ')) {
		if (line && line.length + 1 + word.length > room) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	lines.push(line);
	return lines.flatMap((l) => {
		if (l.length <= room) return [l];
		const pieces: string[] = [];
		for (let i = 0; i < l.length; i += room) pieces.push(l.slice(i, i + room));
		return pieces;
	});
}
