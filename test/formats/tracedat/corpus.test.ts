// Every trace.dat in ../shared/corpus/tracedat-public and tracedat-made against trace-cmd
// 3.1.6's own renderings in their expected/ folders (see README.txt and PROVENANCE.txt there).

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readTextTrace} from '../../../source/formats/text/reader.js';
import {readTraceDat} from '../../../source/formats/tracedat/reader.js';
import {corpusFile} from '../../helpers/corpus.js';
import {compareRecords, instanceRows, lostOf} from './compare.js';

interface Case {
	dat: string;
	expected: string;
	/** The rendering used -N (no plugins), so every event's text must match too. */
	plainText: boolean;
}

function cases(folder: string, suffix: string, plainText: boolean): Case[] {
	const dir = corpusFile(folder);
	if (!dir) return [];
	return fs
		.readdirSync(dir)
		// The 1.3M-event speed file has no rendering; big.test.ts reads it.
		.filter((name) => name.endsWith('.dat') && !name.startsWith('real-record-big'))
		.sort()
		.map((name) => ({dat: path.join(dir, name), expected: path.join(dir, 'expected', name.replace(/\.dat$/, suffix)), plainText}));
}

const all = [...cases('tracedat-public', '.report-t.txt', false), ...cases('tracedat-made', '.report-t-rawts-N.txt', true)];

describe.skipIf(all.length === 0)('trace.dat corpus against trace-cmd report', () => {
	it('has the files the README lists', () => {
		expect(all.length).toBe(5 + 17);
		for (const c of all) expect(fs.existsSync(c.expected), c.expected).toBe(true);
	});

	for (const c of all) {
		const name = path.basename(c.dat);
		it(`${name}: same records, raw timestamps, CPUs, pids and names, in report's order (all buffers, and each alone)`, async () => {
			const report = await readTextTrace(c.expected, {allowNanoseconds: true});
			const fields: ('comm' | 'text')[] = c.plainText ? ['comm', 'text'] : [];
			// By default every buffer, merged as report merges them.
			const dat = await readTraceDat(c.dat, {allowNanoseconds: true});
			const everyRow = Array.from({length: report.count}, (_, i) => i);
			expect(compareRecords(dat, report, everyRow, fields)).toEqual([]);
			expect(lostOf(dat)).toEqual(lostOf(report));
			expect([dat.malformed.count, dat.cpus]).toEqual([0, report.cpus]);
			const instances = dat.meta!.instances;
			expect(dat.meta!.buffersRead).toEqual(instances);
			// And each buffer alone with --instance: the rendering's lines with its prefix.
			for (const instance of instances) {
				const trace = await readTraceDat(c.dat, {allowNanoseconds: true, instance: instance === '' ? 'top' : instance});
				const rows = instanceRows(report, instance, instances);
				expect(rows.length).toBeGreaterThan(0);
				expect(compareRecords(trace, report, rows, fields)).toEqual([]);
				expect(lostOf(trace)).toEqual(lostOf(report, rows));
				expect(trace.malformed.count).toBe(0);
				trace.close();
			}
			dat.close();
			report.close();
		});
	}

	const expectedTs = corpusFile('tracedat-made/expected_ts.json');
	it.skipIf(!expectedTs)('synth-*: every record timestamp listed in expected_ts.json', async () => {
		const list = JSON.parse(fs.readFileSync(expectedTs!, 'utf8')) as [number, number, string][];
		for (const name of ['synth-le64-v6', 'synth-le64-v7', 'synth-le64-v7zstd', 'synth-le32-v7']) {
			const trace = await readTraceDat(corpusFile(`tracedat-made/${name}.dat`)!, {allowNanoseconds: true});
			expect(Array.from(trace.cpu), name).toEqual(list.map((e) => e[0]));
			expect(Array.from(trace.tsc), name).toEqual(list.map((e) => BigInt(e[1])));
			expect(trace.lost.map((l) => [l.cpu, l.count, trace.tsc[l.nextIndex]]), name).toEqual([
				[0, 123, 5537884360n],
				[0, -1, 5545662646n],
			]);
			trace.close();
		}
	});

	const ts = (name: string) => corpusFile(`tracedat-made/${name}.dat`);
	it.skipIf(!ts('guest-ts3'))('decodes the time-sync options of the made files', async () => {
		const read = (name: string) => readTraceDat(ts(name)!, {allowNanoseconds: true});
		const ts1 = await read('guest-ts1');
		expect(ts1.meta!.traceId).toBe(0x1234n);
		expect(ts1.meta!.timeShift?.cpus.map((c) => c.samples.map((s) => s.offset))).toEqual([[1_000_000_000n], [-500n]]);
		const ts2 = await read('guest-ts2');
		expect(ts2.meta!.timeShift?.interpolate).toBe(true);
		expect(ts2.meta!.timeShift?.cpus.map((c) => c.samples.length)).toEqual([3, 2]);
		const ts3 = await read('guest-ts3');
		expect(ts3.meta!.timeShift?.flags).toBe(0);
		expect(ts3.meta!.timeShift?.cpus.some((c) => c.samples.some((s) => s.fracBits > 0 && s.scaling > 1n))).toBe(true);
		const ts4 = await read('opt-ts4');
		expect([ts4.meta!.tsc2nsec, ts4.meta!.offset]).toEqual([{multiplier: 3, shift: 1, offset: 999n}, '250']);
		expect((await read('opt-ts5')).meta!.date).toBe('0x10');
		const ts6 = await readTraceDat(ts('opt-ts6')!);
		expect([ts6.meta!.clock, ts6.meta!.counterClock]).toEqual(['x86-tsc', true]);
		const host = await read('synth-host');
		expect(host.meta!.traceId).toBe(0xabcdn);
		expect(host.meta!.guests).toEqual([{name: 'synthvm', traceId: 0x1234n, vcpus: [{vcpu: 0, pid: 100}, {vcpu: 1, pid: 101}]}]);
		for (const t of [ts1, ts2, ts3, ts4, ts6, host]) t.close();
	});
});
