// The built viewer on a large generated pair at 80x24: host rows on screen while the whole pair
// still loads (the top bar says so), then every row once it is aligned, the cursor still on the
// event it was on. Needs `npm run build` first.

import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {CLI} from '../helpers/cli.js';
import {cursorLine, HAS_TMUX, Terminal} from '../helpers/tmux.js';
import {tempDir} from '../helpers/traces.js';
import {FLAG_WIDTH, GUTTER_WIDTH} from '../../source/viewer/layout.js';

// A simulated capture, then a burst of short host events after it (and guest ones, so both files
// are read on reader threads): 70 MB whose whole takes seconds to load, written in one.
const EVENTS = 100_000;
const NOISE_LINES = {host: 1_000_000, guest: 400_000};

/** Appends `count` copies of one short event line after the file's last event. */
function appendNoise(file: string, count: number, tgid: boolean): void {
	const last = fs.readFileSync(file, 'latin1').trimEnd().split('\n').at(-1)!;
	const tsc = BigInt(/ (\d+): /.exec(last)![1]!) + 1000n;
	const line = `         noise-900   ${tgid ? '(    900) ' : ''}[001] ..... ${tsc}: x: y\n`;
	fs.appendFileSync(file, Buffer.alloc(line.length * count, line));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const event = (line: string): string => line.slice(GUTTER_WIDTH + FLAG_WIDTH);

describe.skipIf(!HAS_TMUX)(`the preliminary rows in tmux${HAS_TMUX ? '' : ' (SKIPPED: tmux is not installed)'}`, {timeout: 90_000}, () => {
	let dir: string;
	let term: Terminal;
	beforeAll(() => {
		dir = tempDir();
		execFileSync(process.execPath, [CLI, 'simulate', dir, '--events', String(EVENTS)], {stdio: 'ignore'});
		appendNoise(path.join(dir, 'host.txt'), NOISE_LINES.host, true);
		appendNoise(path.join(dir, 'guest.txt'), NOISE_LINES.guest, false);
	});
	afterAll(() => {
		term?.close();
		fs.rmSync(dir, {recursive: true, force: true});
	});

	test('host rows show before the load ends, then all rows with the cursor on the same event', async () => {
		term = new Terminal();
		await term.open(80, 24, dir);
		term.typeLine(`node ${CLI} ${path.join(dir, 'host.txt')} ${path.join(dir, 'guest.txt')}`);
		// Read often: the preliminary rows last about a second on a quiet machine.
		let early = '';
		for (const until = Date.now() + 30_000; Date.now() < until && !early; await sleep(15)) {
			const text = term.screen();
			if (text.includes('loaded: all')) throw new Error(`the whole pair was on screen before any preliminary rows:\n${text}`);
			if (text.includes('? help')) early = text;
		}
		const lines = early.split('\n');
		expect(lines[1]).toContain('host rows only until loaded');
		expect(lines.find((l) => l.includes('? help'))).toMatch(/row 1\/\d+ .*filter &side:host: \d+ of \d+ rows/);
		expect(lines.filter((l) => l.includes('/KVM kvm_')).length).toBeGreaterThan(15);
		expect(early).not.toMatch(/│ \[v\d\]/);

		// Ink listens for keys from just after a viewer's first frame (here, and again for all rows).
		await sleep(150);
		term.keys('j', 'j', 'j');
		const moved = await term.waitFor('the cursor on row 4', (t) => t.includes('row 4/'));
		expect(moved.split('\n')[1]).toContain('host rows only');
		const before = event(cursorLine(moved));

		const after = await term.waitFor('all rows', (t) => t.includes('loaded: all'));
		expect(after.split('\n')[1]).not.toContain('loading');
		expect(event(cursorLine(after))).toBe(before);
		expect(after.split('\n').findIndex((l) => l[1] === '>')).toBe(moved.split('\n').findIndex((l) => l[1] === '>'));
		await sleep(150);
		await term.quit();
	});
});
