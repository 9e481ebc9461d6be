// The loading screen: which file, bytes read and events so far, then the viewer once aligned.

import {afterAll, beforeAll, expect, test, vi} from 'vitest';
import {closePair, loadPair} from '../../source/loading/load-pair.js';
import {writeFixture, type Fixture} from './fixture.js';
import {settle} from './harness.js';
import {loadingApp} from './loading-app.js';

let fixture: Fixture;
beforeAll(() => {
	fixture = writeFixture();
});
afterAll(() => fixture.cleanup());

test('shows progress per file while reading, then the viewer', async () => {
	const {progress, instance, finish} = loadingApp(['big-host.txt', 'big-guest.txt.gz']);
	await settle();
	expect(instance.lastFrame()).toContain('loading');
	expect(instance.lastFrame()).toContain('big-host.txt: 0 B read, 0 events');

	progress.update({file: 'big-host.txt', bytes: 12 * 1024 * 1024, totalBytes: 48 * 1024 * 1024, events: 150_000});
	// A gzip file's size is the compressed size, so no percent for it.
	progress.update({file: 'big-guest.txt.gz', bytes: 30 * 1024 * 1024, totalBytes: 9 * 1024 * 1024, events: 400_000});
	await settle();
	expect(instance.lastFrame()).toContain('big-host.txt: 12.0 MiB of 48.0 MiB (25%), 150000 events');
	expect(instance.lastFrame()).toContain('big-guest.txt.gz: 30.0 MiB read, 400000 events');

	const alignment = await loadPair(fixture.host, fixture.guest, {});
	finish(alignment);
	// Ordering the rows waits a turn after the load and takes a while on a busy machine: wait for the viewer's frame.
	await vi.waitFor(() => expect(instance.lastFrame()).toContain('row 1/148'), {timeout: 20_000, interval: 50});
	instance.unmount();
	closePair(alignment);
});
