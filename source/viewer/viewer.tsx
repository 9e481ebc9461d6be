// The viewer screen: top bar, column header, the visible rows (or help), the detail pane and
// the bottom bar. Keys become actions (keys.ts), actions change the state (state.ts); searches
// and filters scan in slices here, so the keyboard always answers.

import {Box, Text, useApp, useInput, useStdin, useStdout} from 'ink';
import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {BottomBar, type Scan} from './bottom-bar.js';
import {Body} from './body.js';
import {cellText, fit} from './cells.js';
import {counterpart} from './detail.js';
import {DetailPane, detailLines} from './detail-pane.js';
import {collectRows} from './filter-scan.js';
import {filterTest, type RowFilter} from './filter.js';
import {HelpOverlay} from './help-overlay.js';
import type {LoadProgress} from './load-progress.js';
import {keyNames} from './key-input.js';
import {actionsFor, type Action} from './keys.js';
import {computeLayout, FLAG_WIDTH, GUTTER_WIDTH, type Layout} from './layout.js';
import {Line} from './line.js';
import {fieldWidths} from './row-fields.js';
import type {EventId, RowModel} from './row-model.js';
import {matchesText, startScan} from './search.js';
import {carryOver, hostRowsOnly, type Handover} from './swap.js';
import {applyRowFilter, initialState, jumpTo, keyMode, reduce, topFor, viewOf, type Context, type ViewerState} from './state.js';
import {look} from './theme.js';
import {timeTitle, timeWidth} from './time-column.js';
import {tooSmallLines} from './too-small.js';
import {TopBar} from './top-bar.js';
import type {TypeAhead} from './typeahead.js';
import {INTERRUPTED} from './terminal.js';
import {useTerminalSize, type Size} from './use-terminal-size.js';
import {Views} from './views.js';

export interface ViewerProps {
	model: RowModel;
	/** Fixed size (tests); otherwise the terminal's, following resizes. */
	size?: Size;
	/** Ctrl-Z: the caller leaves the screen, stops the process, and comes back. */
	onSuspend?: () => void;
	/** Called on q / Ctrl-C, before Ink exits. */
	onQuit?: () => void;
	/** Turns the terminal's mouse reporting on or off (`M`). */
	onMouse?: (on: boolean) => void;
	/** Counts returns from Ctrl-Z. */
	resumed?: number;
	/** The model holds only the start of the pair (preliminary) while this loads the whole. */
	loading?: LoadProgress;
	/** Where this viewer leaves its state for one that replaces it on another model (swap.ts). */
	handover?: Handover;
	/** Keys typed before there were rows: applied, in order, as this viewer starts. */
	typeahead?: TypeAhead;
}

/** The column titles: the time column's, then where each lane starts and how far it is scrolled. */
function headerLine(model: RowModel, layout: Layout, state: ViewerState): string {
	const scrolled = (by: number): string => (by > 0 ? ` (+${by})` : '');
	const time = timeTitle(model, state.time, state.lastMark);
	const lead = `${' '.repeat(GUTTER_WIDTH + FLAG_WIDTH + 1)}${time.padStart(layout.timeWidth)} `;
	const host = fit(`host${scrolled(state.shift.host)}`, layout.guestIndent - 2);
	return `${lead}${host}│ guest${state.shift.guest > 0 ? scrolled(state.shift.guest) : ` [vCPU] task event: text`}`;
}

