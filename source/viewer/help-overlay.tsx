// `?`: every key and what the gutter letters mean, in place of the rows, wrapped to the width.

import {Text} from 'ink';
import React from 'react';
import {fit} from './cells.js';
import {keyLabel, KEYMAP, LEGEND, plainHelp} from './keymap.js';
import {look} from './theme.js';
import {labelled, wrapWords} from '../display/wrap.js';

const TITLE = '\u0000';

export function helpLines(columns: number): string[] {
	const sections = [...KEYMAP.map((s) => ({title: s.title, rows: s.entries.map((e): [string, string] => [keyLabel(e), plainHelp(e)])})), {title: 'Gutter and flags', rows: LEGEND}];
	const widest = Math.max(...sections.flatMap((s) => s.rows.map(([k]) => k.length)));
	const keyWidth = Math.min(widest, Math.max(8, Math.floor(columns / 3))) + 2;
	const room = Math.max(10, columns - keyWidth - 3);
	const lines: string[] = [];
	for (const section of sections) {
		if (lines.length > 0) lines.push('');
		lines.push(`${TITLE} ${section.title}`);
		for (const [keys, words] of section.rows) lines.push(...labelled(keys, words, keyWidth, room));
	}
	lines.push('');
	lines.push(...wrapWords('Epochs are numbered from 0 as `tscalign check` prints them; offsets are signed, guest = host + offset. More in docs/viewer.md.', columns - 2).map((l) => ` ${l}`));
	return lines.map((line) => (line.startsWith(TITLE) ? `${TITLE}${fit(line.slice(1), columns)}` : fit(line, columns)));
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
	while (shown.length < lines) shown.push(' ');
	return (
		<>
			{shown.map((line, i) => (
				<Text key={i} wrap="truncate" {...(line.startsWith(TITLE) ? look.title : {})}>
					{line.startsWith(TITLE) ? line.slice(1) : line}
				</Text>
			))}
		</>
	);
}
