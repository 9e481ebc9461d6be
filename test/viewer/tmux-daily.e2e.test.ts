// The built viewer as a person meets it over ssh, at the classic 80x24 and at 200x60: on the
// bundled demo capture always, and on the real trace.dat pair when ../shared is on this
// machine. Each checks the captured screen: event names on host and guest rows, the filter,
// marks and '', the time column in units, `j` and Enter sent in one write opening the detail
// pane, the bottom bar on the terminal's last line, and NO_COLOR keeping the cursor row visible.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {corpusFile} from '../helpers/corpus.js';
import {cursorLine, HAS_TMUX, Terminal} from '../helpers/tmux.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/source/launch/tscalign.cjs');
const DEMO = path.join(ROOT, 'examples/demo');

const realHost = corpusFile('real/hip24-masterarbeit/pair1-host.trace.dat');
const realGuest = corpusFile('real/hip24-masterarbeit/pair1-guest-Salamander4.trace.dat');

interface Capture {
	name: string;
	args: string[];
	rows: number;
	/** Where host rows and guest rows both show (a `:` target). */
	middle: string;
}

const captures: Capture[] = [
	// The demo is text, so its TSC rate comes from --tsc-khz.
	{name: 'the demo example', args: [path.join(DEMO, 'host.txt'), path.join(DEMO, 'guest.txt'), '--tsc-khz', '2918400'], rows: 320, middle: '10%'},
	// Near 50%: the VM's thread leaves guest mode (kvm_exit) and enters it again.
	...(realHost && realGuest ? [{name: 'the real trace.dat pair (TSC2NSEC)', args: [realHost, realGuest], rows: 101_750, middle: 't64645365612582'}] : []),
];

const REVERSE = /\x1b\[(?:[0-9]+;)*7m/;
const COLOUR = /\x1b\[(?:[0-9]+;)*(?:3[0-7]|4[0-7]|9[0-7])m/;
const plain = (line: string): string => line.replace(/\x1b\[[0-9;]*m/g, '');
const rowOf = (text: string): number => Number(/ row (\d+)\//.exec(text)?.[1]);

describe.skipIf(!HAS_TMUX)(`the viewer over ssh${HAS_TMUX ? '' : ' (SKIPPED: tmux is not installed)'}`, {timeout: 60_000}, () => {
	let term: Terminal;
	beforeEach(() => {
		if (!fs.existsSync(CLI)) throw new Error('dist/source/launch/tscalign.cjs is missing: run `npm run build` first');
		term = new Terminal();
	});
	afterEach(() => term.close());

	for (const capture of captures) {
		for (const [columns, rows] of [
			[80, 24],
			[200, 60],
		] as const) {
			test(`${capture.name} at ${columns}x${rows}`, async () => {
				await term.open(columns, rows, ROOT);
				const viewer = `node ${CLI} ${capture.args.join(' ')}`;
				term.typeLine(`${viewer}; echo EXIT=$?`);
				let text = await term.waitFor('the first frame', (t) => t.includes(`row 1/${capture.rows} `));
				await new Promise((resolve) => setTimeout(resolve, 150));
				const bottomLine = rows - 1;
				const check = (screen: string, what: string): void => {
					const lines = screen.split('\n');
					expect(lines[bottomLine], `bottom bar on the terminal's last line (${what})`).toMatch(/^ row \d+\//);
					for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
				};
				check(text, 'first frame');

				// Host and guest rows, each with its CPU and event name.
				term.typeLine(`:${capture.middle}`);
						text = await term.waitFor('the middle', (t) => rowOf(t) > 1);
				const body = text.split('\n').slice(3, bottomLine);
				expect(body.some((l) => /^.{5,}\[\d{3}\] \S.* kvm_(entry|exit): /.test(l)), 'a host row with its CPU and event name').toBe(true);
				expect(body.some((l) => /│ \[v0\] \S+ +\w+: /.test(l)), 'a guest row with its vCPU and event name').toBe(true);

				// `j` and Enter in one write: the next row, with its detail pane, the bar in place.
				const before = rowOf(text);
				term.send('j\r');
				text = await term.waitFor('j Enter', (t) => / event {2}\S+:\d+/.test(t));
				expect(rowOf(text)).toBe(before + 1);
				check(text, 'detail pane open');
				term.keys('Escape');
				text = await term.waitFor('the pane closed', (t) => !/ event {2}\S+:\d+/.test(t));

				// Marks and ''.
				term.send('ma');
				await term.waitFor('mark a', (t) => t.includes('mark a set'));
				term.send('G');
				text = await term.waitFor('the last row', (t) => rowOf(t) === capture.rows);
				expect(text.split('\n').some((l) => l[1] === 'a')).toBe(false);
				term.send("'a");
				text = await term.waitFor("'a", (t) => rowOf(t) === before + 1);
				term.send("''");
				await term.waitFor("''", (t) => rowOf(t) === capture.rows);
				term.send("''j");
				text = await term.waitFor("'' again", (t) => rowOf(t) === before + 2);
				expect(text.split('\n').some((l) => l[1] === 'a'), 'the mark in the gutter').toBe(true);

				// The time column in units.
				// Waited for with the cursor's row too: a large frame can reach tmux in more than one
				// read, so a capture may show the new header above rows not yet redrawn.
				term.send('t');
				text = await term.waitFor('time since first', (t) => t.includes('since first') && / \d+(\.\d+)? (ns|µs|ms|s) /.test(cursorLine(t)));
				expect(cursorLine(text)).toMatch(/ \d+(\.\d+)? (ns|µs|ms|s) /);
				term.send('t');
				text = await term.waitFor('delta from the row above', (t) => t.includes('Δ prev') && / [+-]\d+(\.\d+)? (ns|µs|ms|s) /.test(cursorLine(t)));
				expect(cursorLine(text)).toMatch(/ [+-]\d+(\.\d+)? (ns|µs|ms|s) /);

				// The filter: guest rows only, k of N in the top bar; empty clears it.
				term.typeLine('&side:guest');
				const hostRows = (t: string): boolean => t.split('\n').slice(3, bottomLine).some((l) => /\[\d{3}\] /.test(l));
				text = await term.waitFor('the filter', (t) => t.includes(' of ') && /&side:guest/.test(t) && !hostRows(t));
				expect(hostRows(text)).toBe(false);
				check(text, 'filtered');
				term.typeLine('&');
				await term.waitFor('the filter cleared', (t) => t.includes('filter cleared'));

				await term.quit();
				// Colour is the same at any size: checked once per capture.
				if (columns !== 80) return;
				term.typeLine(`clear; NO_COLOR=1 ${viewer}`);
				text = await term.waitFor('the first frame without colour', (t) => t.includes(`row 1/${capture.rows} `), true);
				expect(text).not.toMatch(COLOUR);
				const cursor = text.split('\n').find((l) => plain(l)[1] === '>')!;
				expect(cursor).toMatch(REVERSE);
				await term.quit();
			});
		}
	}
});
