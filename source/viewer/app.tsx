// The interactive program: the loading screen until the pair is aligned, then the viewer.

import {useApp, useStdout} from 'ink';
import React, {useEffect, useState} from 'react';
import type {Alignment} from '../core/align.js';
import type {LoadProgress} from './load-progress.js';
import {LoadingScreen} from './loading-screen.js';
import {RowModel} from './row-model.js';
import {useTerminalSize} from './use-terminal-size.js';
import {Viewer} from './viewer.js';

interface AppProps {
	load: Promise<Alignment>;
	progress: LoadProgress;
	onSuspend?: () => void;
	onMouse?: (on: boolean) => void;
	/** Changed by the caller to force a full redraw (after Ctrl-Z and fg). */
	redraw?: number;
}

export function App({load, progress, onSuspend, onMouse, redraw}: AppProps): React.JSX.Element {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const size = useTerminalSize(stdout);
	const [model, setModel] = useState<RowModel | undefined>(undefined);
	useEffect(() => {
		let live = true;
		load.then(
			(alignment) => {
				progress.setPhase('preparing');
				// Give Ink a turn to show that phase: ordering millions of rows takes a moment.
				setTimeout(() => {
					if (!live) return;
					try {
						setModel(new RowModel(alignment));
					} catch (error) {
						exit(error as Error);
					}
				}, 40);
			},
			(error: unknown) => exit(error as Error),
		);
		return () => {
			live = false;
		};
	}, [load, progress, exit]);
	if (!model) return <LoadingScreen progress={progress} columns={size.columns} onSuspend={onSuspend} resumed={redraw} />;
	return <Viewer model={model} onSuspend={onSuspend} onMouse={onMouse} resumed={redraw} />;
}
