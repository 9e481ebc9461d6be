import {describe, expect, test} from 'vitest';
import {LoadProgress} from '../../source/viewer/load-progress.js';

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('LoadProgress', () => {
	test('a burst of reader reports redraws the loading screen once now and once with the last report', async () => {
		const progress = new LoadProgress(['host.txt', 'guest.txt']);
		let drawn = 0;
		progress.subscribe(() => drawn++);
		for (let mb = 1; mb <= 50; mb++) progress.update({file: 'host.txt', bytes: mb << 20, totalBytes: 50 << 20, events: mb * 1000});
		expect(drawn).toBe(1);
		// The snapshot is current even between redraws.
		expect(progress.snapshot().files[0]!.bytes).toBe(50 << 20);
		await settle(150);
		expect(drawn).toBe(2);
		expect(progress.snapshot().files[0]!.events).toBe(50_000);
	});

	test('a phase change is drawn at once', () => {
		const progress = new LoadProgress(['host.txt', 'guest.txt']);
		let drawn = 0;
		progress.subscribe(() => drawn++);
		progress.update({file: 'guest.txt', bytes: 1, totalBytes: 2, events: 1});
		progress.setPhase('preparing');
		expect(drawn).toBe(2);
		expect(progress.snapshot().phase).toBe('preparing');
	});
});
