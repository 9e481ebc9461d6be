// Issue 14 in a real terminal (tmux, on a server of our own): a catastrophic search regex
// never blocks the keyboard (Esc stops it, q quits, SIGTERM gives the terminal back);
// Ctrl-Z / fg again and again always comes back on the alternate screen; and the viewer,
// once it has given the screen back, says how many malformed lines it skipped.

import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {CLI, example} from '../helpers/cli.js';
import {tempDir, writeFile} from '../helpers/traces.js';

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
if (!HAS_TMUX) console.warn('SKIPPED: the tmux end-to-end tests of the viewer need tmux, which is not installed.');
let socket = '';

const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
const screen = (): string => tmux('capture-pane', '-p', '-t', 'v');
/** The screen with wrapped lines joined: a message after a prompt may wrap at the width. */
const joinedScreen = (): string => tmux('capture-pane', '-p', '-J', '-t', 'v');
const alternate = (): boolean => tmux('display', '-p', '-t', 'v', '#{alternate_on}').trim() === '1';
const command = (): string => tmux('display', '-p', '-t', 'v', '#{pane_current_command}').trim();
const keys = (...list: string[]): void => void tmux('send-keys', '-t', 'v', ...list);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function typeLine(line: string): void {
	tmux('send-keys', '-t', 'v', '-l', line);
	tmux('send-keys', '-t', 'v', 'Enter');
}

async function waitFor(what: string, check: () => boolean, ms = 10_000): Promise<number> {
	const started = Date.now();
	while (Date.now() - started < ms) {
		if (check()) return Date.now() - started;
		await sleep(20);
	}
	throw new Error(`timed out waiting for ${what}; the screen shows:\n${screen()}`);
}

async function openViewer(host: string, guest: string, ...flags: string[]): Promise<void> {
	typeLine(`CI=false TERM=xterm-256color node ${CLI} ${host} ${guest} ${flags.join(' ')}`);
	await waitFor('the first frame', () => /row 1\/\d+/.test(screen()));
	await sleep(150);
}

describe.skipIf(!HAS_TMUX)('hostile keys and searches in tmux', {timeout: 60_000}, () => {
	beforeEach(() => {
		socket = `h14-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
		tmux('new-session', '-d', '-s', 'v', '-x', '120', '-y', '32', 'sh');
		tmux('set-option', '-t', 'v', 'remain-on-exit', 'on');
	});
	afterEach(() => {
		spawnSync('tmux', ['-L', socket, 'kill-server']);
	});

	test('a catastrophic regex: Esc stops the search within 100 ms of its effect, and q quits', async () => {
		await openViewer(example('demo', 'host.txt'), example('demo', 'guest.txt'));
		typeLine('/(\\w+\\s?)+zz$');
		await sleep(300);
		keys('Escape');
		// The bottom bar answers: the search ended (stopped, or found nothing), the keyboard works.
		await waitFor('the search to end', () => /search stopped|not found/.test(screen()), 2000);
		keys('j');
		await waitFor('the cursor to move', () => /row 2\//.test(screen()), 2000);
		typeLine('/(\\w+\\s?)+zz$');
		await sleep(200);
		keys('q');
		await waitFor('the shell after q', () => command() === 'sh', 2000);
		expect(alternate()).toBe(false);
	});

	test('SIGTERM during such a search gives the terminal back', async () => {
		await openViewer(example('demo', 'host.txt'), example('demo', 'guest.txt'));
		typeLine('/(\\w+\\s?)+zz$');
		await sleep(300);
		const shell = tmux('display', '-p', '-t', 'v', '#{pane_pid}').trim();
		const pid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', shell], {encoding: 'utf8'}).trim().split(/\s+/)[0]);
		process.kill(pid, 'SIGTERM');
		await waitFor('the shell after SIGTERM', () => command() === 'sh', 3000);
		expect(alternate()).toBe(false);
	});

	test('Ctrl-Z / fg three times, 0.7 s apart: every resume is on the alternate screen, repainted', async () => {
		await openViewer(example('demo', 'host.txt'), example('demo', 'guest.txt'));
		keys('j', 'j');
		for (let round = 1; round <= 3; round++) {
			keys('C-z');
			await waitFor(`the shell after Ctrl-Z ${round}`, () => !alternate() && /Stopped/.test(screen()));
			typeLine('fg');
			await waitFor(`the viewer after fg ${round}`, () => alternate() && /row 3\//.test(screen()));
			await sleep(700);
		}
		keys('q');
		await waitFor('the shell after q', () => command() === 'sh');
		expect(alternate()).toBe(false);
	});

	test('Ctrl-Z while the traces load suspends too, and fg comes back to the viewer', async () => {
		// A host file on a FIFO that nobody writes yet: loading waits there.
		const dir = tempDir();
		const fifo = path.join(dir, 'host.fifo');
		execFileSync('mkfifo', [fifo]);
		typeLine(`CI=false TERM=xterm-256color node ${CLI} ${fifo} ${example('demo', 'guest.txt')}`);
		await waitFor('the loading screen', () => /loading/.test(screen()));
		await sleep(300);
		keys('C-z');
		await waitFor('the shell after Ctrl-Z', () => !alternate() && /Stopped/.test(screen()));
		typeLine('fg');
		await waitFor('the loading screen again', () => alternate() && /loading/.test(screen()));
		fs.writeFileSync(fifo, fs.readFileSync(example('demo', 'host.txt')));
		await waitFor('the first frame', () => /row 1\/\d+/.test(screen()));
		keys('q');
		await waitFor('the shell after q', () => command() === 'sh');
	});

	test('on exit, the malformed lines skipped are said on the user screen', async () => {
		const dir = tempDir();
		const guest = writeFile(dir, 'guest.txt', [...fs.readFileSync(example('demo', 'guest.txt'), 'utf8').trimEnd().split('\n'), 'garbage']);
		await openViewer(example('demo', 'host.txt'), guest);
		keys('q');
		await waitFor('the shell after q', () => command() === 'sh');
		expect(joinedScreen()).toContain(`tscalign: 1 malformed line skipped in ${guest}; first at ${guest}:`);
	});

	test('on exit, a flag that named nothing in the capture is said on the user screen, as merge says it', async () => {
		await openViewer(example('demo', 'host.txt'), example('demo', 'guest.txt'), '--vcpu-map', '7=0');
		keys('q');
		await waitFor('the shell after q', () => command() === 'sh');
		expect(joinedScreen()).toContain('tscalign: note: --vcpu-map 7=0 not used: the guest trace has no events on CPU 7');
	});
});
