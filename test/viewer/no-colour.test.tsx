// NO_COLOR removes colour only: the cursor row stays inverse, search matches underlined and
// bold, the bars inverse. The theme reads NO_COLOR when it loads, so it is set before the
// dynamic imports below (and colour is forced on, as a terminal would have it).

import {expect, test} from 'vitest';
import {setEnvForFile} from '../helpers/env.js';
import {writeFixture} from './fixture.js';

setEnvForFile({FORCE_COLOR: '1', NO_COLOR: '1'});
const {openViewer, KEY} = await import('./harness.js');

const COLOUR = /\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9]+)*m/;

test('no colour codes anywhere, yet the cursor row is inverse, matches underlined and the bars inverse', async () => {
	const fixture = writeFixture();
	const s = await openViewer(fixture.host, fixture.guest, {columns: 120, rows: 40});
	await s.press('/', 'needleX', KEY.enter);
	const frame = s.frame();
	expect(frame).not.toMatch(COLOUR);
	expect(s.cursorLine()).toContain('\x1b[7m');
	expect(s.cursorLine()).toMatch(/\x1b\[4m(?:\x1b\[[0-9;]*m)*needleX/);
	expect(s.lines()[1]).toContain('\x1b[7m');
	expect(s.bottom()).toContain('\x1b[7m');
	s.close();
	fixture.cleanup();
});
