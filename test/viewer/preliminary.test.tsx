// A large pair's start shown at once (preliminary), then swapped for the whole pair when it is
// aligned: what the top bar says meanwhile, the keys that wait, and the cursor staying on its event.

import fs from 'node:fs';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, expect, test} from 'vitest';
import type {Alignment} from '../../source/core/align.js';
import {closePair, loadPair} from '../../source/loading/load-pair.js';
import {loadPreview, type Preview} from '../../source/loading/preview.js';
import {randomPlan} from '../../source/sim/random-plan.js';
import {sizedPlanOptions} from '../../source/sim/sized.js';
import {App} from '../../source/viewer/app.js';
import {FLAG_WIDTH, GUTTER_WIDTH} from '../../source/viewer/layout.js';
import {LoadProgress} from '../../source/viewer/load-progress.js';
import {writeSim, type SimFiles} from '../helpers/traces.js';
import {KEY, settle} from './harness.js';

let sim: SimFiles;
let whole: Alignment;
beforeAll(async () => {
	sim = writeSim(randomPlan(5, sizedPlanOptions(30_000)));
	whole = await loadPair(sim.host, sim.guest, {});
});
afterAll(() => {
	closePair(whole);
	fs.rmSync(sim.dir, {recursive: true, force: true});
});

/** The start of the pair as the viewer reads it for a large one (here: any size, 60 KB of the larger file). */
async function start(): Promise<Preview> {
	const preview = await loadPreview(sim.host, sim.guest, {}, {bytes: 60_000, minBytes: 0});
	if (!preview) throw new Error('no preview of the simulated pair');
	return preview;
}

function controlled(): {load: Promise<Alignment>; finish: () => void} {
	let finish = (): void => {};
	const load = new Promise<Alignment>((resolve) => {
		finish = () => resolve(whole);
	});
	return {load, finish};
}

const lines = (frame: string | undefined): string[] => (frame ?? '').split('\n');
const cursorRow = (frame: string | undefined): number => lines(frame).findIndex((l) => l[1] === '>');
/** The cursor row from its time column on: the event, whatever the gutter and flags say. */
const cursorEvent = (frame: string | undefined): string => lines(frame)[cursorRow(frame)]!.slice(GUTTER_WIDTH + FLAG_WIDTH);

/** The app showing the start of the pair, with the whole pair's load held until `finish`. */
async function preliminaryApp(): Promise<{app: ReturnType<typeof render>; preview: Preview; progress: LoadProgress; finish: () => void}> {
	const preview = await start();
	const progress = new LoadProgress([sim.host, sim.guest]);
	const {load, finish} = controlled();
	const app = render(<App load={load} progress={progress} preview={Promise.resolve(preview)} />);
	await settle(100);
	return {app, preview, progress, finish};
}

