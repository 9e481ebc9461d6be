// Two commands timed in turn, A B A B ..., with the ratio taken pair by pair, so a machine
// whose speed drifts (a shared one) moves both sides of each pair alike: every target of
// `npm run bench` is such a ratio to a yardstick timed in the same run.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Timing {
	/** Seconds from start to exit. */
	wall: number;
	/** User + system seconds of the process and every thread it ran. */
	cpu: number;
	/** The command's exit status. */
	status: number;
}

/**
 * Runs a command with its output written to a scratch file; the CPU time comes from the shell's
 * `times` (POSIX), which reports what its finished children used.
 *
 * Not /dev/null: GNU grep sees that its output goes nowhere and stops at the first match, so
 * `grep -c` would not count (on the 2M+2M pair it skipped the whole host file).
 */
export function timed(command: string, args: readonly string[]): Timing {
	// A folder of its own for each run, made and removed outside the timed span.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-bench-'));
	try {
		const t0 = process.hrtime.bigint();
		const run = spawnSync('sh', ['-c', '"$@" >"$BENCH_OUT" 2>&1; status=$?; times; exit $status', 'sh', command, ...args], {
			encoding: 'utf8',
			env: {...process.env, BENCH_OUT: path.join(dir, 'output')},
		});
		const wall = Number(process.hrtime.bigint() - t0) / 1e9;
		return {wall, cpu: childrenCpu(run.stdout), status: run.status ?? -1};
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
}

/** User + system seconds of the finished children from `times` output: its second line, as `0m0.596000s 0m0.058000s`. */
export function childrenCpu(times: string): number {
	const children = times.trim().split('\n')[1] ?? '';
	const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
	return seconds.reduce((a, b) => a + b, 0);
}

export const median = (values: readonly number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export interface Paired {
	a: Timing[];
	b: Timing[];
}

/** `runs` pairs in turn after one warm-up run of each (file cache, disk). */
export function paired(a: [string, string[]], b: [string, string[]], runs: number): Paired {
	timed(...a);
	timed(...b);
	const out: Paired = {a: [], b: []};
	for (let i = 0; i < runs; i++) {
		out.a.push(timed(...a));
		out.b.push(timed(...b));
	}
	return out;
}

/** Median of the pair-by-pair ratios of one figure. */
export function ratio(p: Paired, figure: keyof Timing): number {
	return median(p.a.map((t, i) => t[figure] / p.b[i]![figure]));
}

export const figure = (p: Timing[], key: keyof Timing): number => median(p.map((t) => t[key]));

export const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** "met" or "NOT met", for a value that must stay at or under its bound. */
export const verdict = (value: number, bound: number): string => (value <= bound ? 'met' : 'NOT met');
