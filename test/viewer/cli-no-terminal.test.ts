// `tscalign HOST GUEST` when stdout is not a terminal: the check summary, a hint about merge,
// check's exit code, and Ink and React never loaded (nor by merge and check). Runs dist/.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {writeFixture, type Fixture} from './fixture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/source/launch/tscalign.cjs');

let fixture: Fixture;
let guard: string;

beforeAll(() => {
	if (!fs.existsSync(CLI)) throw new Error('dist/source/launch/tscalign.cjs is missing: run `npm run build` first');
	fixture = writeFixture();
	// A module hook that makes importing Ink or React fail loudly.
	const hooks = path.join(fixture.dir, 'no-ink-hooks.mjs');
	fs.writeFileSync(
		hooks,
		"export async function resolve(specifier, context, next) { if (/^(ink|react)(\\/|$)/.test(specifier)) throw new Error(`LOADED ${specifier}`); return next(specifier, context); }\n",
	);
	guard = path.join(fixture.dir, 'no-ink.mjs');
	fs.writeFileSync(guard, `import {register} from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`);
});
afterAll(() => fixture?.cleanup());

function run(args: string[], script = CLI) {
	const result = spawnSync(process.execPath, ['--import', guard, script, ...args], {encoding: 'utf8', env: {...process.env, CI: 'false'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

test('the guard catches an import of Ink', () => {
	const probe = path.join(fixture.dir, 'probe.mjs');
	fs.writeFileSync(probe, "await import('ink');\n");
	const {code, stderr} = run([], probe);
	expect(code).not.toBe(0);
	expect(stderr).toContain('LOADED ink');
});

test('on a pipe, tscalign HOST GUEST prints the check summary, a hint about merge, and exits as check does', () => {
	const viewer = run([fixture.host, fixture.guest]);
	const check = run(['check', fixture.host, fixture.guest]);
	expect(viewer.stdout).toBe(check.stdout);
	expect(viewer.stdout).toContain('verdict:');
	expect(viewer.code).toBe(check.code);
	expect(viewer.code).toBe(1);
	expect(viewer.stderr).toContain('`tscalign merge HOST GUEST` prints every event');
	expect(viewer.stderr.trim().split('\n')).toHaveLength(1);
	expect(viewer.stderr).not.toContain('LOADED');
});

test('merge and check never load Ink or React', () => {
	for (const command of ['merge', 'check']) {
		const {code, stderr} = run([command, fixture.host, fixture.guest]);
		expect(stderr).not.toContain('LOADED');
		expect([0, 1]).toContain(code);
	}
});

test('on a pipe, an input error exits 2 with its message and no hint', () => {
	const {code, stderr} = run([fixture.host, path.join(fixture.dir, 'missing.txt')]);
	expect(code).toBe(2);
	expect(stderr).toContain('missing.txt');
	expect(stderr).not.toContain('tscalign merge HOST GUEST');
});
