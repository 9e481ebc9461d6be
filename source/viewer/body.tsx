// The event rows on screen: only these are built and only their text is read.

import {Text} from 'ink';
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

/** The part of `text` from `shift` that fits `width`, split where search matches begin and end. */
function cellPieces(text: string, width: number, shift: number, base: Look, search: SearchPattern | undefined): Piece[] {
	const shown = fit(text.slice(shift), width);
	if (!search) return [{text: shown, look: base}];
	const pieces: Piece[] = [];
	let at = 0;
	for (const [from, to] of matchRanges(search, text)) {
		const a = Math.max(from - shift, at);
		const b = Math.min(to - shift, width);
		if (b <= a) continue;
		if (a > at) pieces.push({text: shown.slice(at, a), look: base});
		pieces.push({text: shown.slice(a, b), look: look.match});
		at = b;
	}
	if (at < width) pieces.push({text: shown.slice(at), look: base});
	return pieces;
}

export function rowPieces(model: RowModel, id: EventId, layout: Layout, vcpu: number | undefined, cursor: boolean, search: SearchPattern | undefined, shift: number): Piece[] {
	const pieces: Piece[] = [{text: cursor ? '>' : ' '}];
	const mark = model.windowMark(id, vcpu);
	pieces.push({text: mark ? WINDOW_MARK[mark] : ' ', look: look.window});
	let used = 0;
	for (const {code, kind} of flagCodes(model.flags(id))) {
		if (used + code.length > FLAG_WIDTH) break;
		pieces.push({text: code, look: flagLook[kind]});
		used += code.length;
	}
	pieces.push({text: ' '.repeat(FLAG_WIDTH - used + 1)});
	pieces.push({text: tscText(model, id).padStart(layout.tscWidth) + ' ', look: look.tsc});
	const text = cellText(model, id);
	if (model.isHost(id)) {
		pieces.push(...cellPieces(text, layout.hostWidth, shift, look.host, search));
		pieces.push({text: '│', look: look.dim});
		pieces.push({text: ' '.repeat(layout.guestWidth)});
	} else {
		pieces.push({text: ' '.repeat(layout.hostWidth)});
		pieces.push({text: '│', look: look.dim});
		pieces.push(...cellPieces(text, layout.guestWidth, shift, look.guest, search));
	}
	return pieces;
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
		const pieces = rowPieces(model, model.idAt(view, row), layout, vcpu, row === cursor, search, shift);
		lines.push(
			<Text key={k} wrap="truncate" inverse={row === cursor}>
				{pieces.map((piece, i) => (
					<Text key={i} {...piece.look}>
						{piece.text}
					</Text>
				))}
			</Text>,
		);
	}
	return <>{lines}</>;
}
