// The viewer as a well-behaved terminal program over ssh, in a real terminal (tmux): the
// user's screen stays clean across Ctrl-Z with keys typed ahead, a resize the viewer could
// not answer at once is repainted, keys the viewer has no use for (Ctrl-F1, Shift-F1, a
// terminal's reply) neither crash it nor turn into commands, and a tiny terminal says what
// it needs. Needs `npm run build` first.

import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {HAS_TMUX} from '../helpers/tmux.js';
import {CLI, fixtureInTmux} from './tmux-fixture.js';

const COLUMNS = 100;
const ROWS = 30;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

if (!HAS_TMUX) console.warn('SKIPPED: the tmux end-to-end tests of the viewer need tmux, which is not installed.');

describe.skipIf(!HAS_TMUX)('the viewer takes care of the terminal', {timeout: 60_000}, () => {
	const pair = fixtureInTmux(COLUMNS, ROWS);
	const bottom = (): string => pair.term.screen().split('\n')[ROWS - 1] ?? '';

	async function firstFrame(): Promise<string> {
		const text = await pair.term.waitFor('the first frame', (t) => t.includes('row 1/148'));
		await sleep(150);
		return text;
	}

	test('Ctrl-Z typed right after other keys: no frame lands on the user screen, before or after fg', async () => {
		pair.term.typeLine(`${pair.viewer}; echo EXIT=$?`);
		await firstFrame();
		// One read, as typeahead over ssh arrives: the moves are drawn after the process is back.
		pair.term.send('jj\x1a');
		const stopped = await pair.term.waitFor('the shell after Ctrl-Z', (t) => /Stopped/.test(t) && /EXIT=\d/.test(t));
		// Stopped by SIGTSTP, as programs are by Ctrl-Z (not SIGSTOP: `Stopped (signal)`, 147).
		expect(stopped).toContain('EXIT=148');
		expect(stopped).not.toContain('Stopped (signal)');
		pair.term.typeLine('fg');
		await pair.term.waitFor('the viewer again, on row 3', (t) => t.includes('row 3/148') && t.includes('VM 1000'));
		expect(pair.term.alternateScreen()).toBe(true);
		await pair.term.quit();
		const shell = pair.term.screen();
		expect(pair.term.alternateScreen()).toBe(false);
		expect(shell).toContain('BEFORE-VIEWER');
		// Before, the frame for the moves was painted on the user screen just after fg.
		expect(shell).not.toMatch(/row \d+\/148|\? help|kvm_/);
	});

	test('a resize the viewer could not answer at once (shrunk and grown back) is repainted whole', async () => {
		// The pane's shell waits for `sh -c`, not for the viewer, so stopping the viewer here
		// leaves the terminal to it, as a busy viewer (sorting millions of rows) would.
		pair.term.typeLine(`sh -c '${pair.viewer}; true'`);
		const before = await firstFrame();
		const shell = pair.term.childPid();
		const pid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(shell)], {encoding: 'utf8'}).trim().split(/\s+/)[0]);
		process.kill(pid, 'SIGSTOP');
		try {
			pair.term.tmux('resize-window', '-t', 'v', '-x', '30', '-y', '6');
			await sleep(200);
			pair.term.tmux('resize-window', '-t', 'v', '-x', String(COLUMNS), '-y', String(ROWS));
			await sleep(200);
		} finally {
			process.kill(pid, 'SIGCONT');
		}
		// Before, the terminal kept what its shrink left: the rows pushed up, the rest blank.
		await pair.term.waitFor('the whole frame again', (t) => t === before);
		pair.term.keys('j');
		await pair.term.waitFor('keys work', (t) => t.includes('row 2/148'));
		pair.term.keys('q');
		await pair.term.waitFor('the shell', () => !pair.term.alternateScreen());
	});

	test('Ctrl-F1 and other Ctrl-modified keys Ink cannot name do not crash the viewer', async () => {
		pair.term.typeLine(`${pair.viewer}; echo EXIT=$?`);
		await firstFrame();
		// Ctrl-F1 as xterm and tmux send it, Ctrl-Shift-F2, and a Ctrl-modified unknown key.
		for (const key of ['\x1b[1;5P', '\x1b[1;6Q', '\x1b[99;5~', '\x1b[1;5G']) pair.term.send(key);
		pair.term.keys('j');
		await pair.term.waitFor('the cursor on row 2', (t) => t.includes('row 2/148'));
		expect(pair.term.screen()).not.toContain('EXIT=');
		expect(pair.term.alternateScreen()).toBe(true);
		await pair.term.quit();
	});

	test('escape sequences the viewer has no key for are ignored whole, not read as commands', async () => {
		pair.term.typeLine(pair.viewer);
		await firstFrame();
		pair.term.keys('j');
		await pair.term.waitFor('row 2', (t) => t.includes('row 2/148'));
		// Shift-F1, Shift-F11, a terminal's device-attributes reply (`?` is help), focus
		// reports, a paste bracket, an unknown cursor report, and an old-style mouse click.
		for (const key of ['\x1b[1;2P', '\x1b[23;2~', '\x1b[?1;2c', '\x1b[I', '\x1b[O', '\x1b[200~', '\x1b[12;40R', '\x1b[M !!']) pair.term.send(key);
		// Then keys the viewer knows, in the same stream: Down arrow, PgDn's neighbour k.
		pair.term.send('\x1b[Bk');
		await pair.term.waitFor('row 2 again after Down and k', (t) => /^ row 2\/148 /.test(t.split('\n')[ROWS - 1] ?? ''));
		await sleep(300);
		const text = pair.term.screen();
		// Row 2 and nothing else: no message (unknown key, no earlier epoch), not the help screen.
		expect(bottom().trimEnd()).toMatch(/^ row 2\/148 \d+% {2,}\? help( +q quit)?$/);
		expect(text).not.toContain('Moving');
		expect(text.split('\n')[2]).not.toContain('(+');
		expect(pair.term.tmux('display', '-p', '-t', 'v', '#{mouse_any_flag}').trim()).toBe('0');
		await pair.term.quit();
	});

	test('Ctrl-C ends the viewer by SIGINT (130), as it ends any program, and with SIGTERM it ends even while a reader waits on a pipe; q with 0', async () => {
		let asked = 0;
		const status = async (what: string): Promise<string> => {
			await pair.term.waitFor(what, () => pair.term.tmux('display', '-p', '-t', 'v', '#{pane_current_command}').trim() === 'sh');
			const line = new RegExp(`^STATUS-${++asked}=(\\d+)$`, 'm');
			pair.term.typeLine(`echo STATUS-${asked}=$?`);
			return line.exec(await pair.term.waitFor(`${what}: its status`, (t) => line.test(t)))![1]!;
		};
		// A host file on a FIFO that nobody writes: the loading screen stays, and the reader
		// thread waits in the FIFO's open(). Before, the process then never ended.
		const fifo = path.join(pair.fixture.dir, 'host.fifo');
		execFileSync('mkfifo', [fifo]);
		pair.term.typeLine(`node ${CLI} ${fifo} ${pair.fixture.guest}`);
		await pair.term.waitFor('the loading screen', (t) => t.includes('loading (q quits)'));
		await sleep(300);
		pair.term.keys('C-c');
		// Before: 0 once the viewer read keys, 130 only in the moment before.
		expect(await status('the shell after Ctrl-C while loading')).toBe('130');
		expect(pair.term.alternateScreen()).toBe(false);
		pair.term.typeLine(pair.viewer);
		await firstFrame();
		pair.term.keys('C-c');
		expect(await status('the shell after Ctrl-C')).toBe('130');
		pair.term.typeLine(pair.viewer);
		await firstFrame();
		pair.term.keys('q');
		expect(await status('the shell after q')).toBe('0');
		// SIGTERM while the reader waits: ended too (before, process.exit waited for the reader).
		pair.term.typeLine(`node ${CLI} ${fifo} ${pair.fixture.guest}`);
		await pair.term.waitFor('the loading screen again', (t) => t.includes('loading (q quits)'));
		process.kill(pair.term.childPid(), 'SIGTERM');
		expect(await status('the shell after SIGTERM')).toBe('143');
	});

	test('q ends the viewer with 0 while a reader waits on a pipe: in its open(), with no writer yet, and in its read(), a writer silent', async () => {
		const fifo = path.join(pair.fixture.dir, 'quiet.fifo');
		execFileSync('mkfifo', [fifo]);
		const silent = `sleep 60 > ${fifo} & W=$!; `;
		for (const [what, writer] of [
			['no writer', ''],
			['a silent writer', silent],
		] as const) {
			const line = new RegExp(`^QUIT=(\\d+)$`, 'm');
			pair.term.typeLine('clear');
			pair.term.typeLine(`${writer}node ${CLI} ${fifo} ${pair.fixture.guest}; S=$?; ${writer ? 'kill $W; ' : ''}echo QUIT=$S`);
			await pair.term.waitFor(`the loading screen (${what})`, (t) => t.includes('loading (q quits)'));
			await sleep(300);
			pair.term.keys('q');
			// Before: the screen came back but the process never ended.
			const text = await pair.term.waitFor(`the shell after q (${what})`, (t) => line.test(t));
			expect(line.exec(text)![1]).toBe('0');
			expect(pair.term.alternateScreen()).toBe(false);
		}
	});

	test('a terminal too small to be useful says what it needs and how to quit, down to 10x3', async () => {
		pair.term.typeLine(pair.viewer);
		await firstFrame();
		for (const [columns, rows] of [
			[20, 5],
			[10, 3],
		] as const) {
			pair.term.tmux('resize-window', '-t', 'v', '-x', String(columns), '-y', String(rows));
			// Before: `terminal too small:` at 20 columns, `terminal t` at 10.
			const text = await pair.term.waitFor(`the note at ${columns}x${rows}`, (t) => t.includes('40x8') && t.includes('q quits'));
			expect(text).toContain('too small');
		}
		pair.term.tmux('resize-window', '-t', 'v', '-x', String(COLUMNS), '-y', String(ROWS));
		await pair.term.waitFor('the viewer at full size again', (t) => t.includes('row 1/148') && t.includes('VM 1000'));
		await pair.term.quit();
	});
});