test('the start of the pair is shown, labelled preliminary, while the whole loads', async () => {
	const {app, preview, progress, finish} = await preliminaryApp();
	const rows = preview.alignment.host.count + preview.alignment.guest.count;
	expect(rows).toBeLessThan((whole.host.count + whole.guest.count) / 10);
	let frame = app.lastFrame()!;
	const hostRows = preview.alignment.host.count;
	// Host rows only: a guest event's place and status may change with the rest of the host trace.
	expect(lines(frame)[1]).toContain('loading 0%: host rows only until loaded');
	// Only the start is aligned: the epoch count is a floor until the whole lands.
	expect(lines(frame)[0]).toMatch(/epoch \d+\/≥\d+ /);
	expect(lines(frame)[1]).toContain(`&: ${hostRows}/${rows}`);
	expect(lines(frame).at(-1)).toContain(`row 1/${hostRows}`);
	expect(lines(frame).at(-1)).toContain(`filter &side:host: ${hostRows} of ${rows} rows`);
	expect(lines(frame)[3]).toContain('kvm_write_tsc_offset');
	expect(frame).not.toMatch(/│ \[v\d\]/);

	// The bar follows the load in steps of ten percent.
	progress.update({file: sim.host, bytes: 500, totalBytes: 1000, events: 1});
	progress.update({file: sim.guest, bytes: 300, totalBytes: 1000, events: 1});
	await settle(150);
	expect(lines(app.lastFrame())[1]).toContain('loading 40%: host rows only');

	// A filter is of the whole trace: it waits for it; search and moves act on the rows shown.
	app.stdin.write('&');
	await settle();
	frame = app.lastFrame()!;
	expect(lines(frame).at(-1)).toContain('& filters the whole trace once it is loaded');
	// Tab (the other side) and a (next ambiguous) are about guest events; & again between them.
	for (const key of [KEY.tab, '&', 'a']) {
		app.stdin.write(key);
		await settle();
		expect(lines(app.lastFrame()).at(-1)).toContain(key === '&' ? '& filters the whole trace once it is loaded' : 'guest events show once it is loaded');
	}
	// G goes to the last row shown, and says which.
	app.stdin.write('G');
	await settle();
	expect(lines(app.lastFrame()).at(-1)).toContain(`row ${hostRows}/${hostRows}`);
	// The detail pane does not offer Tab while Tab waits.
	app.stdin.write(KEY.enter);
	await settle();
	expect(app.lastFrame()).toMatch(/── host event +\S+:\d+─/);
	expect(app.lastFrame()).toMatch(/at this time: epoch \d+\/≥\d+ /);
	expect(app.lastFrame()).not.toContain('Tab: other side');
	finish();
	await settle(200);
	frame = app.lastFrame()!;
	expect(frame).toContain('(Tab: other side)');
	expect(lines(frame)[1]).not.toContain('loading');
	expect(lines(frame).at(-1)).toContain(`/${whole.host.count + whole.guest.count}`);
	expect(frame).toMatch(/│ \[v\d\]/);
	app.unmount();
});

test('when the whole pair lands the cursor stays on its event, at the same place on screen', async () => {
	const {app, finish} = await preliminaryApp();
	// A page and a few rows in, then a mark there.
	app.stdin.write(KEY.pageDown);
	await settle();
	app.stdin.write('5j');
	await settle();
	app.stdin.write('ma');
	await settle();
	const before = app.lastFrame()!;
	const at = cursorRow(before);
	const event = cursorEvent(before);
	expect(event).toContain('/KVM kvm_');
	expect(lines(before)[1]).toContain('loading');

	finish();
	await settle(200);
	const after = app.lastFrame()!;
	expect(lines(after)[1]).not.toContain('loading');
	expect(lines(after)[0]).toMatch(/epoch \d+\/\d+ /);
	expect(lines(after).at(-1)).toContain(`loaded: all ${whole.host.count + whole.guest.count} rows; statuses final`);
	expect(cursorRow(after)).toBe(at);
	// The same event (host TSC, CPU, task, text), with guest rows now around it; the mark on it.
	expect(cursorEvent(after)).toBe(event);
	expect(after).toMatch(/│ \[v\d\]/);
	app.stdin.write('g');
	await settle();
	expect(cursorRow(app.lastFrame())).toBe(3);
	app.stdin.write("'a");
	await settle();
	expect(cursorEvent(app.lastFrame())).toBe(event);
	app.unmount();
});

test('a key typed as all rows arrive is not lost: it acts on the rows it was typed on', async () => {
	const {app, finish} = await preliminaryApp();
	const firstHostRow = cursorEvent(app.lastFrame());
	app.stdin.write(KEY.pageDown);
	await settle();
	// `g` as the frame of all rows is written, before the new viewer listens for keys: the
	// preliminary one takes it (the first host row), and the new one takes that over.
	const write = app.stdout.write;
	let typed = false;
	app.stdout.write = (frame: string) => {
		write(frame);
		if (!typed && frame.includes('loaded: all')) {
			typed = true;
			app.stdin.write('g');
		}
	};
	finish();
	await settle(300);
	expect(typed).toBe(true);
	expect(cursorEvent(app.lastFrame())).toBe(firstHostRow);
	expect(app.lastFrame()).toMatch(/│ \[v\d\]/);
	app.unmount();
});
