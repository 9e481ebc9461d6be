// How the screen is divided. The frame fills the terminal, the bottom bar on its last line:
// the viewer paints Ink's frames itself (screen-painter.ts), so Ink never clears the screen.
//
// Each row holds one event, so the rows are two lanes rather than two columns: host events
// start at the left, guest events a little further right, and both run on to the right edge.
// At 80 columns every row then shows its CPU, task, event name and the start of its text.

export const TOP_LINES = 2;
export const HEADER_LINES = 1;
export const BOTTOM_LINES = 1;
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 8;
/** Cursor or mark letter, and the run-window mark. */
export const GUTTER_WIDTH = 2;
/** Flag letters (A2, N, O, ...); the detail pane lists any that do not fit. */
export const FLAG_WIDTH = 3;

export interface Layout {
	columns: number;
	/** Lines in the frame. */
	lines: number;
	body: number;
	detail: number;
	/** Characters of the time column. */
	timeWidth: number;
	/** Columns before the host lane: gutter, flags, time. */
	lead: number;
	/** Columns the guest lane starts right of the host lane. */
	guestIndent: number;
	tooSmall: boolean;
}

/** `detail`: the lines the detail pane would like (0: closed). */
export function computeLayout(columns: number, rows: number, detail: number, timeWidth: number): Layout {
	const lines = Math.max(1, rows);
	const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
	const chrome = TOP_LINES + HEADER_LINES + BOTTOM_LINES;
	// Half the rows, more when the event's story needs them (an ambiguous event on a small
	// terminal), leaving at least three rows of events.
	const room = lines - chrome;
	const detailLines = detail > 0 && !tooSmall ? Math.max(Math.min(room - 3, detail), Math.min(room - 3, Math.floor(room / 2))) : 0;
	const body = Math.max(1, lines - chrome - detailLines);
	const lead = GUTTER_WIDTH + FLAG_WIDTH + 1 + timeWidth + 1;
	const guestIndent = Math.max(6, Math.min(40, Math.floor((columns - lead) / 5)));
	return {columns, lines, body, detail: detailLines, timeWidth, lead, guestIndent, tooSmall};
}
