// Issue 14, output plumbing: a full disk or a write error is one sentence and exit 2 for every
// command (before: a Node stack trace and exit 1, which `check` uses for "some events
// ambiguous"), and merge says on stderr how many malformed lines it skipped.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI, ROOT, example, runCli} from '../helpers/cli.js';
import {tempDir, writeFile} from '../helpers/traces.js';

const HOST = example('demo', 'host.txt');
const GUEST = example('demo', 'guest.txt');
const FULL = 'tscalign: writing to standard output failed (no space left on the device, ENOSPC); the output is incomplete: free some space or write elsewhere, then run the command again.\n';

/** Runs the command with stdout on /dev/full, as `> /dev/full` does. */
function toFullDisk(args: string[]): {code: number | null; stderr: string} {
	const out = fs.openSync('/dev/full', 'w');
	try {
		const r = spawnSync(process.execPath, [CLI, ...args], {cwd: ROOT, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		return {code: r.status, stderr: r.stderr};
	} finally {
		fs.closeSync(out);
	}
}

describe('a write error is one sentence and exit 2', () => {
	const commands: [string, string[]][] = [
		['merge', ['merge', HOST, GUEST]],
		['merge --json', ['merge', HOST, GUEST, '--json']],
		['check', ['check', HOST, GUEST]],
		['check --json', ['check', HOST, GUEST, '--json']],
		['the viewer off a terminal', [HOST, GUEST]],
		['simulate', ['simulate', path.join(tempDir(), 'sim')]],
	];
	for (const [name, args] of commands) {
		it(name, () => {
			const r = toFullDisk(args);
			expect(r.code).toBe(2);
			expect(r.stderr.startsWith(FULL)).toBe(true);
			expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
		});
	}

	it('simulate on a full disk names the file it could not write', () => {
		const dir = tempDir();
		fs.symlinkSync('/dev/full', path.join(dir, 'host.txt'));
		const r = runCli(['simulate', dir]);
		expect(r.code).toBe(2);
		expect(r.stderr).toBe(
			`tscalign: writing to ${path.join(dir, 'host.txt')} failed (no space left on the device, ENOSPC); the output is incomplete: free some space or write elsewhere, then run the command again.\n`,
		);
	});
});

describe('merge reports what it skipped', () => {
	it('one summary line per file with malformed lines, on stderr', () => {
		const dir = tempDir();
		const guest = writeFile(dir, 'guest.txt', [...fs.readFileSync(GUEST, 'utf8').trimEnd().split('\n').slice(0, 20), 'garbage one', 'garbage two']);
		const r = runCli(['merge', HOST, guest]);
		expect(r.code).toBe(0);
		expect(r.stderr).toBe(`tscalign: 2 malformed lines skipped in ${guest}; first at ${guest}:21: not an event line (no [CPU] column)\n`);
		expect(runCli(['merge', HOST, GUEST]).stderr).toBe('');
	});
});