export function Viewer({model, size, onSuspend, onQuit, onMouse, resumed, loading, handover, typeahead}: ViewerProps): React.JSX.Element {
	const {stdout} = useStdout();
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const terminal = useTerminalSize(stdout, size);
	const views = useMemo(() => new Views(model), [model]);
	const [scanning, setScanning] = useState<Scan | undefined>(undefined);
	const cancelScan = useRef<(() => void) | undefined>(undefined);
	/** Keys that came in the same read as the one that started a scan: they apply after it. */
	const queued = useRef<string[]>([]);

	/** When this viewer took over from the preliminary one: from whom, its state then, and the `resumed` count then (its screen was not lost). */
	const tookOver = useRef<{from: NonNullable<Handover['last']>; state: ViewerState; resumed: number | undefined} | undefined>(undefined);
	const [state, setState] = useState<ViewerState>(() => {
		const start = {model, views, page: 1, scanning: undefined};
		// The whole pair after the preliminary rows: the same events under the cursor and marks.
		const before = handover?.last?.();
		if (before && before.ctx.model !== model) {
			tookOver.current = {from: handover!.last!, state: before.state, resumed};
			return carryOver(before.ctx, {...start, page: before.ctx.page}, before.state);
		}
		return loading ? hostRowsOnly(start, initialState(start)) : initialState(start);
	});
	const stateRef = useRef(state);
	const loadingRef = useRef(loading);
	loadingRef.current = loading;
	const withDetail = state.detail && state.mode !== 'help';
	const tWidth = timeWidth(model, state.time);
	const cursorView = viewOf({model, views, page: 1, scanning: undefined}, state);
	const cursorId = cursorView.count > 0 ? model.idAt(cursorView, Math.min(state.cursor, cursorView.count - 1)) : undefined;
	const detail = withDetail ? detailLines(model, cursorId, state.detailOther, terminal.columns, (e) => counterpart(model, e), loading !== undefined) : undefined;
	const layout = computeLayout(terminal.columns, terminal.rows, detail?.length ?? 0, tWidth);
	// At 80 columns long task names are cut to leave room for the event and its text.
	const widths = useMemo(() => fieldWidths(model, terminal.columns < 100 ? 12 : 15), [model, terminal.columns < 100]);
	const ctx: Context = {model, views, page: layout.body, scanning: scanning?.what};
	const ctxRef = useRef(ctx);
	ctxRef.current = ctx;
	if (handover) handover.last = () => ({ctx: ctxRef.current, state: stateRef.current});

	const apply = useCallback((next: ViewerState) => {
		stateRef.current = next;
		setState(next);
	}, []);

	const stopScan = useCallback(() => {
		cancelScan.current?.();
		cancelScan.current = undefined;
		queued.current = [];
		setScanning(undefined);
	}, []);

	const dispatchRef = useRef<(key: string) => void>(() => {});

	/** A scan ended: the keys queued behind it apply now. */
	const finishScan = useCallback(() => {
		cancelScan.current = undefined;
		setScanning(undefined);
		const keys = queued.current;
		queued.current = [];
		for (const key of keys) dispatchRef.current(key);
	}, []);

	const runSearch = useCallback(
		(from: number, dir: 1 | -1) => {
			stopScan();
			const pattern = stateRef.current.search;
			if (!pattern) return;
			const view = viewOf(ctxRef.current, stateRef.current);
			const total = view.count;
			let done = false;
			const cancel = startScan({
				total,
				from,
				dir,
				test: (row) => matchesText(pattern, cellText(model, model.idAt(view, row))),
				onProgress: (scanned) => setScanning({what: 'search', fraction: scanned / total}),
				onDone: (row, wrapped) => {
					done = true;
					const current = stateRef.current;
					if (row === undefined) apply({...current, message: {text: `not found: /${pattern.source}`, error: true}});
					else {
						const note = wrapped ? {text: dir > 0 ? 'search reached the end and went on from the top' : 'search reached the top and went on from the end', error: false} : undefined;
						apply(jumpTo(ctxRef.current, current, row, note));
					}
					finishScan();
				},
			});
			if (!done) cancelScan.current = cancel;
		},
		[model, apply, stopScan, finishScan],
	);

	const runFilter = useCallback(
		(filter: RowFilter | undefined) => {
			stopScan();
			if (!filter || views.has(filter.source)) {
				apply(applyRowFilter(ctxRef.current, stateRef.current, filter?.source));
				return;
			}
			const test = filterTest(model, filter);
			let done = false;
			const cancel = collectRows({
				total: model.total,
				test,
				onProgress: (scanned) => setScanning({what: 'filter', fraction: scanned / model.total}),
				onDone: (positions) => {
					done = true;
					views.store(filter.source, positions);
					apply(applyRowFilter(ctxRef.current, stateRef.current, filter.source));
					finishScan();
				},
			});
			if (!done) cancelScan.current = cancel;
		},
		[model, views, apply, stopScan, finishScan],
	);

	const dispatch = useCallback(
		(action: Action) => {
			// Preliminary rows: a row filter is of the whole trace, and guest events are not shown yet.
			const waits = !loadingRef.current ? undefined : action.type === 'prompt' && action.mode === 'filter' ? '& filters the whole trace' : action.type === 'tab' || action.type === 'status' ? 'guest events show' : undefined;
			if (waits) {
				apply({...stateRef.current, message: {text: `${waits} once it is loaded`, error: true}});
				return;
			}
			if (cancelScan.current && action.type !== 'escape' && action.type !== 'count') stopScan();
			const {state: next, effect} = reduce(ctxRef.current, stateRef.current, action);
			apply(next);
			if (!effect) return;
			switch (effect.type) {
				case 'search':
					runSearch(effect.from, effect.dir);
					return;
				case 'filter':
					runFilter(effect.filter);
					return;
				case 'cancel-search':
					stopScan();
					return;
				case 'mouse':
					onMouse?.(effect.on);
					return;
				case 'suspend':
					onSuspend?.();
					return;
				case 'quit':
					stopScan();
					onQuit?.();
					exit(effect.interrupted ? INTERRUPTED : undefined);
			}
		},
		[apply, runSearch, runFilter, stopScan, onSuspend, onQuit, onMouse, exit],
	);

	dispatchRef.current = (key: string) => {
		for (const action of actionsFor(key, keyMode(stateRef.current))) dispatch(action);
	};

	/** Keys of one read, or typed ahead: a key that starts a scan (`/text Enter`) makes the rest wait for it. */
	const feed = useCallback((keys: readonly string[]) => {
		for (let i = 0; i < keys.length; i++) {
			dispatchRef.current(keys[i]!);
			if (cancelScan.current && i + 1 < keys.length) {
				queued.current = keys.slice(i + 1);
				return;
			}
		}
	}, []);

	// A new read interrupts a scan, as any key does (in dispatch); the keys of the read that started it wait for it instead.
	useInput((input, key) => feed(keyNames(input, key)), {isActive: isRawModeSupported});

	useEffect(() => stopScan, [stopScan]);
	// Keys that reached the preliminary viewer after this one took its state over (it listens
	// for keys only from now): take its state over again.
	useEffect(() => {
		const took = tookOver.current;
		const latest = took?.from();
		if (latest && latest.state !== took!.state) apply(carryOver(latest.ctx, ctxRef.current, latest.state));
	}, [apply]);
	// Keys typed while the rows loaded, after any state taken over.
	useEffect(() => {
		const keys = typeahead?.drain();
		if (keys?.length) feed(keys);
	}, [typeahead, feed]);

	// Back from Ctrl-Z on an empty screen. Ink writes only a frame that differs from the last
	// one it wrote, so say so in the bottom bar: the new frame is then drawn whole. The
	// terminal's mouse reporting was reset on the way out.
	useEffect(() => {
		if (!resumed || resumed === tookOver.current?.resumed) return;
		apply({...stateRef.current, message: {text: resumed > 1 ? `resumed (${resumed})` : 'resumed', error: false}});
		if (stateRef.current.mouse) onMouse?.(true);
	}, [resumed, apply, onMouse]);

	const markOf = useMemo(() => new Map<EventId, string>(Object.entries(state.marks).map(([letter, id]) => [id, letter])), [state.marks]);

	if (layout.tooSmall) {
		return <Text wrap="truncate">{tooSmallLines(terminal.columns, terminal.rows).join('\n')}</Text>;
	}
	const view = cursorView;
	const top = topFor(state.top, state.cursor, layout.body, view.count);
	const id = cursorId;
	const vcpu = state.vcpuFilter ?? state.selectedVcpu;
	const timeRef = state.lastMark !== undefined ? state.marks[state.lastMark] : state.previous;
	const rowFilter = state.rowFilter === undefined ? undefined : {source: state.rowFilter, shown: view.count, of: views.get(state.vcpuFilter, undefined).count};
	return (
		<Box flexDirection="column" width={terminal.columns} height={layout.lines}>
			<TopBar model={model} columns={terminal.columns} id={id} vcpuFilter={state.vcpuFilter} vcpu={vcpu} rowFilter={rowFilter} set={state.columns} time={state.time} timeMark={state.lastMark} loading={loading} />
			<Line text={fit(headerLine(model, layout, state), terminal.columns).trimEnd()} look={look.header} />
			{state.mode === 'help' ? (
				<HelpOverlay columns={terminal.columns} lines={layout.body + layout.detail} top={state.helpTop} />
			) : (
				<Body
					model={model}
					view={view}
					layout={layout}
					widths={widths}
					set={state.columns}
					top={top}
					cursor={state.cursor}
					vcpu={vcpu}
					search={state.search}
					shift={state.shift}
					time={state.time}
					timeRef={timeRef}
					markOf={markOf}
				/>
			)}
			{layout.detail > 0 && detail ? <DetailPane text={detail} lines={layout.detail} /> : null}
			<BottomBar state={state} rows={view.count} columns={terminal.columns} scanning={scanning} />
		</Box>
	);
}
