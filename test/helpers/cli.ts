// Runs the built binary the way a user does.

import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The installed command (run here through `node`): merge and check from the CommonJS bundle,
// the rest from the ES-module bundle.
export const CLI = path.join(ROOT, 'dist/source/launch/tscalign.cjs');

export interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function runCli(args: string[], options: {input?: string; env?: NodeJS.ProcessEnv} = {}): RunResult {
	const result = spawnSync(process.execPath, [CLI, ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		input: options.input ?? '',
		env: {...process.env, NO_COLOR: '1', ...options.env},
		maxBuffer: 512 * 1024 * 1024,
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

export const example = (name: string, file: 'host.txt' | 'guest.txt' | 'truth.tsv'): string => path.join(ROOT, 'examples', name, file);
