// The event rows reach the screen without Ink drawing them. Ink styles every character of a
// frame anew on each frame, and at 160x50 the rows were two thirds of a keystroke's CPU; so
// the body is laid out in Ink as one short placeholder per line, and whoever writes Ink's
// frame (the screen painter, the tests' harness) puts each row's styled line in its place.

import {createContext} from 'react';

const OPEN = '\uE000';
const CLOSE = '\uE001';

export class BodyOverlay {
	#lines: string[] = [];

	/** What Ink draws on body line `k`: private-use characters no event text brings on a line of its own. */
	placeholder(k: number): string {
		return `${OPEN}${k}${CLOSE}`;
	}

	/** The styled lines of the body, top to bottom, as of the frame being drawn. */
	set(lines: string[]): void {
		this.#lines = lines;
	}

	/** Ink's frame with each placeholder line replaced by its row. */
	compose(frame: string): string {
		if (!frame.includes(OPEN)) return frame;
		return frame
			.split('\n')
			.map((line) => {
				if (!line.startsWith(OPEN) || !line.endsWith(CLOSE)) return line;
				const k = Number(line.slice(OPEN.length, -CLOSE.length));
				return Number.isInteger(k) && k >= 0 && k < this.#lines.length ? this.#lines[k]! : line;
			})
			.join('\n');
	}
}

/** The overlay of the screen the viewer is drawn on; without one, rows are plain Ink texts. */
export const BodyOverlayContext = createContext<BodyOverlay | undefined>(undefined);
