// Where a vCPU's offset comes from: the first of OFFSET_SOURCES that gives one, as the docs,
// check and the viewer say it.

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {align, type AlignOptions} from '../../source/core/align.js';
import {OFFSET_SOURCES} from '../../source/core/offsets/sources.js';
import {readTextTrace} from '../../source/formats/text/reader.js';
import type {DatMeta} from '../../source/model/trace-meta.js';
import {checkReport} from '../../source/outputs/check-report.js';
import {epochCause} from '../../source/viewer/epoch-label.js';
import {ROOT} from '../helpers/cli.js';
import {entry, exit, gev, tempDir, u64, write, writeFile} from '../helpers/traces.js';

/** KVM's offset (guest = host + OFF) of the guest below: its events ran at host 1050..1090 and 1250. */
const OFF = -1000n;
const HOST = [entry(1001), exit(1100), entry(1201), exit(1300)];
const GUEST = [gev(50), gev(70), gev(90), gev(250)];

/** A TIME_SHIFT option of one guest CPU with one sample (stored as host minus guest). */
function timeShift(kvmOffset: bigint): Partial<DatMeta> {
	return {timeShift: {peerTraceId: 1n, flags: 0, interpolate: false, cpus: [{cpu: 0, samples: [{time: 0n, offset: -kvmOffset, scaling: 1n, fracBits: 0}]}]}};
}

async function vcpuOf(hostLines: string[], options: AlignOptions, meta?: Partial<DatMeta>) {
	const dir = tempDir();
	const host = await readTextTrace(writeFile(dir, 'host.txt', hostLines));
	const text = await readTextTrace(writeFile(dir, 'guest.txt', GUEST));
	const guest = meta ? {...text, meta: meta as DatMeta} : text;
	const alignment = align(host, guest, options);
	return {report: alignment.vcpus[0]!, summary: checkReport(alignment).vms[0]!.vcpus[0]!};
}

describe('offset sources, highest precedence first', () => {
	it('docs/conversion.md lists them in the order align tries them', () => {
		const doc = fs.readFileSync(path.join(ROOT, 'docs/conversion.md'), 'utf8');
		const section = doc.slice(doc.indexOf('## Where the offset comes from'), doc.indexOf('## Epochs'));
		const listed = [...section.matchAll(/^\d+\. .*?\(`"([a-z_]+)"`\)/gm)].map((m) => m[1]);
		expect(listed).toEqual(OFFSET_SOURCES.map((s) => s.name));
	});

	it('traced writes win over --offset and TIME_SHIFT; the flag is noted as ignored', async () => {
		const {report, summary} = await vcpuOf([write(1000, 0n, OFF), ...HOST], {offsets: {all: 5n, perVcpu: new Map()}}, timeShift(OFF));
		expect(report.epochs.map((e) => e.source)).toEqual(['write', 'write']);
		expect(summary.offset_flag_ignored).toBe('5');
		expect(summary.other_sources).toEqual([]);
	});

	it('--offset wins over TIME_SHIFT, which is compared with it; both are checked against the windows', async () => {
		const agreeing = await vcpuOf(HOST, {offsets: {all: u64(OFF), perVcpu: new Map()}}, timeShift(OFF));
		expect(agreeing.report.epochs.map((e) => e.source)).toEqual(['flag']);
		expect(agreeing.summary.other_sources).toEqual([{source: 'time_shift', offset: '-1000', agrees: true}]);
		expect(agreeing.summary.offset_check).toMatchObject({source: 'flag', offset: '-1000', agrees: true});
		const other = await vcpuOf(HOST, {offsets: {all: u64(OFF), perVcpu: new Map()}}, timeShift(-2000n));
		expect(other.summary.other_sources).toEqual([{source: 'time_shift', offset: '-2000', agrees: false}]);
	});

	it('TIME_SHIFT is used when no write or flag gives an offset', async () => {
		const {report, summary} = await vcpuOf(HOST, {}, timeShift(OFF));
		expect(report.epochs.map((e) => [e.source, e.offset])).toEqual([['time_shift', u64(OFF)]]);
		expect(summary.offset_check).toMatchObject({source: 'time_shift', agrees: true});
		expect(report.exact).toBe(4);
	});

	it('recovery from the run windows comes last, and --no-recover leaves no offset', async () => {
		const recovered = await vcpuOf(HOST, {});
		expect(recovered.report.epochs.map((e) => e.source)).toEqual(['recovered']);
		expect(recovered.summary.recovery?.explained).toBe(4);
		const none = await vcpuOf(HOST, {recover: false});
		expect(none.report.epochs).toEqual([]);
		expect(none.report.unresolvedBy.noOffset).toBe(4);
	});

	it('each source names what started its epochs, as the viewer shows it', async () => {
		const written = await vcpuOf([write(1000, 0n, OFF), ...HOST], {});
		expect(written.report.epochs.map(epochCause)).toEqual(['before the first write', 'write at host TSC 1000 (host write)']);
		const flagged = await vcpuOf(HOST, {offsets: {all: u64(OFF), perVcpu: new Map()}});
		expect(flagged.report.epochs.map(epochCause)).toEqual(['flag --offset']);
		const shifted = await vcpuOf(HOST, {}, timeShift(OFF));
		expect(shifted.report.epochs.map(epochCause)).toEqual(['trace.dat TIME_SHIFT']);
		const recovered = await vcpuOf(HOST, {});
		expect(recovered.report.epochs.map(epochCause)).toEqual(['recovered from run windows']);
	});
});
