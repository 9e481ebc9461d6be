// Keys typed while the viewer loads, in a real terminal (tmux), typed as soon as the command
// starts (before Ink is even loaded, the plain `loading…`) and on the loading screen: kept
// and applied once the rows show, as less does; q and Ctrl-C quit at once. The host file is a
// FIFO, so the load waits for the test to write it. Needs `npm run build` first.

import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {HAS_TMUX} from '../helpers/tmux.js';
import {CLI, fixtureInTmux} from './tmux-fixture.js';

const ROWS = 24;

describe.skipIf(!HAS_TMUX)('keys typed while the pair loads', {timeout: 60_000}, () => {
	const pair = fixtureInTmux(80, ROWS);
	let fifos = 0;
	/** Starts the viewer on a FIFO host file. */
	function start(): string {
		const fifo = path.join(pair.fixture.dir, `typeahead-${++fifos}.fifo`);
		execFileSync('mkfifo', [fifo]);
		pair.term.typeLine(`clear; node ${CLI} ${fifo} ${pair.fixture.guest}`);
		return fifo;
	}
	/** The viewer's exit status, once the shell is back (after SIGINT the shell drops the rest of a command line). */
	async function status(what: string): Promise<string> {
		await pair.term.waitFor(what, () => pair.term.tmux('display', '-p', '-t', 'v', '#{pane_current_command}').trim() === 'sh');
		pair.term.typeLine('echo DONE=$?');
		// A key typed before the terminal is raw is echoed by it, as before any program.
		return /^DONE=(\d+)$/m.exec(await pair.term.waitFor(`${what}: its status`, (t) => /^DONE=\d+$/m.test(t)))![1]!;
	}

	test('keys typed at once and on the loading screen apply in order once the rows show', async () => {
		const fifo = start();
		// At once: before Ink is loaded (and before the terminal is raw).
		pair.term.send('G');
		await pair.term.waitFor('the loading screen with G kept', (t) => t.includes('loading (q quits)') && t.includes('applied once rows show: G'));
		pair.term.send(':50%');
		pair.term.keys('Enter');
		pair.term.send('jj');
		await pair.term.waitFor('the keys kept', (t) => t.includes('applied once rows show: G : 5 0 % Enter j j'));
		await fs.promises.writeFile(fifo, fs.readFileSync(pair.fixture.host));
		// Before: row 1/148, every key lost.
		const text = await pair.term.waitFor('the rows, on 50% and two down', (t) => /^ row 77\/148 52% /m.test(t));
		expect(text).not.toContain('G:50%');
		await pair.term.quit();
	});

	test('q and Ctrl-C typed at once quit at once, with 0 and 130', async () => {
		for (const [key, code] of [
			['q', '0'],
			['C-c', '130'],
		] as const) {
			start();
			// Ctrl-C typed before the viewer runs would stop the shell's command line instead.
			if (key === 'C-c') await pair.term.waitFor('the viewer', (t) => t.includes('tscalign: loading') && pair.term.alternateScreen());
			pair.term.keys(key);
			// Before: q waited for the load, which here never ends.
			expect(await status(`the shell after ${key}`)).toBe(code);
			expect(pair.term.alternateScreen()).toBe(false);
		}
	});
});
