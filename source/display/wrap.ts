// Text broken into lines at spaces, for the viewer's help and detail pane and for --help.

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

/**
 * A label and its words in two columns, indented by two: the words wrapped to `textWidth`
 * beside a label column `labelWidth` wide. A label too wide for its column takes a line of its own.
 */
export function labelled(label: string, words: string, labelWidth: number, textWidth: number): string[] {
	const wrapped = wrapWords(words, textWidth);
	if (label.length > labelWidth - 1) return [`  ${label}`, ...wrapped.map((w) => `  ${' '.repeat(labelWidth)}${w}`)];
	return wrapped.map((w, i) => `  ${(i === 0 ? label : '').padEnd(labelWidth)}${w}`);
}
