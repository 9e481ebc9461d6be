// Runs the installed command as a user does and measures what a crafted input costs it: peak
// resident memory (read by the process itself at exit) and wall time.

import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {CLI, ROOT} from './cli.js';
import {tempDir} from './traces.js';

const PRELOAD = path.join(ROOT, 'test/helpers/peak-rss.cjs');

export interface Measured {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** Peak resident memory in bytes (0 when the process died before it could say). */
	peak: number;
	seconds: number;
}

/** Runs `tscalign ARGS`; a run past `timeoutMs` is killed (SIGKILL) and returns with its signal. */
export function runMeasured(args: string[], timeoutMs = 30_000): Promise<Measured> {
	const peakFile = path.join(tempDir(), 'peak');
	const started = performance.now();
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--require', PRELOAD, CLI, ...args], {
			cwd: ROOT,
			env: {...process.env, NO_COLOR: '1', TSCALIGN_TEST_PEAK: peakFile},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = (stdout + d).slice(-100_000)));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-100_000)));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const peak = fs.existsSync(peakFile) ? Number(fs.readFileSync(peakFile, 'utf8')) : 0;
			resolve({code, signal, stdout, stderr, peak, seconds: (performance.now() - started) / 1000});
		});
	});
}

export const MB = 1024 * 1024;
