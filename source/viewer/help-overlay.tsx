// `?`: every key and what the gutter letters mean, in place of the rows.

import {Text} from 'ink';
import React from 'react';
import {fit} from './cells.js';
import {HELP_KEYS, HELP_LEGEND} from './help-keys.js';
import {look} from './theme.js';

export function helpLines(columns: number): string[] {
	const keyWidth = Math.max(...HELP_KEYS.map(([k]) => k.length), ...HELP_LEGEND.map(([k]) => k.length)) + 2;
	const entry = ([keys, words]: [string, string]): string => `  ${keys.padEnd(keyWidth)}${words}`;
	return [
		' Keys',
		...HELP_KEYS.map(entry),
		'',
		' Gutters and flags',
		...HELP_LEGEND.map(entry),
		'',
		' Epochs are numbered from 0 as `tscalign check` prints them; offsets are signed, guest = host + offset.',
	].map((line) => fit(line, columns));
}

interface HelpProps {
	columns: number;
	lines: number;
	top: number;
}

export function HelpOverlay({columns, lines, top}: HelpProps): React.JSX.Element {
	const all = helpLines(columns);
	const start = Math.max(0, Math.min(top, all.length - lines));
	const shown = all.slice(start, start + lines);
	const more = start + lines < all.length;
	if (more && shown.length > 0) shown[shown.length - 1] = fit(' … more below: j / Space', columns);
	while (shown.length < lines) shown.push('');
	return (
		<>
			{shown.map((line, i) => (
				<Text key={i} wrap="truncate" {...(line.startsWith(' Keys') || line.startsWith(' Gutters') ? look.title : {})}>
					{line}
				</Text>
			))}
		</>
	);
}
