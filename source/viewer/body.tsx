// The event rows on screen: only these are built and only their text is read.

import {Box, Text} from 'ink';
import React from 'react';
import {cellText, FLAG_WIDTH, fit, flagCodes, tscText} from './cells.js';
import type {Layout} from './layout.js';
import type {EventId, RowModel, View} from './row-model.js';
import {matchRanges, type SearchPattern} from './search.js';
import {flagLook, look, type Look} from './theme.js';

interface Piece {
	text: string;
	look?: Look;
}

const WINDOW_MARK = {entry: '┌', exit: '└', inside: '│'} as const;

/** The part of `text` from `shift` that fits `width` (padded to it when `pad`), split where search matches begin and end. */
function cellPieces(text: string, width: number, shift: number, base: Look, search: SearchPattern | undefined, pad: boolean): Piece[] {
	const shown = pad ? fit(text.slice(shift), width) : text.slice(shift, shift + width);
	if (!search) return [{text: shown, look: base}];
	const pieces: Piece[] = [];
	let at = 0;
	for (const [from, to] of matchRanges(search, text)) {
		const a = Math.max(from - shift, at);
		const b = Math.min(to - shift, shown.length);
		if (b <= a) continue;
		if (a > at) pieces.push({text: shown.slice(at, a), look: base});
		pieces.push({text: shown.slice(a, b), look: look.match});
		at = b;
	}
	if (at < shown.length) pieces.push({text: shown.slice(at), look: base});
	return pieces;
}

/** One row in parts. Blank parts are left out (the screen under them is already blank) except on the inverse cursor row. */
export interface RowParts {
	/** Cursor mark and the selected vCPU's window mark. */
	gutter: Piece[];
	/** Flags and the host-TSC column. */
	lead: Piece[];
	host: Piece[] | undefined;
	guest: Piece[] | undefined;
}

export function rowParts(model: RowModel, id: EventId, layout: Layout, vcpu: number | undefined, cursor: boolean, search: SearchPattern | undefined, shift: number): RowParts {
	const mark = model.windowMark(id, vcpu);
	// Unstyled neighbours are one piece: most rows then need a single text per part, not nested ones.
	const gutter: Piece[] = mark ? [{text: cursor ? '>' : ' '}, {text: WINDOW_MARK[mark], look: look.window}] : [{text: cursor ? '> ' : '  '}];
	const lead: Piece[] = [];
	let used = 0;
	for (const {code, kind} of flagCodes(model.flags(id))) {
		if (used + code.length > FLAG_WIDTH) break;
		lead.push({text: code, look: flagLook[kind]});
		used += code.length;
	}
	lead.push({text: ' '.repeat(FLAG_WIDTH - used + 1) + tscText(model, id).padStart(layout.tscWidth) + ' ', look: look.tsc});
	const text = cellText(model, id);
	// The host cell is always padded: the column rule after it must stay in place.
	if (model.isHost(id)) return {gutter, lead, host: cellPieces(text, layout.hostWidth, shift, look.host, search, true), guest: cursor ? [{text: ' '.repeat(layout.guestWidth)}] : undefined};
	return {gutter, lead, host: cursor ? [{text: ' '.repeat(layout.hostWidth)}] : undefined, guest: cellPieces(text, layout.guestWidth, shift, look.guest, search, cursor)};
}

// A single piece takes its look on the text itself: Ink then colours it after measuring it,
// so string-width measures plain text rather than stripping colour codes first.
function Pieces({pieces, inverse}: {pieces: Piece[]; inverse: boolean}): React.JSX.Element {
	if (pieces.length === 1) {
		return (
			<Text wrap="truncate" inverse={inverse} {...pieces[0]!.look}>
				{pieces[0]!.text}
			</Text>
		);
	}
	return (
		<Text wrap="truncate" inverse={inverse}>
			{pieces.map((piece, i) => (
				<Text key={i} {...piece.look}>
					{piece.text}
				</Text>
			))}
		</Text>
	);
}

interface BodyProps {
	model: RowModel;
	view: View;
	layout: Layout;
	top: number;
	cursor: number;
	vcpu: number | undefined;
	search: SearchPattern | undefined;
	shift: number;
}

interface RowProps {
	model: RowModel;
	id: EventId;
	layout: Layout;
	vcpu: number | undefined;
	cursor: boolean;
	search: SearchPattern | undefined;
	shift: number;
}

// A row is a box of separate texts, not one text: Ink measures each text's width, and a text
// holding a box-drawing character takes string-width's slow Unicode path over the whole row
// (a fifth of every frame at 160 columns). The event text itself is almost always ASCII, and
// the column rule is a border, which Ink draws without measuring.
function RowLine({model, id, layout, vcpu, cursor, search, shift}: RowProps): React.JSX.Element {
	const parts = rowParts(model, id, layout, vcpu, cursor, search, shift);
	return (
		<Box height={1} width={layout.columns}>
			<Pieces pieces={parts.gutter} inverse={cursor} />
			<Pieces pieces={parts.lead} inverse={cursor} />
			{parts.host ? <Pieces pieces={parts.host} inverse={cursor} /> : <Box width={layout.hostWidth} flexShrink={0} />}
			{cursor ? (
				<>
					<Text inverse {...look.dim}>
						│
					</Text>
					{parts.guest ? <Pieces pieces={parts.guest} inverse /> : null}
				</>
			) : (
				// The column rule as a border: Ink draws it without measuring a text.
				<Box borderStyle="single" borderTop={false} borderRight={false} borderBottom={false} borderDimColor flexShrink={0} width={layout.guestWidth + 1}>
					{parts.guest ? <Pieces pieces={parts.guest} inverse={false} /> : null}
				</Box>
			)}
		</Box>
	);
}

/**
 * Rows keep their place on screen (keyed by slot, so a new page updates Ink's nodes rather than
 * making new ones) and are drawn again only when their props change: moving the cursor within
 * the page re-renders two rows, not the page.
 */
const Row = React.memo(RowLine);

export function Body({model, view, layout, top, cursor, vcpu, search, shift}: BodyProps): React.JSX.Element {
	const lines: React.JSX.Element[] = [];
	for (let k = 0; k < layout.body; k++) {
		const row = top + k;
		if (row >= view.count) {
			lines.push(
				<Text key={k} dimColor>
					{row === 0 ? '  (no events for this vCPU)' : '~'}
				</Text>,
			);
			continue;
		}
		const id = model.idAt(view, row);
		lines.push(<Row key={k} model={model} id={id} layout={layout} vcpu={vcpu} cursor={row === cursor} search={search} shift={shift} />);
	}
	return <>{lines}</>;
}
