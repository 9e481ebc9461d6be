// The search scan takes turns, so a search through millions of rows never freezes the screen.

import {expect, test} from 'vitest';
import {compileSearch, matchRanges, startScan} from '../../source/viewer/search.js';

test('a long scan reports progress between slices and finds a match far away, wrapping around', async () => {
	const total = 3_000_000;
	const progress: number[] = [];
	let turns = 0;
	const ticker = setInterval(() => turns++, 0);
	const found = await new Promise<{row: number | undefined; wrapped: boolean}>((resolve) => {
		startScan({total, from: 10, dir: 1, slice: 2, test: (row) => row === 5, onProgress: (n) => progress.push(n), onDone: (row, wrapped) => resolve({row, wrapped})});
	});
	clearInterval(ticker);
	expect(found).toEqual({row: 5, wrapped: true});
	expect(progress.length).toBeGreaterThan(1);
	expect(turns).toBeGreaterThan(0);
});

test('a nearby match is found at once, and a cancelled scan never finishes', async () => {
	let done: number | undefined;
	startScan({total: 100, from: 0, dir: 1, test: (row) => row === 3, onProgress: () => {}, onDone: (row) => (done = row)});
	expect(done).toBe(3);
	let finished = false;
	const cancel = startScan({total: 5_000_000, from: 0, dir: -1, slice: 1, test: () => false, onProgress: () => {}, onDone: () => (finished = true)});
	cancel();
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(finished).toBe(false);
});

test('an invalid regex is plain text; lower case ignores case; empty matches do not loop', () => {
	expect(compileSearch('(stray').plain).toBe(true);
	expect(matchRanges(compileSearch('(stray'), 'a (stray) b')).toEqual([[2, 8]]);
	expect(matchRanges(compileSearch('hlt'), 'reason HLT')).toEqual([[7, 10]]);
	expect(matchRanges(compileSearch('Hlt'), 'reason HLT')).toEqual([]);
	expect(matchRanges(compileSearch('x*'), 'abc')).toEqual([]);
});
