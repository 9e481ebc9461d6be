// The built viewer in a real terminal (tmux): keys, the screen a person sees, and the
// terminal given back after q, a signal, Ctrl-Z, and a crash. Needs `npm run build` first.

import fs from 'node:fs';
import path from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {cursorLine, HAS_TMUX, type Terminal} from '../helpers/tmux.js';
import {H, type Fixture} from './fixture.js';
import {CLI, fixtureInTmux, ROOT} from './tmux-fixture.js';
const COLUMNS = 120;
const ROWS = 32;

if (!HAS_TMUX) console.warn('SKIPPED: the tmux end-to-end tests of the viewer need tmux, which is not installed.');

let term: Terminal;
const tmux = (...args: string[]): string => term.tmux(...args);
const screen = (escapes = false): string => term.screen(escapes);
const alternateScreen = (): boolean => term.alternateScreen();
const waitFor = (what: string, check: (text: string) => boolean, escapes = false): Promise<string> => term.waitFor(what, check, escapes);
const keys = (...list: string[]): void => term.keys(...list);
const typeLine = (line: string): void => term.typeLine(line);
const childPid = (): number => term.childPid();
const quit = (): Promise<void> => term.quit();

/** Waits for the viewer's first frame, and a moment more for its key handler to be listening. */
async function firstFrame(escapes = false): Promise<string> {
	const text = await waitFor('the first frame', (t) => t.includes('row 1/148'), escapes);
	await new Promise((resolve) => setTimeout(resolve, 150));
	return text;
}

