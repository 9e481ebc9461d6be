// The 1.3M-event recording (v7, zstd): read in one pass with progress reports and yields,
// holding one decompressed chunk per CPU rather than the whole 70 MB of pages.

import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {Progress} from '../../../source/formats/format-reader.js';
import {readTraceDat} from '../../../source/formats/tracedat/reader.js';
import {corpusFile} from '../../helpers/corpus.js';

const big = corpusFile('tracedat-made/real-record-big-1.3M-events-v7zstd.dat');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe.skipIf(!big)('the 1,338,665-event trace.dat', () => {
	it('reads every event, reporting progress and letting timers run while it reads', async () => {
		const reports: Progress[] = [];
		let ticks = 0;
		const timer = setInterval(() => ticks++, 1);
		const trace = await readTraceDat(big!, {allowNanoseconds: true, onProgress: (p) => reports.push(p)});
		clearInterval(timer);
		expect([trace.count, trace.lost.length, trace.malformed.count, trace.cpus]).toEqual([1_338_665, 0, 0, 2]);
		expect(reports.length).toBeGreaterThan(10);
		expect(reports.at(-1)).toMatchObject({events: 1_338_665, bytes: reports.at(-1)!.totalBytes});
		expect(reports.every((p, i) => i === 0 || p.events >= reports[i - 1]!.events)).toBe(true);
		expect(ticks).toBeGreaterThan(0);
		expect(trace.text(trace.count - 1)).not.toBe('');
		trace.close();
	}, 60_000);

	it('stays within a bounded memory (measured in a separate process)', () => {
		const script = `
			const {readTraceDat} = await import(${JSON.stringify(path.join(ROOT, 'dist/source/formats/tracedat/reader.js'))});
			const trace = await readTraceDat(${JSON.stringify(big)}, {allowNanoseconds: true});
			console.log(JSON.stringify({count: trace.count, rss: process.resourceUsage().maxRSS * 1024}));`;
		const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'});
		expect(r.stderr).toBe('');
		const {count, rss} = JSON.parse(r.stdout) as {count: number; rss: number};
		expect(count).toBe(1_338_665);
		// About 205 MB here: the columns (~46 bytes an event, grown by doubling) and Node itself.
		// Holding the 70 MB of decompressed pages as well would break this bound.
		expect(rss).toBeLessThan(260 * 1024 * 1024);
	}, 60_000);
});
