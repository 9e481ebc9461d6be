import {test} from 'vitest';
import {writeFixture} from '/work/wt-13/test/viewer/fixture.js';
import {openViewer} from '/work/wt-13/test/viewer/harness.js';
test('print', async () => {
	const f = writeFixture();
	const s = await openViewer(f.host, f.guest, {columns: Number(process.env.W ?? 80), rows: Number(process.env.H ?? 24)});
	for (const k of (process.env.KEYS ?? '').split(',').filter(Boolean)) await s.press(k === 'CR' ? '\r' : k);
	console.log(s.frame().split('\n').map((l, i) => `${String(i).padStart(2)}|${l}|`).join('\n'));
	s.close();
});
