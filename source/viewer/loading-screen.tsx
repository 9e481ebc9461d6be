// While the traces load: which file, bytes read, events so far. The readers yield between
// 4 MiB chunks, so this keeps updating and q still quits; other keys are kept for the viewer.

import {Box, Text, useApp, useInput, useStdin} from 'ink';
import React, {useState, useSyncExternalStore} from 'react';
import {escapeControl} from '../display/escape.js';
import {fit} from './cells.js';
import {keyNames} from './key-input.js';
import {progressLine, type LoadProgress} from './load-progress.js';
import {INTERRUPTED} from './terminal.js';
import type {TypeAhead} from './typeahead.js';

interface LoadingProps {
	progress: LoadProgress;
	columns: number;
	/** Where keys typed now wait for the viewer. */
	typeahead: TypeAhead;
	/** Ctrl-Z: suspend while loading too (the `fg` typed next must not arrive as keys). */
	onSuspend?: () => void;
	/** Counts returns from Ctrl-Z: Ink draws only a frame that differs, and the screen came back empty. */
	resumed?: number;
}

export function LoadingScreen({progress, columns, typeahead, onSuspend, resumed}: LoadingProps): React.JSX.Element {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const snapshot = useSyncExternalStore(progress.subscribe, progress.snapshot);
	const [waiting, setWaiting] = useState('');
	useInput(
		(input, key) => {
			for (const name of keyNames(input, key)) {
				const now = typeahead.take(name);
				if (now === 'quit') return exit();
				if (now === 'interrupt') return exit(INTERRUPTED);
				if (now === 'suspend') onSuspend?.();
			}
			setWaiting(typeahead.waiting.join(' '));
		},
		{isActive: isRawModeSupported},
	);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{fit(` tscalign: loading (${typeahead.keyMode === 'normal' ? 'q' : '^C'} quits)${resumed ? ` (resumed${resumed > 1 ? ` ${resumed}` : ''})` : ''}`, columns)}</Text>
			{snapshot.files.map((p) => (
				<Text key={p.file} wrap="truncate">
					{fit(`  ${escapeControl(progressLine(p))}`, columns)}
				</Text>
			))}
			<Text wrap="truncate">{fit(snapshot.phase === 'preparing' ? '  aligned; ordering rows on the host clock…' : '  reading, then aligning on the host clock…', columns)}</Text>
			{waiting ? <Text wrap="truncate">{fit(`  keys typed, applied once rows show: ${waiting}`, columns)}</Text> : null}
		</Box>
	);
}
