// Viewer benchmark: time to the first frame, memory held per event, and keystroke-to-frame
// latency (median, p99) on a simulated pair of 2M host + 2M guest events, at 160x50 and at
// 80x24, and on a small pair to show the latency does not grow with the trace. Ink runs as
// on a terminal (a fake TTY with rows, frames drawn by the viewer's painter). Then, when tmux is
// installed, the first frame of the installed command from the shell, in tmux. Usage:
// `node dist/esm/viewer-bench.js [EVENTS] [--large-only] [--quick]` (host + guest, default
// 4,000,000); `--quick`: the large pair's keys in the middle of the trace with the guest-TSC
// column, deltas and a filter, at both sizes, and nothing else (for runs taken in turn with
// another build). Pairs are cached in .bench-cache/.

import {execFileSync, spawn} from 'node:child_process';
import {EventEmitter} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {closePair, loadPair} from '../loading/load-pair.js';
import {loadPreview, type Preview} from '../loading/preview.js';
import type {Alignment} from '../core/align.js';
import {labPair, type PairFiles} from './pairs.js';
import {LoadProgress} from '../viewer/load-progress.js';

// As the viewer runs (viewer/open.ts): React's production build. Ink and React load after this line.
process.env['NODE_ENV'] ??= 'production';

interface Size {
	columns: number;
	rows: number;
}

/** The bench's usual terminal, and the classic one of a session over SSH. */
const SIZES: Size[] = [
	{columns: 160, rows: 50},
	{columns: 80, rows: 24},
];
/** Keys are spaced wider than Ink's 30 fps frame throttle, as a person types. */
const GAP_MS = 45;

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	readonly columns: number;
	readonly rows: number;
	onWrite: ((chunk: string) => void) | undefined;
	constructor(size: Size) {
		super();
		this.columns = size.columns;
		this.rows = size.rows;
	}
	write(chunk: string): boolean {
		this.onWrite?.(chunk);
		return true;
	}
}

class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	#queue: string[] = [];
	press(data: string): void {
		this.#queue.push(data);
		this.emit('readable');
	}
	read(): string | null {
		return this.#queue.shift() ?? null;
	}
	setRawMode(): void {}
	setEncoding(): void {}
	ref(): void {}
	unref(): void {}
	resume(): void {}
	pause(): void {}
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const median = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 50);

interface KeyFigure {
	label: string;
	median: number;
	p99: number;
	samples: number;
	cpu?: number;
}

interface Figures {
	events: number;
	loadSeconds: number;
	modelSeconds: number;
	firstFrameMs: number;
	/** The preliminary rows' frame (loading/preview.ts), when the pair is large enough for them. */
	firstRowsMs: number | undefined;
	/** JS heap + typed arrays after a full collection (undefined without --expose-gc), and RSS, after the first frame. */
	held: number | undefined;
	resident: number;
	peakResident: number;
	keys: {size: Size; keys: KeyFigure[]}[];
}

const gc = (globalThis as {gc?: () => void}).gc;

/** What the process holds with the viewer up: heap and typed arrays after full collections. */
function held(): number | undefined {
	if (!gc) return undefined;
	for (let i = 0; i < 3; i++) gc();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
}

type Modules = [typeof import('../viewer/draw-on-terminal.js'), typeof import('react'), typeof import('../viewer/app.js'), typeof import('../viewer/row-model.js')];

