// The installed launcher runs merge and check from the bundle with V8's code cache: the
// output must be exactly that of the plain ES-module entry, with or without a cache, and a
// cache is only written by a run that did its work.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {CLI, ROOT, example, runCli} from '../helpers/cli.js';

const PLAIN = path.join(ROOT, 'dist/cli.js');

function runPlain(args: string[]): {code: number | null; stdout: string; stderr: string} {
	const r = spawnSync(process.execPath, [PLAIN, ...args], {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

let cacheHome: string;
const caches = (): string[] => {
	const dir = path.join(cacheHome, 'tscalign');
	return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, {env: {XDG_CACHE_HOME: cacheHome, ...env}});

beforeEach(() => {
	cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-cache-'));
});
afterEach(() => {
	fs.rmSync(cacheHome, {recursive: true, force: true});
});

describe('launcher (bundled merge and check with a code cache)', () => {
	it('the launcher is what package.json installs', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {bin: Record<string, string>};
		expect(path.join(ROOT, pkg.bin['tscalign']!)).toBe(CLI);
		expect(fs.existsSync(path.join(ROOT, 'dist/cli.bundle.cjs'))).toBe(true);
	});

	it('merge prints exactly what the plain entry prints, before and after the cache exists', () => {
		const args = ['merge', example('backward-write', 'host.txt'), example('backward-write', 'guest.txt')];
		const plain = runPlain(args);
		expect(plain.code).toBe(0);
		const first = run(args);
		expect(first).toEqual(plain);
		expect(caches()).toEqual([expect.stringMatching(/^merge-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+-\d+-\d+\.v8cache$/)]);
		const second = run(args);
		expect(second).toEqual(plain);
		expect(caches()).toHaveLength(1);
	});

	it('check keeps its exit code 1 and text, and caches under its own name', () => {
		const args = ['check', example('ambiguous', 'host.txt'), example('ambiguous', 'guest.txt')];
		const plain = runPlain(args);
		expect(plain.code).toBe(1);
		expect(run(args)).toEqual(plain);
		expect(caches()).toEqual([expect.stringMatching(/^check-/)]);
		expect(run(args)).toEqual(plain);
	});

	it('a usage or input error (exit 2) writes no cache', () => {
		const missing = run(['merge', example('demo', 'host.txt')]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('merge needs two files, HOST and GUEST; got 1.');
		const absent = run(['check', '/nonexistent/host.txt', example('demo', 'guest.txt')]);
		expect(absent.code).toBe(2);
		expect(absent.stderr).not.toContain('    at ');
		expect(caches()).toEqual([]);
	});

	it('TSCALIGN_CODE_CACHE=0 neither reads nor writes a cache', () => {
		const args = ['merge', example('demo', 'host.txt'), example('demo', 'guest.txt')];
		const r = run(args, {TSCALIGN_CODE_CACHE: '0'});
		expect(r.code).toBe(0);
		expect(r.stdout).toBe(runPlain(args).stdout);
		expect(caches()).toEqual([]);
	});

	it('a corrupt cache is rejected by V8 and replaced, with the same output', () => {
		const args = ['merge', example('demo', 'host.txt'), example('demo', 'guest.txt')];
		const plain = runPlain(args);
		run(args);
		const [name] = caches();
		const file = path.join(cacheHome, 'tscalign', name!);
		const good = fs.readFileSync(file);
		fs.writeFileSync(file, Buffer.alloc(good.length, 0x5a));
		expect(run(args)).toEqual(plain);
		expect(fs.readFileSync(file).equals(Buffer.alloc(good.length, 0x5a))).toBe(false);
		expect(run(args)).toEqual(plain);
	});

	it('a new cache replaces this install\'s older ones and leaves another install\'s alone', () => {
		const args = ['merge', example('demo', 'host.txt'), example('demo', 'guest.txt')];
		run(args);
		const [name] = caches();
		const dir = path.join(cacheHome, 'tscalign');
		const install = name!.split('-').slice(0, 2).join('-');
		const stale = `${install}-v0.0.0-x64-1-1.v8cache`;
		const foreign = 'merge-00000000-v0.0.0-x64-1-1.v8cache';
		fs.rmSync(path.join(dir, name!));
		fs.writeFileSync(path.join(dir, stale), 'old');
		fs.writeFileSync(path.join(dir, foreign), 'other');
		expect(run(args).code).toBe(0);
		expect(caches()).toEqual([foreign, name].sort());
	});

	it('commands other than merge and check run the ES modules (help, version)', () => {
		const help = run(['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('$ tscalign merge HOST GUEST [options]');
		const version = run(['--version']);
		expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
		expect(caches()).toEqual([]);
	});
});
