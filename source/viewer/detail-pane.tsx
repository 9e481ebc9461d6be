// The detail pane under the rows (Enter): everything known about the cursor row's event, or
// with Tab the nearest event on the other side (host <-> guest). Always exactly its lines
// tall, so the bottom bar stays on the frame's last line.

import {Box, Text} from 'ink';
import React from 'react';
import {fit} from './cells.js';
import {detailText} from './detail.js';
import type {EventId, RowModel} from './row-model.js';
import {look} from './theme.js';

interface DetailPaneProps {
	model: RowModel;
	id: EventId | undefined;
	other: boolean;
	lines: number;
	columns: number;
	counterpartOf: (id: EventId) => EventId | undefined;
}

/** Splits `text` into pieces of `width` characters. */
function wrap(text: string, width: number): string[] {
	const out: string[] = [];
	for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
	return out.length > 0 ? out : [''];
}

export function detailLines(model: RowModel, id: EventId | undefined, other: boolean, lines: number, columns: number, counterpartOf: (id: EventId) => EventId | undefined): string[] {
	const rule = (title: string): string => fit(`── ${title} `, columns).replace(/ +$/, (s) => '─'.repeat(s.length));
	if (id === undefined) return [rule('detail'), ' no row'];
	const target = other ? counterpartOf(id) : id;
	if (target === undefined) return [rule('detail (Tab: other side)'), ' no event on the other side nearby'];
	const detail = detailText(model, target);
	const what = other ? ' (Tab: other side of the cursor row)' : ' (Tab: other side)';
	const body = [...wrap(detail.raw, columns - 2).slice(0, 2), ...detail.lines.flatMap((l) => wrap(l, columns - 2))].map((l) => ` ${l}`);
	const all = [rule(detail.title + what), ...body];
	if (all.length > lines) all.splice(lines - 1, all.length, fit(` … ${all.length - lines + 1} more lines: a taller terminal shows them`, columns));
	return all.map((l) => fit(l, columns));
}

export function DetailPane({model, id, other, lines, columns, counterpartOf}: DetailPaneProps): React.JSX.Element {
	const text = detailLines(model, id, other, lines, columns, counterpartOf);
	return (
		<Box flexDirection="column" height={lines} flexShrink={0}>
			{text.map((line, i) => (
				<Text key={i} wrap="truncate" {...(i === 0 ? look.title : {})}>
					{line}
				</Text>
			))}
		</Box>
	);
}