/** Draws the viewer on a fake terminal of `size` and times keys on it; `start` dates the first frame. */
async function session(
	modules: Modules,
	load: Promise<Alignment>,
	progress: LoadProgress,
	size: Size,
	start: number,
	quick: boolean,
	onFirstFrame?: () => void,
	preview?: Promise<Preview | undefined>,
): Promise<{firstFrameMs: number; firstRowsMs: number | undefined; keys: KeyFigure[]}> {
	const [{drawOnTerminal}, React, {App}] = modules;
	const stdout = new FakeStdout(size);
	const stdin = new FakeStdin();
	let waiting: {text: string; resolve: (at: number) => void} | undefined;
	let lastWrite = performance.now();
	let longestGap = 0;
	stdout.onWrite = () => {
		const now = performance.now();
		longestGap = Math.max(longestGap, now - lastWrite);
		lastWrite = now;
	};
	// A frame counts once the painter has written it, as the viewer draws (draw-on-terminal.ts).
	const onFrame = (frame: string): void => {
		if (waiting && frame.includes(waiting.text)) {
			const {resolve} = waiting;
			waiting = undefined;
			resolve(performance.now());
		}
	};
	const frameWith = (text: string, timeout: number): Promise<number> =>
		new Promise((resolve) => {
			// Cleared on the frame: a long timeout left behind would keep the bench alive for minutes.
			const timer = setTimeout(() => {
				if (waiting?.resolve === done) {
					waiting = undefined;
					resolve(Number.NaN);
				}
			}, timeout);
			const done = (at: number): void => {
				clearTimeout(timer);
				resolve(at);
			};
			waiting = {text, resolve: done};
		});

	const first = frameWith(' help', 120_000);
	const {instance} = drawOnTerminal(React.createElement(App, {load, progress, preview}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		onFrame,
	});
	let firstFrameMs = (await first) - start;
	let firstRowsMs: number | undefined;
	if (await preview) {
		// That was the preliminary rows: the keys are timed on all rows.
		firstRowsMs = firstFrameMs;
		firstFrameMs = (await frameWith('loaded: all', 120_000)) - start;
	}
	onFirstFrame?.();
	// Ink attaches its key handler in an effect after that frame; a key sent sooner is lost.
	await sleep(100);

	const keys: KeyFigure[] = [];
	const press = async (list: string[]): Promise<void> => {
		for (const key of list) {
			stdin.press(key);
			await sleep(GAP_MS);
		}
	};
	/** Presses `before`, then times the last key of `sequence` to the frame that holds `text`. */
	const time = async (label: string, sequence: string[], times: number, before: string[] = [], text = ' help', timeout = 5000): Promise<void> => {
		const samples: number[] = [];
		const cpu: number[] = [];
		for (let i = 0; i < times; i++) {
			await press([...before, ...sequence.slice(0, -1)]);
			const frame = frameWith(text, timeout);
			const start = performance.now();
			const used = process.cpuUsage();
			stdin.press(sequence.at(-1)!);
			samples.push((await frame) - start);
			// CPU time of the process meanwhile: what the frame cost, whatever else the machine runs.
			const {user, system} = process.cpuUsage(used);
			cpu.push((user + system) / 1000);
			await sleep(GAP_MS);
		}
		const missed = samples.filter(Number.isNaN).length;
		const sorted = samples.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
		const cpuSorted = cpu.sort((a, b) => a - b);
		keys.push({label: missed ? `${label} (${missed} without a frame)` : label, median: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length, cpu: percentile(cpuSorted, 50)});
	};
	if (!quick) {
		await time('j (next row)', ['j'], 100);
		await time('PgDn', ['\x1b[6~'], 60);
		await time('G (last row)', ['G'], 30, ['g']);
		await time('g (first row)', ['g'], 30, ['G']);
		await time('] (next epoch start, from the top)', [']'], 30, ['g']);
		await time('[ (previous epoch start, from the end)', ['['], 30, ['G']);
		await time('} (next flagged row)', ['}'], 60, ['{']);
		await time('v (vCPU filter, first time per vCPU)', ['v'], 5);
		await time('v (vCPU filter, again)', ['v'], 20);
		// kvm_exit recurs every few rows, so the match is near; n then goes to the next one. A
		// search costs the rows between the cursor and the match, whatever the trace's size.
		await time('/kvm_exit Enter (match a few rows on)', ['/', 'kvm_exit', '\r'], 20, [':', '50%', '\r']);
		await time('n (next match)', ['n'], 40);
		// The worst case: a pattern that matches nothing scans every row, in slices, and the
		// screen keeps updating meanwhile (the longest gap between frames is reported).
		await press(['g']);
		longestGap = 0;
		lastWrite = performance.now();
		await time('/no-such-text Enter (scan of every row)', ['/', 'no-such-text', '\r'], 1, [], 'not found', 300_000);
		const scanGap = longestGap;
		keys.push({label: '  longest gap between frames during that scan', median: scanGap, p99: scanGap, samples: 1});
		await press(['\x1b']);
	}
	// The same keys in the middle of the trace, as drawn by default and then with more to draw:
	// the guest TSC column, deltas in the time column, and a row filter in force (structured,
	// so it is set up in one pass; a free-text filter is timed after).
	await press([':', '50%', '\r']);
	await time('j at 50%', ['j'], 100);
	await time('PgDn at 50%', ['\x1b[6~'], 60);
	await press(['c', 't', ':', '50%', '\r']);
	await time('&!event:kvm_entry Enter (filter every row)', ['&', '!event:kvm_entry', '\r'], 1, [], 'of ', 60_000);
	await time('  j at 50%, guest TSC, deltas, filter', ['j'], 100);
	await time('  PgDn with them', ['\x1b[6~'], 60);
	await time('  ] with them', [']'], 30, ['g']);
	await time('  } with them', ['}'], 60, ['{']);
	await time('  a (next ambiguous) with them', ['a'], 30, ['A']);
	if (!quick) {
		await press(['&', '\r']);
		await time('&NR 1 Enter (free-text filter, every row)', ['&', '"NR 1"', '\r'], 1, [], 'of ', 300_000);
	}
	instance.unmount();
	return {firstFrameMs, firstRowsMs, keys};
}

