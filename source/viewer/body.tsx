// The event rows on screen: only these are built and only their text is read. Each row is
// one line of terminal text (its spans from row-spans.ts in their looks), which reaches the
// screen around Ink through the body overlay (body-overlay.ts says why).
import {Text} from 'ink';
import React, {useContext} from 'react';
import {BodyOverlayContext} from './body-overlay.js';
import {styled} from './styled.js';
import {look} from './theme.js';
import type {Layout} from './layout.js';
import type {ColumnSet, FieldWidths} from './row-fields.js';
import type {EventId, RowModel, View} from './row-model.js';
import {rowSpans, type RowInput} from './row-spans.js';
import type {SearchPattern} from './search.js';
import {timeText, type TimeMode} from './time-column.js';

/** A row as one line of terminal text: its spans in their looks, already cut to the width. */
function rowLine(props: RowInput): string {
	let line = '';
	for (const span of rowSpans(props)) line += styled(span.text, span.look, span.inverse);
	return line;
}

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
	const overlay = useContext(BodyOverlayContext);
	const lines: string[] = [];
	for (let k = 0; k < layout.body; k++) {
		const row = top + k;
		if (row >= view.count) {
			lines.push(styled(row === 0 ? '  (no rows to show)' : '~', look.dim));
			continue;
		}
		const id = model.idAt(view, row);
		lines.push(
			rowLine({
				model,
				id,
				layout,
				widths,
				set,
				cursor: row === cursor,
				mark: markOf.get(id),
				windowMark: model.windowMark(id, vcpu),
				time: timeText(model, view, row, time, timeRef),
				shift: model.isHost(id) ? shift.host : shift.guest,
				search,
			}),
		);
	}
	if (!overlay) {
		return (
			<>
				{lines.map((line, k) => (
					<Text key={k} wrap="truncate">
						{line}
					</Text>
				))}
			</>
		);
	}
	// Ink lays out placeholders that stay the same from frame to frame; the rows go round it.
	overlay.set(lines);
	return (
		<>
			{lines.map((_, k) => (
				<Text key={k}>{overlay.placeholder(k)}</Text>
			))}
		</>
	);
}
