// Issue 14, inputs a fuzzing campaign found mishandled: a file that fails to read (EIO), file
// names that hold line breaks, an option given twice. Each is one `tscalign:` line on stderr
// and exit 2, never an internal error or a stack trace, and no name starts a line of its own.

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {example, ROOT, runCli} from '../helpers/cli.js';
import {tempDir} from '../helpers/traces.js';

const GUEST = example('demo', 'guest.txt');

describe('inputs that fail to read', () => {
	// Reading /proc/self/mem at offset 0 fails with EIO on Linux: the same error a failing disk gives.
	it.runIf(process.platform === 'linux')('a read that fails with EIO is one sentence naming the file, for host and guest alike', () => {
		for (const args of [
			['check', '/proc/self/mem', GUEST],
			['merge', GUEST, '/proc/self/mem'],
		]) {
			const r = runCli(args);
			expect(r.code).toBe(2);
			expect(r.stderr).toBe('tscalign: /proc/self/mem cannot be read (an input/output error, EIO); check the disk or network it is on, or copy it elsewhere, and run the command again.\n');
		}
	});
});

describe('file names with line breaks', () => {
	const dir = tempDir();
	const name = path.join(dir, 'new\nline\x1b[2J.txt');
	fs.copyFileSync(example('demo', 'host.txt'), name);

	it('an error naming the file stays one line, the break and the escape shown as \\x0a and \\x1b', () => {
		const r = runCli(['export', name, GUEST, '-o', '-']);
		expect(r.code).toBe(2);
		expect(r.stderr.split('\n')).toHaveLength(2);
		expect(r.stderr).toMatch(/^tscalign: export needs the TSC's rate/);
		expect(r.stderr).toContain(`neither ${dir}/new\\x0aline\\x1b[2J.txt nor`);
	});

	it('a VM choice keeps its own lines, while guest names with a break stay on theirs (no fake tscalign: line)', () => {
		const guest = path.join(dir, 'g\ntscalign: fake.txt');
		fs.copyFileSync(path.join(ROOT, 'examples', 'two-guests', 'guest1.txt'), guest);
		const r = runCli(['check', path.join(ROOT, 'examples', 'two-guests', 'host.txt'), guest, guest]);
		expect(r.code).toBe(2);
		const lines = r.stderr.trimEnd().split('\n');
		expect(lines[0]).toBe('tscalign: Which VM each guest file belongs to is unclear:');
		expect(lines.slice(1).map((line) => line.slice(0, 2))).toEqual(lines.slice(1).map(() => '  '));
		expect(r.stderr).toContain(`g1 (${dir}/g\\x0atscalign: fake.txt): its events fit`);
		expect(r.stderr.match(/^tscalign:/gm)).toHaveLength(1);
	});
});

describe('an option that takes one value, given twice', () => {
	it('is one sentence naming it, not meow\'s stack trace; options that repeat still repeat', () => {
		const host = example('demo', 'host.txt');
		for (const [args, typed] of [
			[['export', host, GUEST, '-o', '-', '--output', 'x.json'], '--output'],
			[['check', host, GUEST, '--tsc-khz', '1', '--tsc-khz=2'], '--tsc-khz'],
			[['merge', host, GUEST, '--format', 'ftrace', '--format', 'dat'], '--format'],
		] as const) {
			const r = runCli([...args]);
			expect([r.code, r.stderr]).toEqual([2, `tscalign: ${typed} is given twice, and it takes one value; give it once (see tscalign --help)\n`]);
		}
		expect(runCli(['check', host, GUEST, '--offset', '0=1', '--offset', '1=2', '--json', '--json']).code).toBeLessThan(2);
	});
});

describe('simulate into a folder whose name holds a line break and an escape sequence', () => {
	it('names the files it wrote escaped, on the lines it means', () => {
		const dir = path.join(tempDir(), 'sim\n\x1b[2J');
		const r = runCli(['simulate', dir]);
		expect(r.code).toBe(0);
		expect(r.stdout).not.toMatch(/\x1b/);
		expect(r.stdout.split('\n')[1]).toBe(`wrote ${path.dirname(dir)}/sim\\x0a\\x1b[2J/host.txt (151 events), ${path.dirname(dir)}/sim\\x0a\\x1b[2J/guest.txt (169 events) and truth.tsv`);
		expect(fs.existsSync(path.join(dir, 'host.txt'))).toBe(true);
	});
});
