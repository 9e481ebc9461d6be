// Bottom bar: row / total and percent, then the prompt, a scan in progress, a message or the
// current search, and `? help`, fitted to the width (a message is cut at a word, never mid-word).

import {Box, Text} from 'ink';
import React from 'react';
import {cutWords} from './bar-fit.js';
import {fit} from './cells.js';
import type {ViewerState} from './state.js';
import {look} from './theme.js';

export interface Scan {
	what: 'search' | 'filter';
	fraction: number;
}

interface BottomBarProps {
	state: ViewerState;
	rows: number;
	columns: number;
	scanning: Scan | undefined;
}

const PROMPT = {search: '/', goto: ':', filter: '&'} as const;
const HINT = {
	search: '  (regex; Enter search, Esc cancel)',
	goto: '  (row, host TSC, t<TSC>, N%; Enter go, Esc cancel)',
	filter: '  (is:ambiguous side:guest event:NAME task:NAME cpu:N vcpu:N text !term; empty: all rows)',
} as const;
const PENDING = {mark: 'm: a letter a-z sets that mark here', jump: "': a mark letter, or ' for where the last jump came from", candidate: '@: candidate number 1-9'} as const;

export function BottomBar({state, rows, columns, scanning}: BottomBarProps): React.JSX.Element {
	if (state.mode === 'search' || state.mode === 'goto' || state.mode === 'filter') {
		const text = `${PROMPT[state.mode]}${state.input}█`;
		return (
			<Text wrap="truncate">
				{text}
				<Text dimColor>{fit(HINT[state.mode], Math.max(0, columns - text.length))}</Text>
			</Text>
		);
	}
	const position = rows === 0 ? 'no rows' : `row ${state.cursor + 1}/${rows} ${Math.floor(((state.cursor + 1) * 100) / rows)}%`;
	let middle = '';
	let middleLook = look.dim;
	if (scanning !== undefined) {
		const what = scanning.what === 'search' ? `searching /${state.search?.source ?? ''}` : 'filtering';
		middle = `${what} … ${Math.floor(scanning.fraction * 100)}% (Esc stops)`;
		middleLook = look.info;
	} else if (state.pending) {
		middle = PENDING[state.pending];
		middleLook = look.info;
	} else if (state.message) {
		middle = state.message.text;
		middleLook = state.message.error ? look.error : look.info;
	} else if (state.search) {
		middle = `/${state.search.source}${state.search.plain ? ' (plain text)' : ''}  n/N next/previous`;
	}
	if (state.count) middle = `${state.count}${middle ? `  ${middle}` : ''}`;
	const left = ` ${position}${state.mode === 'help' ? '  help' : ''}  `;
	const right = columns >= 100 ? '  ? help  q quit ' : ' ? help ';
	const room = Math.max(0, columns - left.length - right.length);
	const text = cutWords(` ${middle}`, room);
	// A spacer box rather than padding: Ink draws nothing for it.
	return (
		<Box height={1} width={columns}>
			<Text {...look.bar}>{left}</Text>
			<Text {...middleLook}>{text}</Text>
			<Box flexGrow={1} />
			<Text {...look.bar}>{right}</Text>
		</Box>
	);
}
