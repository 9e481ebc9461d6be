// Viewer benchmark: time to the first frame and keystroke-to-frame latency (median, p99) on
// a simulated pair of 2M host + 2M guest events, and on a small one to show the latency does
// not grow with the trace. Ink runs as on a terminal (a fake TTY with rows, Ink's own frame throttling). Usage:
// `node dist/esm/viewer-bench.js [EVENTS] [--large-only]` (host + guest, default 4,000,000);
// pairs are cached in .bench-cache/.

import {EventEmitter} from 'node:events';
import os from 'node:os';
import {closePair, loadPair} from '../loading/load-pair.js';
import {labPair} from './pairs.js';
import {LoadProgress} from '../viewer/load-progress.js';

// As the viewer runs (viewer/open.ts): React's production build. Ink and React load after this line.
process.env['NODE_ENV'] ??= 'production';

const COLUMNS = 160;
const ROWS = 50;
/** Keys are spaced wider than Ink's 30 fps frame throttle, as a person types. */
const GAP_MS = 45;

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	readonly columns = COLUMNS;
	readonly rows = ROWS;
	onWrite: ((chunk: string) => void) | undefined;
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

interface Figures {
	events: number;
	loadSeconds: number;
	modelSeconds: number;
	firstFrameMs: number;
	keys: {label: string; median: number; p99: number; samples: number; cpu?: number}[];
}

async function measure(events: number): Promise<Figures> {
	const files = labPair(events);
	// As `tscalign HOST GUEST` does (open.ts): the pair loads while Ink loads, the app shows
	// the loading screen, then builds the row model and draws the viewer.
	const start = performance.now();
	let loadedAt = 0;
	const progress = new LoadProgress([files.host, files.guest]);
	const load = loadPair(files.host, files.guest, {}, progress.update);
	load.then(() => (loadedAt = performance.now()), () => {});
	const [{render}, React, {App}, {RowModel}] = await Promise.all([import('ink'), import('react'), import('../viewer/app.js'), import('../viewer/row-model.js')]);

	const stdout = new FakeStdout();
	const stdin = new FakeStdin();
	let waiting: {text: string; resolve: (at: number) => void} | undefined;
	let lastWrite = performance.now();
	let longestGap = 0;
	stdout.onWrite = (chunk) => {
		const now = performance.now();
		longestGap = Math.max(longestGap, now - lastWrite);
		lastWrite = now;
		// A frame is the write holding the bottom bar; Ink also writes cursor and sync codes.
		if (waiting && chunk.includes(waiting.text)) {
			const {resolve} = waiting;
			waiting = undefined;
			resolve(now);
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
	const instance = render(React.createElement(App, {load, progress}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const firstFrameMs = (await first) - start;
	// Ink attaches its key handler in an effect after that frame; a key sent sooner is lost.
	await sleep(100);
	const alignment = await load;
	const loadSeconds = (loadedAt - start) / 1000;
	// The app built its own; this one only times the build.
	const t = performance.now();
	const model = new RowModel(alignment);
	const modelSeconds = (performance.now() - t) / 1000;

	const keys: Figures['keys'] = [];
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
	// The same keys in the middle of the trace, as drawn by default and then with more to draw:
	// the guest TSC column, deltas in the time column, and a row filter in force (structured,
	// so it is set up in one pass; a free-text filter is timed after).
	await press(['\x1b', ':', '50%', '\r']);
	await time('j at 50%', ['j'], 100);
	await time('PgDn at 50%', ['\x1b[6~'], 60);
	await press(['c', 't', ':', '50%', '\r']);
	await time('&!event:kvm_entry Enter (filter every row)', ['&', '!event:kvm_entry', '\r'], 1, [], 'of ', 60_000);
	await time('  j at 50%, guest TSC, deltas, filter', ['j'], 100);
	await time('  PgDn with them', ['\x1b[6~'], 60);
	await time('  ] with them', [']'], 30, ['g']);
	await time('  } with them', ['}'], 60, ['{']);
	await time('  a (next ambiguous) with them', ['a'], 30, ['A']);
	await press(['&', '\r']);
	await time('&NR 1 Enter (free-text filter, every row)', ['&', '"NR 1"', '\r'], 1, [], 'of ', 300_000);
	instance.unmount();
	closePair(alignment);
	return {events: model.total, loadSeconds, modelSeconds, firstFrameMs, keys};
}

const ms = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? 'no frame' : `${value.toFixed(1)} ms`);

function report(f: Figures): void {
	process.stdout.write(`\n${f.events.toLocaleString('en-US')} events (${COLUMNS}x${ROWS} terminal)\n`);
	process.stdout.write(`  load and align (Ink loading meanwhile)  ${f.loadSeconds.toFixed(2)} s\n`);
	process.stdout.write(`  row model (merged order)                ${f.modelSeconds.toFixed(2)} s\n`);
	process.stdout.write(`  first frame, from the start of loading  ${(f.firstFrameMs / 1000).toFixed(2)} s\n`);
	process.stdout.write(`  keystroke to frame                        median       p99  CPU median\n`);
	for (const k of f.keys) process.stdout.write(`    ${k.label.padEnd(42)} ${ms(k.median).padStart(9)} ${ms(k.p99).padStart(9)} ${k.cpu === undefined ? '' : ms(k.cpu).padStart(9)}\n`);
}

const big = Number(process.argv[2] ?? 4_000_000);
// `--large-only`: the large pair alone, for runs taken in turn with another build.
const largeOnly = process.argv.includes('--large-only');
process.stdout.write(`tscalign viewer bench: node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs\n`);
// The large pair first, in a fresh process: its first frame then includes loading Ink, as a user's does.
const large = await measure(big);
if (!largeOnly) report(await measure(20_000));
report(large);
