// The detail pane under the rows (Enter): everything known about the cursor row's event, or
// with Tab the nearest event on the other side (host <-> guest). Always exactly its lines
// tall, so the bottom bar stays on the terminal's last line.

import {Box, Text} from 'ink';
import React from 'react';
import {fit} from './cells.js';
import {detailText} from './detail.js';
import type {EventId, RowModel} from './row-model.js';
import {look} from './theme.js';
import {wrapWords} from '../display/wrap.js';

/** Splits `text` into pieces of `width` characters. */
function wrap(text: string, width: number): string[] {
	const out: string[] = [];
	for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
	return out.length > 0 ? out : [''];
}

/** Wrapped at words; continuation lines keep the first line's indent. */
function indentWrap(line: string, width: number): string[] {
	const indent = /^ */.exec(line)![0];
	return wrapWords(line.slice(indent.length), width - indent.length - 2).map((l, i) => `${indent}${i === 0 ? '' : '  '}${l}`);
}

/**
 * Every line the pane has for the event, fitted to the width; the pane shows as many as it has
 * room for. `preliminary`: only the start's host rows are shown, so Tab waits and epoch counts
 * are floors.
 */
export function detailLines(model: RowModel, id: EventId | undefined, other: boolean, columns: number, counterpartOf: (id: EventId) => EventId | undefined, preliminary = false): string[] {
	const rule = (title: string): string => fit(`── ${title} `, columns).replace(/ +$/, (s) => '─'.repeat(s.length));
	if (id === undefined) return [rule('detail'), ' no row'];
	const target = other ? counterpartOf(id) : id;
	if (target === undefined) return [rule('detail (Tab: other side)'), ' no event on the other side nearby'];
	const detail = detailText(model, target, preliminary);
	const what = other ? ' (Tab: other side of the cursor row)' : preliminary ? '' : ' (Tab: other side)';
	// The raw line is cut where it reaches the width (it is the trace's own text); the rest wraps at words.
	const body = [...wrap(detail.raw, columns - 2).slice(0, 2), ...detail.lines.flatMap((l) => indentWrap(l, columns - 2))].map((l) => ` ${l}`);
	return [rule(detail.title + what), ...body].map((l) => fit(l, columns));
}

/** The pane's lines for `id`: each its own Text, so the pane is exactly `lines` tall. */
export function DetailPane({text, lines}: {text: string[]; lines: number}): React.JSX.Element {
	const shown = text.slice(0, lines);
	if (text.length > lines) shown[lines - 1] = fit(` … ${text.length - lines + 1} more lines: a taller terminal shows them`, shown[0]!.length);
	return (
		<Box flexDirection="column" height={lines} flexShrink={0}>
			{shown.map((line, i) => (
				<Text key={i} wrap="truncate" {...(i === 0 ? look.title : {})}>
					{line}
				</Text>
			))}
		</Box>
	);
}