async function measure(events: number, sizes: Size[], quick: boolean): Promise<Figures> {
	const files = labPair(events);
	// As `tscalign HOST GUEST` does (open.ts): the pair loads while Ink loads, and its start is
	// read and shown meanwhile (preliminary rows, a large pair), then all rows.
	const start = performance.now();
	let loadedAt = 0;
	const progress = new LoadProgress([files.host, files.guest]);
	const load = loadPair(files.host, files.guest, {}, progress.update, {}, {background: true});
	load.then(() => (loadedAt = performance.now()), () => {});
	const preview = loadPreview(files.host, files.guest, {});
	const modules: Modules = await Promise.all([import('../viewer/draw-on-terminal.js'), import('react'), import('../viewer/app.js'), import('../viewer/row-model.js')]);
	const keys: Figures['keys'] = [];
	let firstFrameMs = 0;
	let firstRowsMs: number | undefined;
	let heldBytes: number | undefined;
	let resident = 0;
	let peakResident = 0;
	// Measured with the first viewer up and no other: what a user's process holds.
	const memory = (): void => {
		heldBytes = held();
		resident = process.memoryUsage().rss;
		peakResident = process.resourceUsage().maxRSS * 1024;
	};
	for (const [k, size] of sizes.entries()) {
		// The app builds its row model again for each size, as a new viewer does.
		const s = await session(modules, load, progress, size, start, quick, k === 0 ? memory : undefined, k === 0 ? preview : undefined);
		if (k === 0) ({firstFrameMs, firstRowsMs} = s);
		keys.push({size, keys: s.keys});
	}
	const alignment = await load;
	const loadSeconds = (loadedAt - start) / 1000;
	// The app built its own; this one only times the build.
	const t = performance.now();
	const model = new modules[3].RowModel(alignment);
	const modelSeconds = (performance.now() - t) / 1000;
	closePair(alignment);
	return {events: model.total, loadSeconds, modelSeconds, firstFrameMs, firstRowsMs, held: heldBytes, resident, peakResident, keys};
}

const ms = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? 'no frame' : `${value.toFixed(1)} ms`);
const perEvent = (bytes: number, events: number): string => `${(bytes / events).toFixed(0)} B/event`;

