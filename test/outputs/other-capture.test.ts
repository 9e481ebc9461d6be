// A guest trace.dat recorded against another host trace.dat: trace-cmd's ids say so (the
// guest's TIME_SHIFT names its host's TRACEID), and check, check --json and merge say it
// plainly, whatever the timestamps happen to give.

import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {corpusFile} from '../helpers/corpus.js';
import {buildDat, bytes, page, samplePayload, SAMPLE_ID, timeShiftData} from '../formats/tracedat/build-dat.js';
import {tempFile} from '../formats/tracedat/helpers.js';
import {kvmEntry, kvmExit} from '../formats/tracedat/scenario.js';

const order = {little: true, longSize: 8 as const};
const HOST_ID = 0x8c0b8a1a2d415bf2n;
const OTHER_ID = 0x2c75ff89fdaf813cn;

function traceIdOption(id: bigint) {
	return {id: 11, data: bytes(order).u64(id).bytes()};
}

/** A host trace.dat with id HOST_ID: vCPU 0 (thread 4242) runs from TSC 10000 to 20000. */
const host = tempFile(
	buildDat({
		version: 7,
		...order,
		cpuCount: 1,
		clock: 'x86-tsc',
		options: [traceIdOption(HOST_ID)],
		instances: [
			{
				name: '',
				cpus: new Map([[0, [page(order, 4096, {ts: 10_000n, records: [{kind: 'event', delta: 0, payload: kvmEntry(order, 4242, 0, 1n)}, {kind: 'event', delta: 10_000, payload: kvmExit(order, 4242, 0, 30, 1n)}]})]]]),
			},
		],
	}),
	'host.dat',
);

/** A guest trace.dat whose TIME_SHIFT names `peer` and puts its three events at host 10500..10700. */
function guest(peer: bigint): string {
	const sample = (n: number) => ({kind: 'event' as const, delta: n === 0 ? 0 : 100, payload: samplePayload(order, SAMPLE_ID, 100, n, 0, 'tick')});
	return tempFile(
		buildDat({
			version: 7,
			...order,
			cpuCount: 1,
			clock: 'x86-tsc',
			options: [traceIdOption(0x5d2b93f358166218n), {id: 12, data: timeShiftData(order, peer, 0, [[[500n, 10_000n, 1n]]])}],
			instances: [{name: '', cpus: new Map([[0, [page(order, 4096, {ts: 500n, records: [sample(0), sample(1), sample(2)]})]]])}],
		}),
		'guest.dat',
	);
}

const WARNING =
	'WARNING: the guest was recorded against another host trace: its TIME_SHIFT option names host trace 0x2C75FF89FDAF813C, but this host file\'s TRACEID is 0x8C0B8A1A2D415BF2; the two files are not one capture, so give the host trace.dat recorded with this guest';

describe('a guest recorded against another host trace', () => {
	it('check: the verdict names both ids and the exit code is 1, even when every event fits a run window', () => {
		const r = runCli(['check', host, guest(OTHER_ID)]);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('guest events: 3: 3 exact, 0 ambiguous, 0 unresolved');
		expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`verdict: ${WARNING} (3 of 3 guest events exact, 0 ambiguous, 0 unresolved)`);
	});

	it('check --json: other_capture holds both ids', () => {
		const r = runCli(['check', host, guest(OTHER_ID), '--json']);
		const report = JSON.parse(r.stdout);
		expect(r.code).toBe(1);
		expect(report.other_capture).toEqual({host_trace_id: '0x8C0B8A1A2D415BF2', guest_peer_trace_id: '0x2C75FF89FDAF813C'});
		expect([report.exit_code, report.verdict]).toEqual([1, `${WARNING} (3 of 3 guest events exact, 0 ambiguous, 0 unresolved)`]);
	});

	it('merge: prints the events and says it once on stderr', () => {
		const r = runCli(['merge', host, guest(OTHER_ID)]);
		expect(r.code).toBe(0);
		expect(r.stdout.trim().split('\n')).toHaveLength(2 + 3);
		expect(r.stderr).toBe(`tscalign: ${WARNING}\n`);
	});

	it('the viewer\'s command off a terminal: its check summary says it too', () => {
		const r = runCli([host, guest(OTHER_ID)]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain(`verdict: ${WARNING} (3 of 3 guest events exact`);
	});

	it('ids that match say nothing new', () => {
		const r = runCli(['check', host, guest(HOST_ID), '--json']);
		const report = JSON.parse(r.stdout);
		expect([r.code, report.other_capture, report.verdict]).toEqual([0, null, 'all 3 guest events converted exactly']);
		expect(runCli(['merge', host, guest(HOST_ID)]).stderr).toBe('');
	});
});

const dir = 'real/hip24-masterarbeit';
const hostOnly = corpusFile(`${dir}/hostonly-x86tsc.trace.dat`);
const pairHost = corpusFile(`${dir}/pair1-host.trace.dat`);
const pairGuest = corpusFile(`${dir}/pair1-guest-Salamander4.trace.dat`);

describe.skipIf(!hostOnly || !pairHost || !pairGuest)('the real hip24 guest against two host traces', () => {
	it('another recording\'s host trace: says so, not that 90,029 events came before it', () => {
		const r = runCli(['check', hostOnly!, pairGuest!]);
		expect(r.code).toBe(1);
		const verdict = r.stdout.trimEnd().split('\n').at(-1);
		expect(verdict).toBe(`verdict: ${WARNING} (0 of 90029 guest events exact, 0 ambiguous, 90029 unresolved)`);
	});

	it('its own host trace: ids match, 89,827 exact and 202 before the host trace, as before', () => {
		const report = JSON.parse(runCli(['check', pairHost!, pairGuest!, '--json']).stdout);
		expect(report.other_capture).toBeNull();
		expect([report.exact, report.unresolved, report.exit_code]).toEqual([89_827, 202, 1]);
		expect(report.verdict).toBe('89827 of 90029 guest events exact; 202 unresolved: they happened before the host trace began');
	});
});

describe('the viewer on a guest of another capture', () => {
	it('says so first in its top bar at 80 columns, and says nothing when the ids match', async () => {
		const {openViewer} = await import('../viewer/harness.js');
		const other = await openViewer(host, guest(OTHER_ID), {columns: 80, rows: 24});
		expect(other.lines()[1]).toMatch(/^ NOT ONE CAPTURE: guest recorded against another host trace /);
		other.close();
		const same = await openViewer(host, guest(HOST_ID), {columns: 80, rows: 24});
		expect(same.frame()).toContain('vCPU filter');
		expect(same.frame()).not.toContain('NOT ONE CAPTURE');
		same.close();
	});
});
