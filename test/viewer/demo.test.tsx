// The bundled example `npm start` opens (examples/demo): what the issue promises a newcomer.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';
import {openViewer, stripStyle} from './harness.js';

const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/demo');
const PRESENT = fs.existsSync(path.join(DEMO, 'host.txt')) && fs.existsSync(path.join(DEMO, 'guest.txt'));
if (!PRESENT) console.warn('SKIPPED: examples/demo is missing (regenerate it with `npm run examples`).');

describe.skipIf(!PRESENT)(`the demo example${PRESENT ? '' : ' (SKIPPED: examples/demo missing)'}`, () => {
	test('] moves the top bar to the next epoch and the cursor to the write', async () => {
		const s = await openViewer(path.join(DEMO, 'host.txt'), path.join(DEMO, 'guest.txt'), {columns: 160, rows: 40});
		await s.press(']');
		expect(s.cursorLine()).toContain('kvm_write_tsc_offset: vcpu=1');
		expect(s.top()).toContain('vCPU 1 epoch 1/4 offset -47942786756436 · write at host TSC 64643040156766 (msr_write 10)');
		await s.press('v', 'g', ']');
		expect(s.top()).toContain('vCPU filter: 0');
		expect(s.top()).toContain('vCPU 0 epoch 2/4 offset -47942786607612 · write at host TSC 64643041053580 (msr_write 3b)');
		expect(s.cursorLine()).toContain('kvm_write_tsc_offset: vcpu=0');
		s.close();
	});

	test('} lands on an ambiguous row, and Enter lists its candidates', async () => {
		const s = await openViewer(path.join(DEMO, 'host.txt'), path.join(DEMO, 'guest.txt'), {columns: 160, rows: 40});
		for (let i = 0; i < 5 && !/A2/.test(stripStyle(s.cursorLine()).slice(2, 7)); i++) await s.press('}');
		expect(stripStyle(s.cursorLine()).slice(2, 7)).toContain('A2');
		await s.press('\r');
		expect(s.frame()).toMatch(/ambiguous: 2 candidate host TSCs, \d+ cycles apart at most/);
		expect(s.frame()).toMatch(/@1 \d+ \(epoch \d, offset -\d+\)/);
		expect(s.frame()).toMatch(/@2 \d+ \(epoch \d, offset -\d+\)/);
		s.close();
	});
});
