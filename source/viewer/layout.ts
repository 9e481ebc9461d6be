// How the screen is divided. The frame is at most rows-1 lines: a frame as tall as the
// terminal makes Ink clear the whole screen on every update.

export const TOP_LINES = 2;
export const HEADER_LINES = 1;
export const BOTTOM_LINES = 1;
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 8;

export interface Layout {
	columns: number;
	/** Lines in the frame. */
	lines: number;
	body: number;
	detail: number;
	tscWidth: number;
	hostWidth: number;
	guestWidth: number;
	tooSmall: boolean;
}

/** Columns before the host cell: cursor mark, window gutter, flags, and the host-TSC column. */
export function leadWidth(tscWidth: number): number {
	return 1 + 1 + 5 + 1 + tscWidth + 1;
}

export function computeLayout(columns: number, rows: number, detail: boolean, tscWidth: number): Layout {
	const lines = Math.max(1, rows - 1);
	const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
	const chrome = TOP_LINES + HEADER_LINES + BOTTOM_LINES;
	const detailLines = detail && !tooSmall ? Math.min(9, Math.max(3, Math.floor((lines - chrome) / 2))) : 0;
	const body = Math.max(1, lines - chrome - detailLines);
	const rest = Math.max(2, columns - leadWidth(tscWidth) - 1);
	const hostWidth = Math.floor(rest / 2);
	return {columns, lines, body, detail: detailLines, tscWidth, hostWidth, guestWidth: rest - hostWidth, tooSmall};
}
