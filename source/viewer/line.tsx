// One screen line of fixed text. Ink measures each text node with string-width, whose fast
// path is printable ASCII only; a line with a `·` or `│` in it would take the slow Unicode
// path over its whole width on every frame, so the non-ASCII runs become texts of their own.

import {Box, Text} from 'ink';
import React from 'react';
import type {Look} from './theme.js';

export function Line({text, look}: {text: string; look?: Look}): React.JSX.Element {
	const runs = text.split(/([^\x20-\x7e]+)/).filter((run) => run.length > 0);
	if (runs.length <= 1) {
		return (
			<Text wrap="truncate" {...look}>
				{text}
			</Text>
		);
	}
	return (
		<Box height={1}>
			{runs.map((run, i) => (
				<Text key={i} wrap="truncate" {...look}>
					{run}
				</Text>
			))}
		</Box>
	);
}