describe.skipIf(!HAS_TMUX)(`viewer in tmux${HAS_TMUX ? '' : ' (SKIPPED: tmux is not installed)'}`, {timeout: 60_000}, () => {
	const pair = fixtureInTmux(COLUMNS, ROWS);
	let fixture: Fixture;
	let viewer = '';
	beforeEach(() => {
		term = pair.term;
		fixture = pair.fixture;
		viewer = pair.viewer;
	});

	test('browse with keys, then q gives the terminal back', async () => {
		typeLine(`${viewer}; echo EXIT=$?`);
		let text = await firstFrame();
		expect(alternateScreen()).toBe(true);
		const lines = text.split('\n');
		expect(lines[0]).toContain('vCPU 0 epoch 0/3');
		expect(lines[1]).toContain('VM 1000');
		// The bottom bar on the terminal's last line.
		expect(lines.findIndex((l) => l.includes('row 1/148'))).toBe(ROWS - 1);

		keys(']');
		text = await waitFor('the next epoch', (t) => t.includes('epoch 1/3'));
		expect(cursorLine(text)).toContain('kvm_write_tsc_offset');
		expect(text).toContain(`write at host TSC ${H + 1000n} (msr_write 10)`);

		typeLine('/needleX');
		text = await waitFor('the search', (t) => cursorLine(t).includes('NR 0 needleX'));
		keys('n');
		await waitFor('the next match', (t) => cursorLine(t).includes('NR 10 needleX'));

		typeLine(`:${H + 2500n}`);
		text = await waitFor('go to a host TSC', (t) => cursorLine(t).includes('[v0] evil'));
		expect(cursorLine(text)).toContain('hello \\x1b[31mRED');

		keys('?');
		await waitFor('help', (t) => t.includes('offset-epoch start'));
		keys('Escape');
		await waitFor('help closed', (t) => !t.includes('offset-epoch start') && t.includes('row '));

		keys('q');
		text = await waitFor('the shell after q', (t) => t.includes('EXIT=0'));
		expect(alternateScreen()).toBe(false);
		expect(text).toContain('BEFORE-VIEWER');
		expect(text).not.toContain('VM 1000');
		typeLine('echo TYPED-AFTER');
		await waitFor('a working shell', (t) => t.split('\n').includes('TYPED-AFTER'));
	});

	test('a resized terminal gets a frame of the new size', async () => {
		typeLine(viewer);
		await firstFrame();
		tmux('resize-window', '-t', 'v', '-x', '100', '-y', '20');
		// Mid-resize the terminal may show a stale frame; wait for the settled one.
		const text = await waitFor('the smaller frame', (t) => t.split('\n').findIndex((l) => l.includes('row 1/148')) === 19 && t.startsWith(' vCPU 0 epoch'));
		// Nothing of the larger frame is left behind: every line is the new frame's.
		expect(text.split('\n').slice(0, 20).filter((l) => l === '')).toEqual([]);
		expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
		await quit();
	});

	test('colour, and with NO_COLOR none, yet the cursor row and the bars stay in reverse video', async () => {
		typeLine(`${viewer}; echo EXIT=$?`);
		let text = await firstFrame(true);
		expect(text).toMatch(/\x1b\[[0-9;]*3[0-7]m/);
		keys('q');
		await waitFor('the shell', (t) => t.includes('EXIT=0'));
		typeLine(`clear; NO_COLOR=1 ${viewer}`);
		text = await waitFor('the first frame without colour', (t) => t.includes('row 1/148'), true);
		expect(text).not.toMatch(/\x1b\[[0-9;]*(3[0-7]|4[0-7]|9[0-7])m/);
		const cursor = text.split('\n').find((l) => l.replace(/\x1b\[[0-9;]*m/g, '')[1] === '>')!;
		const REVERSE = /\x1b\[(?:[0-9]+;)*7m/;
		expect(cursor).toMatch(REVERSE);
		expect(text.split('\n')[1]).toMatch(REVERSE);
		await quit();
	});

	test('SIGTERM gives the terminal back', async () => {
		typeLine(`${viewer}; echo EXIT=$?`);
		await firstFrame();
		process.kill(childPid(), 'SIGTERM');
		const text = await waitFor('the shell after SIGTERM', (t) => t.includes('EXIT=143'));
		expect(alternateScreen()).toBe(false);
		expect(text).toContain('BEFORE-VIEWER');
		typeLine('echo TYPED-AFTER');
		await waitFor('a working shell', (t) => t.split('\n').includes('TYPED-AFTER'));
	});

	test('Ctrl-Z gives the terminal back and fg brings the viewer back where it was', async () => {
		typeLine(viewer);
		await firstFrame();
		keys('j', 'j');
		await waitFor('row 3', (t) => t.includes('row 3/148'));
		keys('C-z');
		const text = await waitFor('the shell after Ctrl-Z', (t) => /Stopped/.test(t));
		expect(alternateScreen()).toBe(false);
		expect(text).toContain('BEFORE-VIEWER');
		typeLine('fg');
		await waitFor('the viewer again', (t) => t.includes('row 3/148') && t.includes('VM 1000'));
		expect(alternateScreen()).toBe(true);
		keys('j');
		await waitFor('keys work again', (t) => t.includes('row 4/148'));
		await quit();
	});

	test('a terminal that hangs up (ssh dropped, tmux killed) ends the viewer by SIGHUP, not a crash', async () => {
		// A parent that survives the hang-up records how the viewer ended. Before, Node's reset
		// of the dead terminal at exit crashed it with SIGSEGV.
		const status = path.join(fixture.dir, 'hangup-status');
		const parent = path.join(fixture.dir, 'hangup-parent.cjs');
		fs.writeFileSync(
			parent,
			[
				"const {spawn} = require('node:child_process');",
				"process.on('SIGHUP', () => {});",
				`const child = spawn(process.execPath, ${JSON.stringify([CLI, fixture.host, fixture.guest])}, {stdio: 'inherit'});`,
				`child.on('exit', (code, signal) => require('node:fs').writeFileSync(${JSON.stringify(status)}, String(signal ?? code)));`,
			].join('\n'),
		);
		typeLine(`node ${parent}`);
		await firstFrame();
		tmux('kill-server');
		const until = Date.now() + 15_000;
		while (!fs.existsSync(status) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(fs.readFileSync(status, 'utf8')).toBe('SIGHUP');
	});

	test('a crash gives the terminal back and says what happened', async () => {
		const script = path.join(fixture.dir, 'crash.mjs');
		fs.writeFileSync(
			script,
			[
				`import {enterScreen} from ${JSON.stringify(path.join(ROOT, 'dist/source/viewer/terminal.js'))};`,
				`import {reportError} from ${JSON.stringify(path.join(ROOT, 'dist/source/outputs/errors.js'))};`,
				'process.stdin.setRawMode(true);',
				'enterScreen(process.stdout, process.stdin, {onCrash: (e) => reportError(e, {stdout: process.stdout, stderr: process.stderr})});',
				"process.stdout.write('CRASH-SCREEN\\n');",
				"setTimeout(() => { throw new Error('boom'); }, 300);",
			].join('\n'),
		);
		typeLine(`node ${script}; echo EXIT=$?`);
		const text = await waitFor('the shell after the crash', (t) => t.includes('EXIT=2'));
		expect(alternateScreen()).toBe(false);
		expect(text).not.toContain('CRASH-SCREEN');
		expect(text).toContain('internal error: boom');
		typeLine('echo TYPED-AFTER');
		await waitFor('a shell out of raw mode', (t) => t.split('\n').includes('TYPED-AFTER'));
	});
});
