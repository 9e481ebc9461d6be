// NO_COLOR removes colour only: the cursor row stays inverse, search matches underlined and
// bold, the bars inverse. The theme reads NO_COLOR when it loads, so it is set before the
// dynamic imports below (and colour is forced on, as a terminal would have it).

import {afterAll, beforeAll, expect, test} from 'vitest';
import {writeFixture, type Fixture} from './fixture.js';

const saved = {force: process.env['FORCE_COLOR'], no: process.env['NO_COLOR']};
process.env['FORCE_COLOR'] = '1';
process.env['NO_COLOR'] = '1';
const {openViewer, KEY} = await import('./harness.js');

let fixture: Fixture;
beforeAll(() => {
	fixture = writeFixture();
});
afterAll(() => {
	fixture.cleanup();
	for (const [key, value] of [['FORCE_COLOR', saved.force], ['NO_COLOR', saved.no]] as const) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
});

const COLOUR = /\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9]+)*m/;

test('no colour codes anywhere, yet the cursor row is inverse, matches underlined and the bars inverse', async () => {
	const s = await openViewer(fixture.host, fixture.guest, {columns: 120, rows: 40});
	await s.press('/', 'needleX', KEY.enter);
	const frame = s.frame();
	expect(frame).not.toMatch(COLOUR);
	expect(s.cursorLine()).toContain('\x1b[7m');
	expect(s.cursorLine()).toMatch(/\x1b\[4m(?:\x1b\[[0-9;]*m)*needleX/);
	expect(s.lines()[1]).toContain('\x1b[7m');
	expect(s.bottom()).toContain('\x1b[7m');
	s.close();
});
