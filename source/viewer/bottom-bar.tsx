// Bottom bar: row / total and percent, then the prompt, a search in progress, a message or
// the current search, and `? help`.

import {Text} from 'ink';
import React from 'react';
import {fit} from './cells.js';
import type {ViewerState} from './state.js';
import {look} from './theme.js';

interface BottomBarProps {
	state: ViewerState;
	rows: number;
	columns: number;
	searching: number | undefined;
}

export function BottomBar({state, rows, columns, searching}: BottomBarProps): React.JSX.Element {
	const right = '  ? help  q quit ';
	if (state.mode === 'search' || state.mode === 'goto') {
		const prompt = state.mode === 'search' ? '/' : ':';
		const hint = state.mode === 'goto' ? '  (row, host TSC, t<TSC>, N%; Enter go, Esc cancel)' : '  (regex; Enter search, Esc cancel)';
		const text = `${prompt}${state.input}█`;
		return (
			<Text wrap="truncate">
				{text}
				<Text dimColor>{fit(hint, Math.max(0, columns - text.length))}</Text>
			</Text>
		);
	}
	const position = rows === 0 ? 'no rows' : `row ${state.cursor + 1}/${rows} ${Math.floor(((state.cursor + 1) * 100) / rows)}%`;
	let middle = '';
	let middleLook = look.dim;
	if (searching !== undefined) {
		middle = `searching /${state.search?.source ?? ''} … ${Math.floor(searching * 100)}% (Esc stops)`;
		middleLook = look.info;
	} else if (state.message) {
		middle = state.message.text;
		middleLook = state.message.error ? look.error : look.info;
	} else if (state.search) {
		middle = `/${state.search.source}${state.search.plain ? ' (plain text)' : ''}  n/N next/previous`;
	}
	if (state.count) middle = `${state.count}${middle ? `  ${middle}` : ''}`;
	const left = ` ${position}${state.mode === 'help' ? '  help' : ''}  `;
	const room = Math.max(0, columns - left.length - right.length);
	return (
		<Text wrap="truncate">
			<Text {...look.bar}>{left}</Text>
			<Text {...middleLook}>{fit(` ${middle}`, room)}</Text>
			<Text {...look.bar}>{right}</Text>
		</Text>
	);
}
