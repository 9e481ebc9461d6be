// The speed targets of docs/performance.md, each printed as a ratio to its yardstick timed in
// the same run, with the absolute figures and the load average beside it.

import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {figure, load, paired, ratio, verdict, type Paired} from './paired.js';

export interface TargetFiles {
	/** The installed command. */
	cli: string;
	/** The 2M+2M text pair. */
	bench: {host: string; guest: string};
	/** A tiny pair: what a run costs before the trace's size shows. */
	demo: {host: string; guest: string};
	/** The real trace.dat pair's folder, or undefined when it is absent. */
	realPair: string | undefined;
	/** The 1.3M-event trace.dat, or undefined when it is absent. */
	bigDat: string | undefined;
	/** measure.js, which reads a trace.dat and prints it as text. */
	measure: string;
}

type Row = (label: string, value: string, note?: string) => void;

/** `TRACE_CMD` or `trace-cmd` on the PATH. */
export const traceCmdPath = (): string => process.env['TRACE_CMD'] ?? 'trace-cmd';

export const reportArgs = (files: string[]): string[] => ['report', ...files.flatMap((f) => ['-i', f])];

/** Why `trace-cmd report` cannot be the peer on these files, or undefined when it can (Debian's 3.1.6 package has no zlib and fails on them). */
export function traceCmdMissing(files: string[]): string | undefined {
	const command = traceCmdPath();
	if (spawnSync(command, ['--version']).error !== undefined) return `${command} is not installed`;
	const run = spawnSync(command, reportArgs(files), {stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8'});
	return run.status === 0 ? undefined : `${command} cannot read them (${run.stderr.trim().split('\n').at(-1) ?? `exit ${run.status}`})`;
}

export const BUILD_TRACE_CMD =
	'to get the ratio, build trace-cmd 3.1.6 with zlib outside the repository (apt-get install libtraceevent-dev libtracefs-dev zlib1g-dev libzstd-dev; ' +
	'in its source tree: make trace-cmd) and run TRACE_CMD=/path/to/tracecmd/trace-cmd npm run bench';

const s = (seconds: number): string => `${seconds.toFixed(2)} s`;

function ratioRow(row: Row, label: string, p: Paired, key: 'cpu' | 'wall', bound: number, yardstick: string): void {
	const r = ratio(p, key);
	row(label, `${r.toFixed(2)}x`, `${s(figure(p.a, key))} vs ${s(figure(p.b, key))} ${yardstick}; target <= ${bound}x: ${verdict(r, bound)} (load ${load()})`);
}

/**
 * Not a target: the same reader and renderer on a trace.dat 13 times the real pair's size,
 * where V8's warm-up, a fixed cost, is a smaller share of the CPU than on the real pair.
 */
function scaleRow(row: Row, measure: string, file: string): void {
	const p = paired([process.execPath, [measure, 'text', file, '--stdout']], [traceCmdPath(), reportArgs([file])], 5);
	row('  not a target: 1.3M-event trace.dat as text, CPU', `${ratio(p, 'cpu').toFixed(2)}x`, `${s(figure(p.a, 'cpu'))} vs ${s(figure(p.b, 'cpu'))} trace-cmd report -i file; wall ${ratio(p, 'wall').toFixed(2)}x (load ${load()})`);
}

/** Why a row is skipped for want of real-trace test data, said in the project's terms: where to read how the bench finds it. */
export const corpusAbsent = (what: string): string =>
	`${what} is absent: it is real-trace test data kept outside the repository; "What npm run bench measures" in docs/performance.md says where the bench looks for it`;

export function runTargets(files: TargetFiles, row: Row): void {
	process.stdout.write(`targets, each a median of pair-by-pair ratios, the two commands in turn (load average ${load()}):\n`);
	realPairTarget(files, row);
	checkTargets(files, row);
}

/** `merge` of the real trace.dat pair against trace-cmd report, or why it is skipped. */
export function realPairTarget(files: TargetFiles, row: Row): void {
	const {cli} = files;
	if (files.realPair) {
		const dat = [path.join(files.realPair, 'pair1-host.trace.dat'), path.join(files.realPair, 'pair1-guest-Salamander4.trace.dat')];
		const missing = traceCmdMissing(dat);
		if (missing) {
			row('merge real trace.dat pair vs trace-cmd report', 'skipped', `${missing}; ${BUILD_TRACE_CMD}`);
		} else {
			const p = paired([cli, ['merge', ...dat]], [traceCmdPath(), reportArgs(dat)], 9);
			ratioRow(row, 'merge real trace.dat pair, CPU (user + sys)', p, 'cpu', 0.8, 'trace-cmd report -i host -i guest');
			ratioRow(row, 'merge real trace.dat pair, wall', p, 'wall', 0.7, 'trace-cmd report -i host -i guest');
			if (files.bigDat) scaleRow(row, files.measure, files.bigDat);
		}
	} else row('merge real trace.dat pair vs trace-cmd report', 'skipped', corpusAbsent('the real trace.dat pair (hip24-masterarbeit)'));
}

function checkTargets(files: TargetFiles, row: Row): void {
	const {cli} = files;
	const {host, guest} = files.bench;
	const check = paired([cli, ['check', host, guest]], ['grep', ['-c', 'kvm_entry', host, guest]], 5);
	ratioRow(row, 'check 2M+2M text pair, wall', check, 'wall', 10, 'grep -c kvm_entry on both files');
	row('  the same, CPU (user + sys, all threads)', `${ratio(check, 'cpu').toFixed(2)}x`, `${s(figure(check.a, 'cpu'))} vs ${s(figure(check.b, 'cpu'))}`);

	const start = paired([cli, ['check', files.demo.host, files.demo.guest]], [process.execPath, ['-e', '0']], 9);
	const fixed = figure(start.a, 'wall') - figure(start.b, 'wall');
	row('fixed cost: check of a 320-event pair - node -e 0', s(fixed), `${s(figure(start.a, 'wall'))} vs ${s(figure(start.b, 'wall'))} (medians of 9, wall); target <= 0.2 s: ${verdict(fixed, 0.2)} (load ${load()})`);
}
