// The event rows on screen: only these are built and only their text is read. A row is a
// few Ink texts (row-spans.ts says which and why) in a one-line box.

import {Box, Text} from 'ink';
import React from 'react';
import type {Layout} from './layout.js';
import type {ColumnSet, FieldWidths} from './row-fields.js';
import type {EventId, RowModel, View} from './row-model.js';
import {rowTexts, type RowInput, type Span} from './row-spans.js';
import type {SearchPattern} from './search.js';
import {timeText, type TimeMode} from './time-column.js';

// A single span takes its look on the text itself: Ink then colours it after measuring it,
// so string-width measures plain text rather than stripping colour codes first.
function SpanText({spans, truncate}: {spans: Span[]; truncate: boolean}): React.JSX.Element {
	const wrap = truncate ? 'truncate' : undefined;
	if (spans.length === 1) {
		const only = spans[0]!;
		return (
			<Text wrap={wrap} inverse={only.inverse} {...only.look}>
				{only.text}
			</Text>
		);
	}
	return (
		<Text wrap={wrap}>
			{spans.map((span, i) =>
				span.look || span.inverse ? (
					<Text key={i} inverse={span.inverse} {...span.look}>
						{span.text}
					</Text>
				) : (
					span.text
				),
			)}
		</Text>
	);
}

function RowLine(props: RowInput): React.JSX.Element {
	const texts = rowTexts(props);
	return (
		<Box height={1}>
			{texts.map((spans, i) => (
				<SpanText key={i} spans={spans} truncate={i === texts.length - 1} />
			))}
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
