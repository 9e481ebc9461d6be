// The installed launcher runs merge and check from the CommonJS bundle and everything else
// from the ES-module bundle in dist/esm: the output must be exactly that of the plain
// entry, dist/cli.js, and the bundles must be what actually ran.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI, ROOT, example, runCli} from '../helpers/cli.js';

const PLAIN = path.join(ROOT, 'dist/cli.js');
const BUNDLE = path.join(ROOT, 'dist/cli.bundle.cjs');

function runPlain(args: string[]): {code: number | null; stdout: string; stderr: string} {
	const r = spawnSync(process.execPath, [PLAIN, ...args], {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

/** Runs the launcher under a probe that reports, at exit, whether the bundle was loaded. */
function loaded(args: string[]): {bundle: boolean} {
	const probe = `process.argv.splice(1, 0, ${JSON.stringify(CLI)});
		process.on('exit', () => process.stderr.write('\\nPROBE ' + JSON.stringify({bundle: require.cache[${JSON.stringify(BUNDLE)}] !== undefined})));
		require(${JSON.stringify(CLI)});`;
	const r = spawnSync(process.execPath, ['-e', probe, '--', ...args], {cwd: ROOT, encoding: 'utf8'});
	const line = r.stderr.split('\n').find((l) => l.startsWith('PROBE '));
	return JSON.parse(line!.slice('PROBE '.length)) as {bundle: boolean};
}

describe('launcher (merge and check from the bundle)', () => {
	it('is what package.json installs, and the build made the bundle', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {bin: Record<string, string>};
		expect(path.join(ROOT, pkg.bin['tscalign']!)).toBe(CLI);
		expect(fs.existsSync(BUNDLE)).toBe(true);
	});

	it('merge and check print exactly what the plain entry prints, exit codes included', () => {
		for (const args of [
			['merge', example('backward-write', 'host.txt'), example('backward-write', 'guest.txt')],
			['merge', example('demo', 'host.txt'), example('demo', 'guest.txt'), '--json'],
			['check', example('ambiguous', 'host.txt'), example('ambiguous', 'guest.txt')],
			['check', '/nonexistent/host.txt', example('demo', 'guest.txt')],
			['merge', example('demo', 'host.txt')],
		]) {
			const plain = runPlain(args);
			expect(runCli(args)).toEqual(plain);
		}
		expect(runPlain(['check', example('ambiguous', 'host.txt'), example('ambiguous', 'guest.txt')]).code).toBe(1);
	});

	it('merge and check load the CommonJS bundle; help, version and the viewer path the ES-module one', () => {
		expect(loaded(['merge', example('demo', 'host.txt'), example('demo', 'guest.txt')]).bundle).toBe(true);
		expect(loaded(['check', example('demo', 'host.txt'), example('demo', 'guest.txt')]).bundle).toBe(true);
		expect(loaded(['--help']).bundle).toBe(false);
		// NODE_DEBUG=esm names every ES module Node loads.
		const esm = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], {cwd: ROOT, encoding: 'utf8', env: {...process.env, NODE_DEBUG: 'esm'}}).stderr;
		for (const args of [['--version'], [example('demo', 'host.txt'), example('demo', 'guest.txt')]]) {
			const log = esm(args);
			expect(log).toContain(`${path.join(ROOT, 'dist/esm/cli.js')}`);
			expect(log).not.toContain(`${ROOT}/dist/cli.js`);
		}
	});

	it('help, version, simulate and the no-terminal viewer path print what dist/cli.js prints', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-launch-'));
		try {
			for (const args of [['--help'], ['--version'], [example('demo', 'host.txt'), example('demo', 'guest.txt')], ['simulate', dir, '--scenario', 'two-vms']]) {
				expect(runCli(args)).toEqual(runPlain(args));
			}
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});

	it('run as a program (through npm\'s link), it starts Node with no flags of its own and prints what dist/cli.js prints', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-program-'));
		try {
			// A preload given through NODE_OPTIONS reports the flags Node was started with.
			const probe = path.join(dir, 'probe.cjs');
			fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\nEXECARGV ' + JSON.stringify(process.execArgv)));");
			const link = path.join(dir, 'tscalign');
			fs.symlinkSync(CLI, link);
			const args = ['merge', example('backward-write', 'host.txt'), example('backward-write', 'guest.txt')];
			const r = spawnSync(link, args, {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1', NODE_OPTIONS: `--require ${probe}`}});
			const plain = runPlain(args);
			expect(r.status).toBe(plain.code);
			expect(r.stdout).toBe(plain.stdout);
			const flags = JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('EXECARGV '))!.slice('EXECARGV '.length)) as string[];
			expect(flags).toEqual([]);
			expect(fs.statSync(CLI).mode & 0o111).toBe(0o111);
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});

	it('two large text files are read on worker threads from the bundle, as from dist/cli.js', () => {
		// Past the 16 MB at which each file gets a thread: the demo pair, padded with comment lines.
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-large-'));
		try {
			const pad = `#${' '.repeat(1000)}\n`.repeat(17_000);
			for (const side of ['host', 'guest'] as const) fs.writeFileSync(path.join(dir, `${side}.txt`), fs.readFileSync(example('demo', `${side}.txt`), 'utf8') + pad);
			const args = ['check', path.join(dir, 'host.txt'), path.join(dir, 'guest.txt')];
			const r = runCli(args, {env: {NODE_DEBUG: 'worker'}});
			expect(r.stderr).toContain(`create new worker`);
			expect(r.stderr).toContain(`file://${ROOT}/dist/source/formats/text/worker.js`);
			const demo = runCli(['check', example('demo', 'host.txt'), example('demo', 'guest.txt')]);
			expect(r.code).toBe(demo.code);
			expect(r.stdout).toBe(demo.stdout.replaceAll(example('demo', 'host.txt'), args[1]!).replaceAll(example('demo', 'guest.txt'), args[2]!));
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});
});