function report(f: Figures): void {
	process.stdout.write(`\n${f.events.toLocaleString('en-US')} events\n`);
	process.stdout.write(`  load and align (Ink loading meanwhile)  ${f.loadSeconds.toFixed(2)} s\n`);
	process.stdout.write(`  row model (merged order)                ${f.modelSeconds.toFixed(2)} s\n`);
	if (f.firstRowsMs !== undefined) process.stdout.write(`  preliminary rows, from the start         ${(f.firstRowsMs / 1000).toFixed(2)} s\n`);
	process.stdout.write(`  first frame, from the start of loading  ${(f.firstFrameMs / 1000).toFixed(2)} s${f.firstRowsMs !== undefined ? ' (all rows)' : ''}\n`);
	// The small pair runs in the same process after the large one: its memory says nothing.
	if (f.events >= 1_000_000) process.stdout.write(`  memory, the viewer up                   ${f.held === undefined ? 'held: run node with --expose-gc;' : `held ${perEvent(f.held, f.events)} (heap + typed arrays after GC);`} RSS ${perEvent(f.resident, f.events)}; peak RSS until then ${(f.peakResident / 1e6).toFixed(0)} MB\n`);
	for (const {size, keys} of f.keys) {
		process.stdout.write(`  keystroke to frame at ${`${size.columns}x${size.rows}`.padEnd(19)} median       p99  CPU median\n`);
		for (const k of keys) process.stdout.write(`    ${k.label.padEnd(42)} ${ms(k.median).padStart(9)} ${ms(k.p99).padStart(9)} ${k.cpu === undefined ? '' : ms(k.cpu).padStart(9)}\n`);
	}
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The installed command: this file runs bundled (dist/esm/) or as tsc wrote it (dist/source/bench/). */
const installed = [path.resolve(here, '../source/launch/tscalign.cjs'), path.resolve(here, '../launch/tscalign.cjs')].find((f) => fs.existsSync(f));

/**
 * The installed command's first frame from the shell, as a user meets it: `tscalign HOST
 * GUEST` started in a detached tmux of `size` (a tmux server of its own), timed until the
 * screen shows the bottom bar. The screen is read every 20 ms, so the figure is that coarse.
 */
async function fromShell(files: PairFiles, size: Size): Promise<{rows: number; all: number} | string> {
	const cli = installed;
	if (cli === undefined) return `the installed command is missing beside ${here} (npm run build)`;
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
	} catch {
		return 'tmux is not installed';
	}
	// A socket of its own, removed after: tmux's kill-server leaves the file behind.
	const socket = path.join(os.tmpdir(), `tscalign-bench-${process.pid}.tmux`);
	const tmux = (...args: string[]): string => execFileSync('tmux', ['-S', socket, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
	const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
	const command = ['env', 'CI=false', process.execPath, cli, files.host, files.guest].map(quote).join(' ');
	const start = performance.now();
	try {
		tmux('new-session', '-d', '-s', 'bench', '-x', String(size.columns), '-y', String(size.rows), command);
		let rows: number | undefined;
		for (;;) {
			const screen = tmux('capture-pane', '-p', '-t', 'bench');
			const now = performance.now() - start;
			if (screen.includes('? help')) {
				rows ??= now;
				// The preliminary rows' bar says `loading N%: host rows ...`.
				if (!(screen.includes('loading ') && screen.includes('host rows'))) return {rows, all: now};
			}
			if (now > 120_000) return 'no frame in 120 s';
			await sleep(20);
		}
	} catch (error) {
		return `tmux failed: ${(error as Error).message.split('\n')[0]}`;
	} finally {
		// The server and the viewer in it end here, whatever happened.
		await new Promise<void>((resolve) => {
			const kill = spawn('tmux', ['-S', socket, 'kill-server'], {stdio: 'ignore'});
			kill.on('close', () => resolve());
			kill.on('error', () => resolve());
		});
		fs.rmSync(socket, {force: true});
	}
}

const big = Number(process.argv.find((a, i) => i >= 2 && /^\d+$/.test(a)) ?? 4_000_000);
// `--large-only`: the large pair alone; `--quick`: only its middle-of-trace keys.
const quick = process.argv.includes('--quick');
const largeOnly = quick || process.argv.includes('--large-only');
process.stdout.write(`tscalign viewer bench: node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs\n`);
// The large pair first, in a fresh process: its first frame then includes loading Ink, as a user's does.
const large = await measure(big, SIZES, quick);
if (!largeOnly) report(await measure(20_000, SIZES.slice(0, 1), false));
report(large);
if (!quick) {
	const runs: {rows: number; all: number}[] = [];
	let failure: string | undefined;
	for (let i = 0; i < 3 && failure === undefined; i++) {
		const r = await fromShell(labPair(big), SIZES[0]!);
		if (typeof r === 'string') failure = r;
		else runs.push(r);
	}
	const figure = (values: number[]): string => `${(median(values) / 1000).toFixed(2)} s (median of ${values.length}; ${values.map((r) => (r / 1000).toFixed(2)).join(', ')})`;
	if (runs.length === 0) process.stdout.write(`  first frame from the shell, in tmux       not measured: ${failure}\n`);
	else {
		process.stdout.write(`  first frame from the shell, in tmux       ${figure(runs.map((r) => r.rows))}\n`);
		process.stdout.write(`  all rows on screen, from the shell         ${figure(runs.map((r) => r.all))}\n`);
	}
}
process.stdout.write(`  load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
