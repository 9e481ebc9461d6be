// Issue 14, input plumbing: `-` (standard input, for one of the two files), FIFOs and
// process substitution are read as streams, gzip included; a trace.dat on a pipe is refused
// with a sentence. Before, every one of them failed with `internal error: ESPIPE`.

import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {CLI, ROOT, example, runCli} from '../helpers/cli.js';
import {tempDir} from '../helpers/traces.js';

const HOST = example('demo', 'host.txt');
const GUEST = example('demo', 'guest.txt');
const VERDICT = 'verdict: 164 of 169 guest events exact; 5 ambiguous';

describe('traces from pipes', () => {
	it('`-` reads the host from standard input', () => {
		const r = runCli(['check', '-', GUEST], {input: fs.readFileSync(HOST, 'utf8')});
		expect(r.stderr).toBe('');
		expect(r.code).toBe(1);
		expect(r.stdout).toContain(VERDICT);
		expect(r.stdout).toContain('host: standard input (ftrace), 151 events');
	});

	it('`-` reads gzip text too, and merge prints the same as from the files', () => {
		const result = spawnSync(process.execPath, [CLI, 'merge', HOST, '-'], {cwd: ROOT, input: zlib.gzipSync(fs.readFileSync(GUEST)), encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		expect(result.status).toBe(0);
		expect(result.stdout).toBe(runCli(['merge', HOST, GUEST]).stdout);
	});

	it('a FIFO and process substitution are read as streams', () => {
		const fifo = path.join(tempDir(), 'host.fifo');
		execFileSync('mkfifo', [fifo]);
		const r = spawnSync('bash', ['-c', `cat "$1" > "$2" & exec "$3" "$4" check "$2" <(gzip -c "$5")`, 'x', HOST, fifo, process.execPath, CLI, GUEST], {
			cwd: ROOT,
			encoding: 'utf8',
			env: {...process.env, NO_COLOR: '1'},
		});
		expect(r.stderr).toBe('');
		expect(r.stdout).toContain(VERDICT);
		expect(r.stdout).toMatch(/guest: \/dev\/fd\/\d+ \(ftrace\), 169 events/);
	});

	it('both files on standard input is a usage error', () => {
		const r = runCli(['check', '-', '-'], {input: 'x'});
		expect(r.code).toBe(2);
		expect(r.stderr).toBe('tscalign: HOST and GUEST cannot both be standard input (-); give one of them as a file.\n');
	});

	it('a trace.dat on a pipe is refused with a sentence saying what to do', () => {
		const dat = Buffer.concat([Buffer.from([0x17, 0x08, 0x44]), Buffer.from('tracing6\0'), Buffer.alloc(100)]);
		const r = spawnSync(process.execPath, [CLI, 'check', '-', GUEST], {cwd: ROOT, input: dat, encoding: 'utf8'});
		expect(r.status).toBe(2);
		expect(r.stderr).toBe(
			'tscalign: standard input is a trace.dat on a pipe, and a trace.dat must be read from a file (its parts are found by offset); save it to a file and give that file.\n',
		);
	});

	it('an empty pipe is refused as empty', () => {
		const r = runCli(['check', HOST, '-'], {input: ''});
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('standard input is empty');
	});
});

describe('the temporary copy of text read once', () => {
	// Gzipped or piped text is copied as it is read, for the event text later. A copy left
	// behind is a whole decompressed trace in /tmp, on a host that may keep /tmp in memory.
	it('is never left in the temporary folder, not even when the output pipe closes early', () => {
		const dir = tempDir();
		const tmp = path.join(dir, 'tmp');
		fs.mkdirSync(tmp);
		execFileSync(process.execPath, [CLI, 'simulate', dir, '--events', '40000'], {cwd: ROOT});
		fs.writeFileSync(path.join(dir, 'guest.txt.gz'), zlib.gzipSync(fs.readFileSync(path.join(dir, 'guest.txt'))));
		const r = spawnSync('bash', ['-c', 'set -o pipefail; "$1" "$2" merge "$3/host.txt" "$3/guest.txt.gz" | head -n 1', 'x', process.execPath, CLI, dir], {
			cwd: ROOT,
			encoding: 'utf8',
			env: {...process.env, NO_COLOR: '1', TMPDIR: tmp},
		});
		expect(r.stdout.split('\n')).toHaveLength(2);
		expect(fs.readdirSync(tmp)).toEqual([]);
	});
});
