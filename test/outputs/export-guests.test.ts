// `tscalign export HOST GUEST GUEST...`: one process per guest, against what merge --json and
// check --json say of the same files, on examples/two-guests and a simulated 3-guest capture.
// Every guest event's time is its merge --json host TSC converted by hand; each VM's vCPU
// threads have their run windows; the errors for unclear or doubly claimed VMs are merge's.

import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT, runCli} from '../helpers/cli.js';
import {crossingSlices, handNs, overlappingSlices, parseExport} from '../helpers/chrome-trace.js';
import {entry, exit, gev, tempDir, writeFile} from '../helpers/traces.js';

const KHZ = 2918400n;

interface MergeLine {
	src: 'host' | 'guest';
	line: number;
	tsc: string | null;
	status?: 'exact' | 'ambiguous' | 'unresolved';
	guest?: number;
	guest_file?: string;
}

/** Exports the files and checks the export against merge --json and check --json. */
function expectGuestsAgreement(host: string, guests: string[]): void {
	const files = [host, ...guests];
	const r = runCli(['export', ...files, '--tsc-khz', String(KHZ), '-o', '-']);
	expect(r.code, r.stderr).toBe(0);
	const trace = parseExport(r.stdout);
	const merged = runCli(['merge', ...files, '--json'])
		.stdout.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as MergeLine);
	const check = JSON.parse(runCli(['check', ...files, '--json']).stdout);
	expect(check.guests).toHaveLength(guests.length);

	// The origin is the first placed event over all the files.
	const placed = merged.filter((m) => m.tsc !== null && m.status !== 'unresolved');
	const origin = placed.map((m) => BigInt(m.tsc!)).reduce((a, b) => (b < a ? b : a));
	expect(trace.metadata['origin_tsc']).toBe(String(origin));
	expect(trace.metadata['guests'].map((g: any) => [g.pid, g.file])).toEqual(guests.map((file, g) => [g + 2, file]));

	const processName = (pid: number): unknown => trace.events.find((e) => e.name === 'process_name' && e.pid === pid)?.args['name'];
	expect(processName(1)).toBe(`host (${path.basename(host)})`);
	expect(processName(guests.length + 2)).toBeUndefined();
	const trackName = new Map(trace.events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}/${e.tid}`, e.args['name'] as string]));
	const wrong: string[] = [];
	let instants = 0;
	for (const [g, report] of (check.guests as any[]).entries()) {
		const pid = g + 2;
		const vm = report.vms[0];
		expect(processName(pid)).toBe(`G${g + 1} guest (${path.basename(guests[g]!)}), VM ${vm.id}`);
		// As many guest instants as merge places and check counts, each at its host TSC by hand.
		const mine = placed.filter((m) => m.src === 'guest' && m.guest === g + 1);
		expect(mine.every((m) => m.guest_file === guests[g])).toBe(true);
		const events = trace.events.filter((e) => e.pid === pid && e.ph === 'i' && (e.cat === 'exact' || e.cat === 'ambiguous'));
		expect(events.length).toBe(mine.length);
		expect(events.length).toBe(report.exact + report.ambiguous);
		instants += events.length;
		const byLine = new Map(mine.map((m) => [m.line, m]));
		for (const e of events) {
			const m = byLine.get(e.args['line'] as number);
			if (!m) wrong.push(`g${g + 1} line ${e.args['line']}: not placed by merge`);
			else if (e.args['tsc'] !== m.tsc || e.cat !== m.status) wrong.push(`g${g + 1} line ${m.line}: ${e.args['tsc']} ${e.cat}, merge: ${m.tsc} ${m.status}`);
			else if (e.tsNs !== handNs(BigInt(m.tsc!), origin, KHZ)) wrong.push(`g${g + 1} line ${m.line}: ts ${e.tsNs} ns, by hand ${handNs(BigInt(m.tsc!), origin, KHZ)}`);
		}
		// Each vCPU thread of this guest's VM has its run windows on a host track of its own.
		for (const v of vm.vcpus) {
			for (const t of vm.threads.filter((x: any) => v.host_pids.includes(x.pid))) {
				const name = `VM ${vm.id} vCPU ${v.vcpu} run windows (${t.comm}-${t.pid})`;
				const slices = trace.events.filter((e) => e.ph === 'X' && e.cat === 'run_window' && trackName.get(`${e.pid}/${e.tid}`) === name);
				expect(slices.length, name).toBe(v.run_windows);
				expect(slices.every((s) => s.pid === 1 && s.args['vcpu'] === v.vcpu)).toBe(true);
			}
		}
	}
	expect(wrong).toEqual([]);
	// Nothing else draws guest instants or run windows, and the host's events are all there.
	expect(trace.events.filter((e) => e.ph === 'i' && (e.cat === 'exact' || e.cat === 'ambiguous')).length).toBe(instants);
	expect(trace.events.filter((e) => e.ph === 'i' && e.cat === 'host').length).toBe(merged.filter((m) => m.src === 'host').length);
	const runWindows = (check.guests as any[]).flatMap((g) => g.vms[0].vcpus).reduce((n: number, v: any) => n + v.run_windows, 0);
	expect(trace.events.filter((e) => e.ph === 'X' && e.cat === 'run_window').length).toBe(runWindows);
	// Each ambiguous event's candidate span is drawn, or counted where eight lanes are full.
	const ambiguous = (check.guests as any[]).reduce((n: number, g) => n + g.ambiguous, 0);
	const {uncertain_spans: drawn, uncertain_spans_not_drawn: notDrawn} = trace.metadata['exported'];
	expect([drawn + notDrawn, drawn]).toEqual([ambiguous, trace.events.filter((e) => e.ph === 'X' && e.cat === 'uncertain').length]);
	expect(trace.metadata['exported']).toMatchObject({guest_instants: instants, run_windows: runWindows, slices_not_nested: 0});
	expect(crossingSlices(trace.events)).toEqual([]);
	for (const cat of ['run_window', 'sched', 'flags']) expect(overlappingSlices(trace.events, cat), cat).toEqual([]);
}

describe('export of several guests', () => {
	it('examples/two-guests: a process per guest, every guest time exact to the ns, each VM\'s run windows', () => {
		const dir = path.join('examples', 'two-guests');
		expectGuestsAgreement(path.join(dir, 'host.txt'), [path.join(dir, 'guest1.txt'), path.join(dir, 'guest2.txt')]);
	});

	it('a simulated capture of three guests (random scenario)', () => {
		const out = tempDir();
		expect(runCli(['simulate', out, '--scenario', 'random', '--guests', '3']).code).toBe(0);
		const files = [path.join(out, 'host.txt'), ...[1, 2, 3].map((k) => path.join(out, `guest${k}.txt`))];
		expectGuestsAgreement(files[0]!, files.slice(1));
		// Text traces carry no TSC rate: one sentence, exit 2.
		const r = runCli(['export', ...files]);
		expect([r.code, r.stdout]).toEqual([2, '']);
		expect(r.stderr).toMatch(/^tscalign: export needs the TSC's rate to turn host TSCs into times, and neither \S+host\.txt nor any guest file carries it: pass --tsc-khz N/);
	});

	it('says unresolved events per guest, naming the guest', () => {
		// Guest 2's last event lies after every run window of its VM: no host time.
		const dir = tempDir();
		const host = writeFile(dir, 'host.txt', [entry(1000, 0, 100), exit(5000, 0, 100), entry(6000, 0, 200), exit(9000, 0, 200), entry(20000, 0, 100)]);
		const a = writeFile(dir, 'a.txt', [gev(2000)]);
		const b = writeFile(dir, 'b.txt', [gev(7000), gev(12000)]);
		const r = runCli(['export', host, a, b, '--vm', 'g1:100', '--vm', 'g2:200', '--offset', '0', '--tsc-khz', String(KHZ)]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toMatch(new RegExp(`^tscalign: g2 \\(${b.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\): 1 unresolved guest event has no host time`));
		expect(r.stderr.split('\n').filter((l) => l.includes('unresolved'))).toHaveLength(1);
	});
});

describe('export of several guests: unclear or doubly claimed VMs', () => {
	const dir = path.join(ROOT, 'examples', 'two-guests');
	const sameAsMerge = (files: string[]): string => {
		const merged = runCli(['merge', ...files]);
		const exported = runCli(['export', ...files, '--tsc-khz', String(KHZ), '-o', '-']);
		expect(merged.code).toBe(2);
		expect([exported.code, exported.stdout, exported.stderr]).toEqual([2, '', merged.stderr]);
		return exported.stderr;
	};

	it('two files claiming one VM: exit 2 with merge\'s sentence', () => {
		const guest = path.join(dir, 'guest1.txt');
		expect(sameAsMerge([path.join(dir, 'host.txt'), guest, guest])).toContain(`g1 (${guest}): its events fit VM tgid 3016, as do the events of g2 (${guest});`);
	});

	it('guests that fit no VM clearly: exit 2 with merge\'s sentence per guest', () => {
		// Two VMs' vCPU 0 threads (no tgid) run at the same times: both guests fit both.
		const tmp = tempDir();
		const host = writeFile(tmp, 'host.txt', [entry(1000, 0, 100), entry(1000, 0, 200), exit(5000, 0, 100), exit(5000, 0, 200)]);
		const guest = [gev(2000), gev(3000)];
		const [a, b] = [writeFile(tmp, 'a.txt', guest), writeFile(tmp, 'b.txt', guest)];
		expect(sameAsMerge([host, a, b])).toContain(`g2 (${b}): its events fit no VM clearly`);
	});
});
