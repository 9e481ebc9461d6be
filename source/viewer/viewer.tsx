// The viewer screen: top bar, column header, the visible rows (or help), the detail pane and
// the bottom bar. Keys become actions (keys.ts), actions change the state (state.ts).

import {Box, Text, useApp, useInput, useStdin, useStdout} from 'ink';
import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {BottomBar} from './bottom-bar.js';
import {Body} from './body.js';
import {cellText, fit} from './cells.js';
import {counterpart} from './detail.js';
import {DetailPane} from './detail-pane.js';
import {Line} from './line.js';
import {HelpOverlay} from './help-overlay.js';
import {actionsFor, type Action} from './keys.js';
import {computeLayout, leadWidth, MIN_COLUMNS, MIN_ROWS} from './layout.js';
import type {RowModel} from './row-model.js';
import {matchesText, startScan} from './search.js';
import {initialState, jumpTo, reduce, topFor, type Context, type ViewerState} from './state.js';
import {look} from './theme.js';
import {TopBar} from './top-bar.js';
import {useTerminalSize, type Size} from './use-terminal-size.js';

export interface ViewerProps {
	model: RowModel;
	/** Fixed size (tests); otherwise the terminal's, following resizes. */
	size?: Size;
	/** Ctrl-Z: the caller leaves the screen, stops the process, and comes back. */
	onSuspend?: () => void;
	/** Called on q / Ctrl-C, before Ink exits. */
	onQuit?: () => void;
	/** Counts returns from Ctrl-Z. */
	resumed?: number;
}

export function Viewer({model, size, onSuspend, onQuit, resumed}: ViewerProps): React.JSX.Element {
	const {stdout} = useStdout();
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const terminal = useTerminalSize(stdout, size);
	const [state, setState] = useState<ViewerState>(() => initialState(model));
	const [searching, setSearching] = useState<number | undefined>(undefined);
	const stateRef = useRef(state);
	const cancelSearch = useRef<(() => void) | undefined>(undefined);

	const withDetail = state.detail && state.mode !== 'help';
	// One object while the size holds, so rows that did not change are not drawn again.
	const layout = useMemo(() => computeLayout(terminal.columns, terminal.rows, withDetail, model.tscWidth), [terminal.columns, terminal.rows, withDetail, model.tscWidth]);
	const view = model.view(state.filter);
	const ctx: Context = {model, page: layout.body, searching: searching !== undefined};
	const ctxRef = useRef(ctx);
	ctxRef.current = ctx;

	const apply = useCallback((next: ViewerState) => {
		stateRef.current = next;
		setState(next);
	}, []);

	const stopSearch = useCallback(() => {
		cancelSearch.current?.();
		cancelSearch.current = undefined;
		setSearching(undefined);
	}, []);

	const runSearch = useCallback(
		(from: number, dir: 1 | -1) => {
			stopSearch();
			const pattern = stateRef.current.search;
			if (!pattern) return;
			const searchView = model.view(stateRef.current.filter);
			const total = searchView.count;
			cancelSearch.current = startScan({
				total,
				from,
				dir,
				test: (row) => matchesText(pattern, cellText(model, model.idAt(searchView, row))),
				onProgress: (scanned) => setSearching(scanned / total),
				onDone: (row, wrapped) => {
					cancelSearch.current = undefined;
					setSearching(undefined);
					const current = stateRef.current;
					if (row === undefined) {
						apply({...current, message: {text: `not found: /${pattern.source}`, error: true}});
						return;
					}
					const note = wrapped ? {text: dir > 0 ? 'search reached the end and went on from the top' : 'search reached the top and went on from the end', error: false} : undefined;
					apply(jumpTo(ctxRef.current, current, row, note));
				},
			});
		},
		[model, apply, stopSearch],
	);

	const dispatch = useCallback(
		(action: Action) => {
			if (cancelSearch.current && action.type !== 'escape' && action.type !== 'count') stopSearch();
			const {state: next, effect} = reduce(ctxRef.current, stateRef.current, action);
			apply(next);
			if (!effect) return;
			switch (effect.type) {
				case 'search':
					runSearch(effect.from, effect.dir);
					return;
				case 'cancel-search':
					stopSearch();
					return;
				case 'suspend':
					onSuspend?.();
					return;
				case 'quit':
					stopSearch();
					onQuit?.();
					exit();
			}
		},
		[apply, runSearch, stopSearch, onSuspend, onQuit, exit],
	);

	useInput(
		(input, key) => {
			const mode = stateRef.current.mode;
			for (const action of actionsFor(input, key, mode === 'search' || mode === 'goto' ? 'prompt' : mode === 'help' ? 'help' : 'normal')) {
				dispatch(action);
			}
		},
		{isActive: isRawModeSupported},
	);

	useEffect(() => stopSearch, [stopSearch]);

	// Back from Ctrl-Z on an empty screen. Ink writes only a frame that differs from the last
	// one it wrote, so say so in the bottom bar: the new frame is then drawn whole.
	useEffect(() => {
		if (resumed) apply({...stateRef.current, message: {text: resumed > 1 ? `resumed (${resumed})` : 'resumed', error: false}});
	}, [resumed, apply]);

	if (layout.tooSmall) {
		return <Text wrap="truncate">{fit(`terminal too small: need ${MIN_COLUMNS}x${MIN_ROWS} (q quits)`, terminal.columns)}</Text>;
	}
	const top = topFor(state.top, state.cursor, layout.body, view.count);
	const id = view.count > 0 ? model.idAt(view, state.cursor) : undefined;
	const vcpu = state.filter ?? state.selectedVcpu;
	const header =
		fit(' ', leadWidth(model.tscWidth) - model.tscWidth - 1) +
		'host TSC'.padStart(model.tscWidth) +
		' ' +
		fit('host', layout.hostWidth) +
		'│' +
		fit('guest (guest TSC first)', layout.guestWidth);
	return (
		<Box flexDirection="column" width={terminal.columns} height={layout.lines}>
			<TopBar model={model} columns={terminal.columns} id={id} filter={state.filter} vcpu={vcpu} />
			<Line text={fit(header, terminal.columns)} look={look.header} />
			{state.mode === 'help' ? (
				<HelpOverlay columns={terminal.columns} lines={layout.body + layout.detail} top={state.helpTop} />
			) : (
				<Body model={model} view={view} layout={layout} top={top} cursor={state.cursor} vcpu={vcpu} search={state.search} shift={state.shift} />
			)}
			{layout.detail > 0 ? (
				<DetailPane model={model} id={id} other={state.detailOther} lines={layout.detail} columns={terminal.columns} counterpartOf={(e) => counterpart(model, e)} />
			) : null}
			<BottomBar state={state} rows={view.count} columns={terminal.columns} searching={searching} />
		</Box>
	);
}
