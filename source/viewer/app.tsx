// The interactive program: the loading screen until the pair is aligned, then the viewer. A
// large pair is shown at once on its start (preliminary, loading/preview.ts) and swapped for
// the whole when that is aligned, the cursor staying on its event.

import {useApp, useStdout} from 'ink';
import React, {useEffect, useRef, useState} from 'react';
import type {Alignment} from '../core/align.js';
import type {GuestsAlignment} from '../core/align-guests.js';
import {closePair} from '../loading/load-pair.js';
import type {Preview} from '../loading/preview.js';
import type {LoadProgress} from './load-progress.js';
import {LoadingScreen} from './loading-screen.js';
import {RowModel} from './row-model.js';
import type {Handover} from './swap.js';
import {TypeAhead} from './typeahead.js';
import {useTerminalSize} from './use-terminal-size.js';
import {Viewer} from './viewer.js';

interface AppProps {
	load: Promise<Alignment | GuestsAlignment>;
	progress: LoadProgress;
	/** The start of the pair, shown until `load` is aligned (undefined: none, wait for the whole). */
	preview?: Promise<Preview | undefined>;
	onSuspend?: () => void;
	onMouse?: (on: boolean) => void;
	/** Changed by the caller to force a full redraw (after Ctrl-Z and fg). */
	redraw?: number;
}

export function App({load, progress, preview, onSuspend, onMouse, redraw}: AppProps): React.JSX.Element {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const size = useTerminalSize(stdout);
	const [shown, setShown] = useState<{model: RowModel; preliminary: boolean} | undefined>(undefined);
	const early = useRef<Alignment | undefined>(undefined);
	const handover = useRef<Handover>({});
	// Keys typed on the loading screen, applied by the first viewer.
	const typeahead = useRef(new TypeAhead());
	useEffect(() => {
		let live = true;
		let final = false;
		preview?.then(
			(p) => {
				if (!p) return;
				if (!live || final) return closePair(p.alignment);
				early.current = p.alignment;
				try {
					setShown({model: new RowModel(p.alignment), preliminary: true});
				} catch {
					// The whole load still comes; only the early look is lost.
				}
			},
			() => {},
		);
		load.then(
			(alignment) => {
				final = true;
				progress.setPhase('preparing');
				// Give Ink a turn to show that phase: ordering millions of rows takes a moment.
				setTimeout(() => {
					if (!live) return;
					try {
						setShown({model: new RowModel(alignment), preliminary: false});
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
	}, [load, preview, progress, exit]);
	// The preliminary rows' files close once the whole is on screen (the viewer has stopped any scan of them).
	useEffect(() => {
		if (!shown || shown.preliminary || !early.current) return;
		closePair(early.current);
		early.current = undefined;
	}, [shown]);
	if (!shown) return <LoadingScreen progress={progress} columns={size.columns} typeahead={typeahead.current} onSuspend={onSuspend} resumed={redraw} />;
	// A new viewer for the whole pair, taking over the preliminary one's state.
	return <Viewer key={shown.preliminary ? 'start' : 'whole'} handover={handover.current} model={shown.model} loading={shown.preliminary ? progress : undefined} typeahead={typeahead.current} onSuspend={onSuspend} onMouse={onMouse} resumed={redraw} />;
}
