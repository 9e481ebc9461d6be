// Bars that fit the width by priority: each part has renderings from full to short (the last
// may be '' to leave it out); the least important part gives way first, so the epoch and its
// offset stay when file names and settings shorten, and nothing is cut mid-word.

export interface BarPart {
	/** Renderings, longest first. */
	variants: string[];
	/** Higher stays longer. */
	priority: number;
}

/** Cuts `text` to `width` at a word boundary, with `…` when something was left out. */
export function cutWords(text: string, width: number): string {
	if (text.length <= width) return text;
	if (width <= 1) return text.slice(0, Math.max(0, width));
	const room = text.slice(0, width - 1);
	const space = room.lastIndexOf(' ');
	return `${(space > width / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** The parts joined by `separator`, each as long as the width allows. */
export function fitParts(parts: BarPart[], width: number, separator = ' · '): string {
	const choice = parts.map(() => 0);
	const render = (): string =>
		parts
			.map((p, i) => p.variants[choice[i]!] ?? '')
			.filter((t) => t !== '')
			.join(separator);
	let text = render();
	while (text.length > width) {
		let pick = -1;
		for (let i = 0; i < parts.length; i++) {
			if (choice[i]! >= parts[i]!.variants.length - 1) continue;
			if (pick < 0 || parts[i]!.priority <= parts[pick]!.priority) pick = i;
		}
		if (pick < 0) return cutWords(text, width);
		choice[pick]!++;
		text = render();
	}
	return text;
}
