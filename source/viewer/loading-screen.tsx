// While the traces load: which file, bytes read, events so far. The readers yield between
// 4 MiB chunks, so this keeps updating and q still quits.

import {Box, Text, useApp, useInput, useStdin} from 'ink';
import React, {useSyncExternalStore} from 'react';
import {escapeControl} from '../display/escape.js';
import {fit} from './cells.js';
import {progressLine, type LoadProgress} from './load-progress.js';
import {INTERRUPTED} from './terminal.js';

interface LoadingProps {
	progress: LoadProgress;
	columns: number;
	/** Ctrl-Z: suspend while loading too (the `fg` typed next must not arrive as keys). */
	onSuspend?: () => void;
	/** Counts returns from Ctrl-Z: Ink draws only a frame that differs, and the screen came back empty. */
	resumed?: number;
}

export function LoadingScreen({progress, columns, onSuspend, resumed}: LoadingProps): React.JSX.Element {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const snapshot = useSyncExternalStore(progress.subscribe, progress.snapshot);
	useInput(
		(input, key) => {
			if (input === 'q') exit();
			else if (key.ctrl && input === 'c') exit(INTERRUPTED);
			else if (key.ctrl && input === 'z') onSuspend?.();
		},
		{isActive: isRawModeSupported},
	);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{fit(` tscalign: loading (q quits)${resumed ? ` (resumed${resumed > 1 ? ` ${resumed}` : ''})` : ''}`, columns)}</Text>
			{snapshot.files.map((p) => (
				<Text key={p.file} wrap="truncate">
					{fit(`  ${escapeControl(progressLine(p))}`, columns)}
				</Text>
			))}
			<Text wrap="truncate">{fit(snapshot.phase === 'preparing' ? '  aligned; ordering rows on the host clock…' : '  reading, then aligning on the host clock…', columns)}</Text>
		</Box>
	);
}
