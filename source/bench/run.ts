// `npm run bench`: speed and memory on millions of events, with the floors and peers beside
// them. Generated pairs are cached in .bench-cache/ (BENCH_RUNS sets their size). The targets
// come first; `npm run bench -- targets` prints only them. TRACE_CMD names a trace-cmd to
// compare with when the one on the PATH cannot read the real pair.

import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {fourGuests, labPair, untracedPair} from './pairs.js';
import {corpusAbsent, reportArgs, runTargets, traceCmdMissing, traceCmdPath} from './targets.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const runs = Number(process.env['BENCH_RUNS'] ?? 250_000);
const bigDat = path.resolve(root, '../shared/corpus/tracedat-made/real-record-big-1.3M-events-v7zstd.dat');
const realPair = path.resolve(root, '../shared/corpus/real/hip24-masterarbeit');

function measure(...args: string[]): Record<string, number> {
	const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', path.join(here, 'measure.js'), ...args], {
		encoding: 'utf8',
		maxBuffer: 1 << 20,
	});
	return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
}

function wall(command: string, args: string[]): number {
	const t0 = process.hrtime.bigint();
	spawnSync(command, args, {stdio: 'ignore'});
	return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** `trace-cmd report` on the files, one run, or why not. */
function traceCmd(files: string[]): string {
	return traceCmdMissing(files) ?? `${wall(traceCmdPath(), reportArgs(files)).toFixed(2)} s`;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall time of `times` runs: short runs vary by tens of ms on a shared machine. */
function medianWall(command: string, args: string[], times: number): number {
	return median(Array.from({length: times}, () => wall(command, args)));
}

/** Medians of commands run in turn, `times` rounds: this VM's speed drifts by 10% over minutes, so a comparison runs side by side. */
function pairedMedians(commands: Array<[string, string[]]>, times: number): number[] {
	const all: number[][] = commands.map(() => []);
	for (let i = 0; i < times; i++) commands.forEach(([command, args], k) => all[k]!.push(wall(command, args)));
	return all.map(median);
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const rate = (n: number, s: number): string => `${((n / s) / 1e6).toFixed(2)} M/s`;
const row = (label: string, value: string, note = ''): void => {
	process.stdout.write(`${label.padEnd(44)} ${value.padStart(22)}  ${note}\n`);
};

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`tscalign bench: node ${process.version}, ${os.cpus().length} x ${cpu}, ${mb(os.totalmem())} RAM\n\n`);

// One lab-like pair of 2M + 2M events serves the readers, conversion, merge, check and the viewer.
const events = 16 * runs;
const withWrites = labPair(events);
const noWrites = untracedPair(runs);
// The installed command, run as a program as users run it: merge and check run from the bundle.
const cli = path.join(root, 'dist/source/launch/tscalign.cjs');

runTargets(
	{
		cli,
		bench: withWrites,
		demo: {host: path.join(root, 'examples/demo/host.txt'), guest: path.join(root, 'examples/demo/guest.txt')},
		realPair: fs.existsSync(realPair) ? realPair : undefined,
		bigDat: fs.existsSync(bigDat) ? bigDat : undefined,
		measure: path.join(here, 'measure.js'),
	},
	row,
);
// `npm run bench -- targets`: the targets alone (about two minutes).
if (process.argv.includes('targets')) process.exit(0);
process.stdout.write('\n');

for (const [label, file] of [
	['host text', withWrites.host],
	['guest text', withWrites.guest],
	...(fs.existsSync(bigDat) ? [['trace.dat 1.3M events (v7 zstd)', bigDat]] : []),
] as const) {
	const r = measure('read', file);
	row(`read ${label}`, `${rate(r['events']!, r['seconds']!)} events`, `${(r['bytes']! / r['seconds']! / 1e6).toFixed(0)} MB/s; ${r['events']} events in ${r['seconds']!.toFixed(2)} s; held ${(r['live']! / r['events']!).toFixed(0)} B/event (RSS growth ${(r['resident']! / r['events']!).toFixed(0)}); peak RSS ${mb(r['maxRss']!)}`);
}
if (fs.existsSync(bigDat)) {
	const t = measure('text', bigDat);
	row('trace.dat 1.3M events read and printed as text', `${t['seconds']!.toFixed(2)} s`, `${rate(t['events']!, t['seconds']!)} events; peak RSS ${mb(t['maxRss']!)}`);
	row('peer: trace-cmd report on that file', traceCmd([bigDat]));
} else row('read trace.dat 1.3M events', 'skipped', corpusAbsent('the 1.3M-event trace.dat'));

const a = measure('align', withWrites.host, withWrites.guest);
row('conversion (epochs, windows, assignment)', `${a['align']!.toFixed(2)} s`, `${a['events']} events; merged order ${a['order']!.toFixed(2)} s; ${a['exact']} guest events exact`);
const held = a['live']! / a['events']!;
row('held after conversion and merged order', `${held.toFixed(0)} B/event`, `JS heap + typed arrays after GC; target <= 100 B/event: ${held <= 100 ? 'met' : 'NOT met'}; RSS growth ${(a['resident']! / a['events']!).toFixed(0)} B/event; peak RSS ${mb(a['maxRss']!)}`);

const r = measure('align', noWrites.host, noWrites.guest);
row('offset recovery (no writes traced)', `${r['align']!.toFixed(2)} s`, `${r['recovered']} vCPUs recovered; ${r['exact']} guest events exact`);

// merge --json and export in turn, three rounds: the machine's speed drifts, so the two are
// compared as a ratio of medians from the same run.
const rounds = [0, 1, 2].map(() => ['merge', 'export'].map((what) => measure(what, withWrites.host, withWrites.guest)));
const mid = (k: number, key: string): number => median(rounds.map((round) => round[k]![key]!));
const [m, x] = [0, 1].map((k) => rounds.map((round) => round[k]!).sort((p, q) => p['write']! - q['write']!)[1]!) as [Record<string, number>, Record<string, number>];
row('merge --json (to /dev/null)', `${rate(m['events']!, mid(0, 'write'))} events`, `${mid(0, 'write').toFixed(2)} s after ${(m['read']! + m['align']!).toFixed(2)} s of reading and conversion; peak RSS ${mb(m['maxRss']!)}`);
row(
	'export (JSON trace, to /dev/null)',
	`${rate(x['events']!, mid(1, 'write'))} events`,
	`${mid(1, 'write').toFixed(2)} s, ${(mid(1, 'write') / mid(0, 'write')).toFixed(2)}x merge --json (medians of 3, in turn); ${mb(x['bytes']!)} written; peak RSS ${mb(x['maxRss']!)} (${mb(x['peakBefore']!)} before writing)`,
);

// Several guests on one host: N guests should cost about N times one (docs/several-guests.md).
const four = fourGuests(Math.round(runs / 2));
let one: number | undefined;
for (const n of [1, 2, 4]) {
	const g = measure('guests', four.host, ...four.guests.slice(0, n));
	one ??= g['convert']!;
	row(`conversion of ${n} guest${n > 1 ? 's' : ''} on one host (--vm each)`, `${g['convert']!.toFixed(2)} s`, `${(g['convert']! / one).toFixed(1)}x one guest; ${g['events']} guest events; matching by fit instead: ${g['auto']!.toFixed(2)} s`);
}

row('floor: wc -l on both files', `${wall('wc', ['-l', withWrites.host, withWrites.guest]).toFixed(2)} s`);

if (fs.existsSync(realPair)) {
	const host = path.join(realPair, 'pair1-host.trace.dat');
	const guest = path.join(realPair, 'pair1-guest-Salamander4.trace.dat');
	const merge = ['merge', host, guest];
	const [bundled, plain] = pairedMedians([[process.execPath, [cli, ...merge]], [process.execPath, [path.join(root, 'dist/cli.js'), ...merge]]], 7);
	row('  node tscalign.cjs merge (bundle)', `${bundled!.toFixed(2)} s`, 'median of 7 runs, in turn with the line below');
	row('  node dist/cli.js merge (ES modules)', `${plain!.toFixed(2)} s`, 'median of 7 runs, without the bundle');
	row('check real text pair, recovering (CLI, wall)', `${wall(cli, ['check', path.join(realPair, 'pair1-host.report-raw-ts.txt'), path.join(realPair, 'pair1-guest.report-raw-ts.txt.gz'), '--vm', '483882']).toFixed(2)} s`);
	// What every run of merge or check pays before it opens a file: Node, meow and the modules.
	row('floor: tscalign merge --help (start-up)', `${medianWall(cli, ['merge', '--help'], 5).toFixed(2)} s`, 'median of 5 runs');
	row('floor: node -e 0', `${medianWall(process.execPath, ['-e', '0'], 5).toFixed(2)} s`, 'median of 5 runs');
} else row('merge of the real pair (bundle, ES modules), its text check, start-up floors', 'skipped', corpusAbsent('the real trace.dat pair (hip24-masterarbeit)'));

// The viewer bench, bundled as the viewer is for users (or unbundled when the build skipped it).
const viewerBench = [path.join(root, 'dist/esm/viewer-bench.js'), path.join(root, 'dist/source/bench/viewer.js')].find((f) => fs.existsSync(f));
if (viewerBench) {
	process.stdout.write('\nviewer:\n');
	spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', viewerBench, String(events)], {stdio: 'inherit'});
}
