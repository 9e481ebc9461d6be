// The host index built in one pass over the kvm records answers as the per-thread scans do.

import {describe, expect, it} from 'vitest';
import {entryFinder} from '../../source/core/epochs.js';
import {indexHost} from '../../source/core/host-index.js';
import {runWindows} from '../../source/core/windows.js';
import {readTextTrace} from '../../source/formats/text/reader.js';
import {example} from '../helpers/cli.js';
import {entry, exit, tempDir, write, writeFile} from '../helpers/traces.js';

async function expectSameAsScans(file: string): Promise<void> {
	const host = await readTextTrace(file);
	const side = indexHost(host);
	const scan = entryFinder(host);
	for (const thread of side.threads) {
		expect(side.windows([thread.pid])).toEqual(runWindows(host, [thread.pid]));
		for (const tsc of [0n, host.tsc[0]!, host.tsc[host.count - 1]!, 1n << 63n]) expect(side.lastEntryBefore(thread.pid, tsc)).toBe(scan(thread.pid, tsc));
	}
	const pids = side.threads.map((t) => t.pid);
	expect(side.windows(pids)).toEqual(runWindows(host, pids));
	host.close();
}

describe('host side', () => {
	it('gives the windows and entry times of every thread, as scanning for each does', async () => {
		for (const name of ['demo', 'two-vms', 'backward-write', 'no-write']) await expectSameAsScans(example(name, 'host.txt'));
	});

	it('keeps apart threads whose records interleave and whose pids share a slot of its lookup cache', async () => {
		// 3000, 4024 and 5048 are equal modulo 1024: each record of one evicts the others.
		const pids = [3000, 4024, 5048];
		const lines = pids.map((pid, v) => write(10 + v, 0n, 7n, v, pid));
		for (let round = 0; round < 4; round++) {
			const at = 100 + round * 100;
			pids.forEach((pid, v) => lines.push(entry(at + v, v, pid)));
			// Thread 5048 misses its exit in round 2: its window runs on to the next exit.
			pids.forEach((pid, v) => (round === 2 && pid === 5048 ? undefined : lines.push(exit(at + 50 + v, v, pid))));
		}
		const file = writeFile(tempDir(), 'host.txt', lines);
		await expectSameAsScans(file);
		const side = indexHost(await readTextTrace(file));
		expect(side.threads.map((t) => [t.pid, t.vcpu, t.entries, t.exits, t.writes])).toEqual([
			[3000, 0, 4, 4, 1],
			[4024, 1, 4, 4, 1],
			[5048, 2, 4, 3, 1],
		]);
		expect(side.windows([5048]).count).toBe(3);
		expect(side.lastEntryBefore(4024, 250n)).toBe(201n);
	});

	it('hands a thread whose records are out of time order, or open at both ends, to the general path', async () => {
		const lines = [exit(5, 0, 100), write(6, 0n, 7n, 0, 100), entry(10, 0, 100), exit(20, 0, 100), entry(15, 1, 101), exit(12, 1, 101), entry(30, 0, 100), entry(40, 1, 101)];
		await expectSameAsScans(writeFile(tempDir(), 'host.txt', lines));
	});
});
