// The start of a pair for the viewer's preliminary rows: read with the same reader up to a
// line end, never a cut line; and only for a large pair of files (small ones load as before).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {expect, test} from 'vitest';
import {loadTrace} from '../../source/formats/load.js';
import {loadPreview} from '../../source/loading/preview.js';
import {randomPlan} from '../../source/sim/random-plan.js';
import {ROOT} from '../helpers/cli.js';
import {tempDir, writeSim} from '../helpers/traces.js';
import {buildDat} from '../formats/tracedat/build-dat.js';
import {scenario} from '../formats/tracedat/scenario.js';

const sim = writeSim(randomPlan(7, {vcpus: 2, runs: 400, eventsPerRun: [1, 4], noise: 0}));

test('the start of a text file is its whole lines before the byte limit, as the whole read has them', async () => {
	const text = fs.readFileSync(sim.host, 'latin1');
	// A limit in the middle of a line: that line is left out, not counted malformed.
	const limit = text.indexOf('\n', 20_000) - 5;
	const lineCount = text.slice(0, limit).split('\n').length - 1;
	const part = await loadTrace(sim.host, {prefixBytes: limit});
	const whole = await loadTrace(sim.host);
	try {
		expect(part.malformed.count).toBe(0);
		expect(part.line[part.count - 1]).toBeLessThanOrEqual(lineCount);
		expect(whole.line[part.count]).toBeGreaterThan(lineCount);
		expect([...part.tsc]).toEqual([...whole.tsc.subarray(0, part.count)]);
		expect(part.text(part.count - 1)).toBe(whole.text(part.count - 1));
	} finally {
		part.close();
		whole.close();
	}
});

test('a small pair, a pipe, gzip\'d text or a trace.dat gets no preliminary rows', async () => {
	const demo = path.join(ROOT, 'examples/demo');
	expect(await loadPreview(path.join(demo, 'host.txt'), path.join(demo, 'guest.txt'), {})).toBeUndefined();
	expect(await loadPreview('-', sim.guest, {}, {minBytes: 0})).toBeUndefined();
	const gz = path.join(tempDir(), 'guest.txt.gz');
	fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(sim.guest)));
	expect(await loadPreview(sim.host, gz, {}, {minBytes: 0})).toBeUndefined();
	const dat = path.join(tempDir(), 'trace.dat');
	fs.writeFileSync(dat, buildDat({version: 7, little: true, longSize: 8, cpuCount: 2, clock: 'x86-tsc', cmdlines: '100 a\n', instances: [{name: '', cpus: scenario({little: true, longSize: 8}).cpus}]}));
	expect(await loadPreview(dat, sim.guest, {}, {minBytes: 0})).toBeUndefined();
	const preview = await loadPreview(sim.host, sim.guest, {}, {bytes: 10_000, minBytes: 0});
	expect(preview?.alignment.host.count).toBeGreaterThan(10);
	preview?.alignment.host.close();
	preview?.alignment.guest.close();
});
