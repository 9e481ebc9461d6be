// The event rows on screen: only these are built and only their text is read.
//
// Ink redraws every character of every frame, and the cost is per character it has not yet
// seen in that frame: a row is cut into pieces that repeat from row to row (the gutter, the
// CPU and task, the event name), so most of a frame is text Ink has already seen; only the
// time and the event text are new. Nothing is padded that Ink would have to style, except the
// cursor row, whose inverse bar spans the width.

import {Box, Text} from 'ink';
import React from 'react';
import {cutColumns, flagCodes} from './cells.js';
import {FLAG_WIDTH, type Layout} from './layout.js';
import {laneFields, type ColumnSet, type FieldWidths} from './row-fields.js';
import type {EventId, RowModel, View} from './row-model.js';
import {matchRanges, type SearchPattern} from './search.js';
import {flagLook, look, type Look} from './theme.js';
import {timeText, type TimeMode} from './time-column.js';

interface Piece {
	text: string;
	look?: Look;
}

const WINDOW_MARK = {entry: '┌', exit: '└', inside: '│'} as const;

/** `text` split where search matches begin and end. */
function highlighted(text: string, search: SearchPattern | undefined, base: Look | undefined): Piece[] {
	if (!search || text === '') return [{text, look: base}];
	const pieces: Piece[] = [];
	let at = 0;
	for (const [from, to] of matchRanges(search, text)) {
		if (from > at) pieces.push({text: text.slice(at, from), look: base});
		pieces.push({text: text.slice(from, to), look: look.match});
		at = to;
	}
	if (at < text.length) pieces.push({text: text.slice(at), look: base});
	return pieces;
}

// A single piece takes its look on the text itself: Ink then colours it after measuring it,
// so string-width measures plain text rather than stripping colour codes first.
function Pieces({pieces, inverse, truncate}: {pieces: Piece[]; inverse: boolean; truncate?: boolean}): React.JSX.Element | null {
	const wrap = truncate ? 'truncate' : undefined;
	if (pieces.length === 1) {
		const only = pieces[0]!;
		if (only.text === '') return null;
		return (
			<Text wrap={wrap} inverse={inverse} {...only.look}>
				{only.text}
			</Text>
		);
	}
	return (
		<Text wrap={wrap} inverse={inverse}>
			{pieces.map((piece, i) => (
				<Text key={i} {...piece.look}>
					{piece.text}
				</Text>
			))}
		</Text>
	);
}

interface RowProps {
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

function RowLine({model, id, layout, widths, set, cursor, mark, windowMark, time, shift, search}: RowProps): React.JSX.Element {
	const isHost = model.isHost(id);
	// The run-window mark is a text, not a border: Ink applies a changed border style to every
	// edge, so a row whose mark changed would grow a top and bottom border.
	const lead: Piece[] = [windowMark ? {text: WINDOW_MARK[windowMark], look: look.window} : {text: ' '}, {text: cursor ? '>' : (mark ?? ' '), look: !cursor && mark ? look.mark : undefined}];
	let used = 0;
	for (const {code, kind} of flagCodes(model.flags(id))) {
		if (used + code.length > FLAG_WIDTH) break;
		lead.push({text: code, look: flagLook[kind]});
		used += code.length;
	}
	lead.push({text: `${' '.repeat(FLAG_WIDTH - used + 1)}${time.padStart(layout.timeWidth)} `});
	// Neighbours with the same look make one piece: most rows then need a single text here.
	const merged: Piece[] = [];
	for (const piece of lead) {
		const last = merged.at(-1);
		if (last && last.look === piece.look) last.text += piece.text;
		else merged.push({...piece});
	}

	const fields = laneFields(model, id, set, widths);
	// Each field is cut to the columns left, so a row never needs Ink to shrink or wrap it.
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
	const side = isHost ? look.host : look.guest;
	// CPU, task and event name as one text: the same string on many rows, so Ink styles it once a frame.
	const lane = (
		<>
			{clock ? <Pieces pieces={highlighted(clock, search, undefined)} inverse={cursor} /> : null}
			<Pieces pieces={[...highlighted(who, search, side), ...highlighted(event, search, look.event)]} inverse={cursor} />
			<Pieces pieces={highlighted(text, search, undefined)} inverse={cursor} truncate />
		</>
	);
	return (
		<Box height={1}>
			<Pieces pieces={merged} inverse={cursor} />
			{isHost ? (
				lane
			) : (
				// The guest lane's rule, a border too; on the cursor row a space keeps the inverse bar whole.
				<Box marginLeft={layout.guestIndent - 2} paddingLeft={cursor ? 0 : 1} borderStyle="single" borderTop={false} borderRight={false} borderBottom={false} borderDimColor>
					{cursor ? <Text inverse> </Text> : null}
					{lane}
				</Box>
			)}
		</Box>
	);
}

/** A row is drawn again only when its props change: moving the cursor re-renders two rows, scrolling one. */
const Row = React.memo(RowLine);

interface BodyProps {
	model: RowModel;
	view: View;
	layout: Layout;
	widths: FieldWidths;
	set: ColumnSet;
	top: number;
	cursor: number;
	vcpu: number | undefined;
	search: SearchPattern | undefined;
	shift: {host: number; guest: number};
	time: TimeMode;
	/** The time column's reference event for `mark`. */
	timeRef: EventId | undefined;
	/** Mark letter of each marked event. */
	markOf: ReadonlyMap<EventId, string>;
}

export function Body({model, view, layout, widths, set, top, cursor, vcpu, search, shift, time, timeRef, markOf}: BodyProps): React.JSX.Element {
	const lines: React.JSX.Element[] = [];
	for (let k = 0; k < layout.body; k++) {
		const row = top + k;
		if (row >= view.count) {
			lines.push(
				<Text key={`~${k}`} dimColor>
					{row === 0 ? '  (no rows to show)' : '~'}
				</Text>,
			);
			continue;
		}
		const id = model.idAt(view, row);
		// Keyed by event: scrolling by a row renders only the row that comes into view. (Keys
		// that rotate, such as the row modulo the page, make React move Ink's nodes, which
		// Ink 6 lays out wrongly.)
		lines.push(
			<Row
				key={id}
				model={model}
				id={id}
				layout={layout}
				widths={widths}
				set={set}
				cursor={row === cursor}
				mark={markOf.get(id)}
				windowMark={model.windowMark(id, vcpu)}
				time={timeText(model, view, row, time, timeRef)}
				shift={model.isHost(id) ? shift.host : shift.guest}
				search={search}
			/>,
		);
	}
	return <>{lines}</>;
}
