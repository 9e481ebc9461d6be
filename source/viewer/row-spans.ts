// One event row as styled spans, already cut to the terminal's width: the one place a row's
// text is put together (gutter, flags, time, then the lane: guest TSC, CPU and task, event
// name, text), so a new column is a span here. body.tsx turns the spans into the row's line.

import {cutColumns, flagCodes} from './cells.js';
import {FLAG_WIDTH, type Layout} from './layout.js';
import {laneFields, type ColumnSet, type FieldWidths} from './row-fields.js';
import type {EventId, RowModel} from './row-model.js';
import {matchRanges, type SearchPattern} from './search.js';
import {flagLook, look, type Look} from './theme.js';

export interface Span {
	text: string;
	look?: Look;
	/** The cursor row's bar: every span of that row but the guest lane's indent and rule. */
	inverse?: boolean;
}

export interface RowInput {
	model: RowModel;
	id: EventId;
	layout: Layout;
	widths: FieldWidths;
	set: ColumnSet;
	cursor: boolean;
	/** The mark letter on this row, if any. */
	mark: string | undefined;
	windowMark: 'entry' | 'exit' | 'inside' | undefined;
	time: string;
	/** Columns this row's lane text is scrolled by. */
	shift: number;
	search: SearchPattern | undefined;
}

const WINDOW_MARK = {entry: '┌', exit: '└', inside: '│'} as const;

/** Adds `text` in `look`, joined to the last span when that has the same look (fewer, longer spans). */
function push(spans: Span[], text: string, look: Look | undefined, inverse: boolean): void {
	if (text === '') return;
	const last = spans.at(-1);
	if (last && last.look === look && (last.inverse ?? false) === inverse) last.text += text;
	else spans.push(inverse ? {text, look, inverse} : {text, look});
}

/** `text` with its search matches in the match look. */
function pushHighlighted(spans: Span[], text: string, search: SearchPattern | undefined, base: Look | undefined, inverse: boolean): void {
	if (!search || text === '') return push(spans, text, base, inverse);
	let at = 0;
	for (const [from, to] of matchRanges(search, text)) {
		if (from > at) push(spans, text.slice(at, from), base, inverse);
		push(spans, text.slice(from, to), look.match, inverse);
		at = to;
	}
	if (at < text.length) push(spans, text.slice(at), base, inverse);
}

/** The spans of one row, left to right. */
export function rowSpans({model, id, layout, widths, set, cursor, mark, windowMark, time, shift, search}: RowInput): Span[] {
	const isHost = model.isHost(id);
	const spans: Span[] = [];
	push(spans, windowMark ? WINDOW_MARK[windowMark] : ' ', windowMark ? look.window : undefined, cursor);
	push(spans, cursor ? '>' : (mark ?? ' '), !cursor && mark ? look.mark : undefined, cursor);
	let used = 0;
	for (const {code, kind} of flagCodes(model.flags(id))) {
		if (used + code.length > FLAG_WIDTH) break;
		push(spans, code, flagLook[kind], cursor);
		used += code.length;
	}
	push(spans, `${' '.repeat(FLAG_WIDTH - used + 1)}${time.padStart(layout.timeWidth)} `, undefined, cursor);
	if (!isHost) {
		// The guest lane's indent and rule stay out of the cursor's bar, which starts after the rule.
		push(spans, ' '.repeat(layout.guestIndent - 2), undefined, false);
		push(spans, '│', look.dim, false);
		push(spans, ' ', undefined, cursor);
	}

	const fields = laneFields(model, id, set, widths);
	// Each field is cut to the columns left: the row is exactly as wide as the terminal allows.
	let room = layout.columns - layout.lead - (isHost ? 0 : layout.guestIndent);
	const take = (field: string): string => {
		const cut = cutColumns(field, room);
		room -= cut.width;
		return cut.text;
	};
	const clock = take(fields.clock);
	const who = take(fields.who);
	const event = take(fields.event);
	let text = take(fields.text.slice(shift));
	// The cursor row's inverse bar runs to the right edge.
	if (cursor) text += ' '.repeat(room);
	pushHighlighted(spans, clock, search, undefined, cursor);
	pushHighlighted(spans, who, search, isHost ? look.host : (fields.tone ?? look.guest), cursor);
	pushHighlighted(spans, event, search, look.event, cursor);
	pushHighlighted(spans, text, search, undefined, cursor);
	return spans;
}
