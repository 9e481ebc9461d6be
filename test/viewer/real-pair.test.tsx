// The viewer on the real hip24 pair (host `trace-cmd report --raw-ts`, guest gzip), with the
// offset the pair needs. Skipped, saying so, when the shared corpus is not on this machine.

import {describe, expect, test} from 'vitest';
import {corpusFile} from '../helpers/corpus.js';
import {KEY, openViewer} from './harness.js';

const HOST = corpusFile('real/hip24-masterarbeit/pair1-host.report-raw-ts.txt') ?? '';
const GUEST = corpusFile('real/hip24-masterarbeit/pair1-guest.report-raw-ts.txt.gz') ?? '';
const PRESENT = HOST !== '' && GUEST !== '';

describe.skipIf(!PRESENT)(`viewer on the real hip24 pair${PRESENT ? '' : ' (SKIPPED: corpus absent)'}`, {timeout: 30_000}, () => {
	test('top bar, flagged rows outside windows, and the detail of one', async () => {
		const s = await openViewer(HOST, GUEST, {columns: 160, rows: 40, flags: {vm: '483882', offset: ['-63430235715905']}});
		expect(s.top()).toContain('VM 483882');
		expect(s.top()).toContain('vCPU 0 epoch 0/1 offset -63430235715905 · flag --offset');
		expect(s.bottom()).toContain(`/${11721 + 90029} `);
		await s.press('}');
		expect(s.cursorLine().slice(2, 4)).toBe('O ');
		await s.press(KEY.enter);
		expect(s.frame()).toContain('unresolved: outside every run window of vCPU 0');
		expect(s.frame()).toMatch(/guest event {2}\S*pair1-guest\.report-raw-ts\.txt\.gz:\d+/);
		// The other VM's threads are not vCPU threads of the selected VM: the filter hides them.
		await s.press(KEY.enter, '/', 'KVM-453724', KEY.enter);
		expect(s.cursorLine()).toMatch(/CPU 0\/KVM +kvm_/);
		await s.press('v');
		expect(s.top()).toContain('vCPU filter: 0');
		expect(s.frame()).not.toContain('CPU 0/KVM');
		await s.press('v');
		expect(s.top()).toContain('vCPU filter: all');
		s.close();
	});
});
