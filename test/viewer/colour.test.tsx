// With colour on: search matches are highlighted, host and guest text differ in colour, and
// trace text still cannot inject its own escape sequences. Colour support is fixed when Ink
// (chalk) loads, so it is forced before the dynamic imports below.

import {afterAll, beforeAll, expect, test} from 'vitest';
import {setEnvForFile} from '../helpers/env.js';
import {H, writeFixture, type Fixture} from './fixture.js';

setEnvForFile({FORCE_COLOR: '1'});
const {openViewer, KEY} = await import('./harness.js');

let fixture: Fixture;
beforeAll(() => {
	fixture = writeFixture();
});
afterAll(() => fixture.cleanup());

// SGR codes chalk writes at level 1.
const BG_YELLOW = '\x1b[43m';
const CYAN = '\x1b[36m';
const GREEN = '\x1b[32m';
const strip = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

test('/ Enter highlights every match on screen; n moves to the next', async () => {
	const s = await openViewer(fixture.host, fixture.guest, {columns: 160, rows: 70});
	await s.press('/', 'needleX', KEY.enter);
	const highlighted = (line: string): boolean => new RegExp(`${BG_YELLOW.replace('[', '\\[')}(?:\\x1b\\[[0-9;]*m)*needleX`).test(line);
	const rows = s.lines().filter((l) => strip(l).includes('sys_enter: NR') && strip(l).includes('needleX'));
	expect(rows.length).toBeGreaterThan(1);
	for (const row of rows) expect(highlighted(row), JSON.stringify(row)).toBe(true);
	// Only the match, not the rest of the row.
	expect(s.lines().some((l) => l.includes(`${BG_YELLOW}NR`))).toBe(false);
	expect(strip(s.cursorLine())).toContain('NR 0 needleX');
	await s.press('n');
	expect(strip(s.cursorLine())).toContain('NR 10 needleX');
	await s.press(KEY.escape);
	expect(s.frame()).not.toContain(BG_YELLOW);
	s.close();
});

test('host CPU and task are cyan, guest ones green; trace escape sequences still show as text', async () => {
	const s = await openViewer(fixture.host, fixture.guest, {columns: 160, rows: 40});
	expect(s.lines().find((l) => l.includes('kvm_entry'))).toContain(`${CYAN}[002] CPU 0/KVM`);
	expect(s.lines().find((l) => l.includes('w200'))).toContain(`${GREEN}[v0] kworker`);
	await s.press(':', `${H + 2500n}`, KEY.enter);
	expect(s.cursorLine()).toContain('hello \\x1b[31mRED');
	expect(s.frame()).not.toContain('\x1b[31mRED');
	s.close();
});
