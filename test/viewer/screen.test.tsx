// What the screen shows beyond single keys: escaped control characters, the frame height on
// any terminal size, a too-small terminal, and an empty vCPU.

import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {closePair, loadPair} from '../../source/loading/load-pair.js';
import {RowModel} from '../../source/viewer/row-model.js';
import {Viewer} from '../../source/viewer/viewer.js';
import fs from 'node:fs';
import {H, O2, writeFixture, type Fixture} from './fixture.js';
import {KEY, openViewer, settle} from './harness.js';
import {randomPlan} from '../../source/sim/random-plan.js';
import {writeSim} from '../helpers/traces.js';

let fixture: Fixture;
beforeAll(() => {
	fixture = writeFixture();
});
afterAll(() => fixture.cleanup());

test('control characters from the trace appear escaped as \\x1b, never raw', async () => {
	const s = await openViewer(fixture.host, fixture.guest, {columns: 160, rows: 40});
	await s.press(':', `${H + 2500n}`, KEY.enter, KEY.enter);
	const frame = s.frame();
	expect(s.cursorLine()).toContain('[v0] evil        print: hello \\x1b[31mRED\\x1b[0m');
	// The detail pane's raw line too.
	expect(frame.split('\n').filter((l) => l.includes('hello \\x1b[31mRED')).length).toBeGreaterThanOrEqual(2);
	// Colour is off in tests, so any ESC in the frame would have come from the trace.
	expect(frame).not.toContain('\x1b');
	s.close();
});

test('the frame is as tall as the terminal on any size and follows a resize', async () => {
	const alignment = await loadPair(fixture.host, fixture.guest, {});
	const model = new RowModel(alignment);
	const instance = render(<Viewer model={model} size={{columns: 100, rows: 20}} />);
	await settle();
	expect(instance.lastFrame()!.split('\n')).toHaveLength(20);
	instance.rerender(<Viewer model={model} size={{columns: 140, rows: 50}} />);
	await settle();
	const tall = instance.lastFrame()!.split('\n');
	expect(tall).toHaveLength(50);
	expect(Math.max(...tall.map((l) => l.length))).toBeLessThanOrEqual(140);
	// The cursor stays visible when the terminal shrinks under it.
	instance.stdin.write('G');
	await settle();
	instance.rerender(<Viewer model={model} size={{columns: 80, rows: 12}} />);
	await settle();
	const small = instance.lastFrame()!.split('\n');
	expect(small).toHaveLength(12);
	expect(small.some((l) => l[1] === '>')).toBe(true);
	instance.rerender(<Viewer model={model} size={{columns: 30, rows: 6}} />);
	await settle();
	expect(instance.lastFrame()).toContain('terminal too small');
	instance.unmount();
	closePair(alignment);
});

test('the detail pane keeps the frame as tall as the terminal and the cursor row visible', async () => {
	const s = await openViewer(fixture.host, fixture.guest, {columns: 120, rows: 16});
	await s.press('G', KEY.enter);
	expect(s.lines()).toHaveLength(16);
	expect(s.lines().at(-1)).toMatch(/^ row \d+\//);
	expect(s.cursorLine()).toContain('kvm_write_tsc_offset');
	expect(s.frame()).toContain('host event  ');
	s.close();
});

test('wide characters in trace text never push a row onto a second line', async () => {
	const wide = writeFixture();
	const tsc = (H + 8000n + O2) & ((1n << 64n) - 1n);
	fs.appendFileSync(wide.guest, `          漢字漢字-99      [000] d..2. ${tsc}: print: ${'漢字'.repeat(60)}\n`);
	const s = await openViewer(wide.host, wide.guest, {columns: 120, rows: 30});
	await s.press(':', `${H + 8000n}`, KEY.enter);
	expect(s.cursorLine()).toContain('漢字');
	expect(s.lines()).toHaveLength(30);
	expect(s.lines()[0]).toContain('epoch');
	expect(s.lines().filter((l) => l.startsWith('漢'))).toEqual([]);
	expect(s.bottom()).toContain('row ');
	s.close();
	wide.cleanup();
});

test('rows stay one line each while jumps change which vCPU, run-window marks and matches they show', async () => {
	// Four vCPUs with run windows and kvm_exit texts that reach the right edge at 160 columns.
	const sim = writeSim(randomPlan(11, {vcpus: 4, runs: 300, eventsPerRun: [0, 4], forwardWrites: 1, backwardWrites: 1, noise: 0}));
	const s = await openViewer(sim.host, sim.guest, {columns: 160, rows: 50});
	const keys = [[':', '50%', KEY.enter], [':', '49%', KEY.enter], [':', '51%', KEY.enter], [':', '40%', KEY.enter], ['/', 'kvm_exit', KEY.enter], ['n'], ['n'], ['N'], ['k'], ['k'], [' '], ['b'], ['v'], ['v'], ['G'], ['g'], ['}'], [']']];
	for (const press of keys) {
		await s.press(...press);
		const lines = s.lines();
		expect(lines, `after ${press.join('')}`).toHaveLength(50);
		expect(lines[0], `after ${press.join('')}`).toContain('epoch');
		expect(lines.at(-1), `after ${press.join('')}`).toMatch(/^ row \d+\//);
		// A row squeezed onto two lines would leave a line holding only its gutter.
		for (const line of lines.slice(3, -1)) expect(line.trim().length > 1 || line.trim() === '~', `after ${press.join('')}: ${JSON.stringify(line)}`).toBe(true);
	}
	s.close();
});
