// What `check` reports beyond the counts: lost writes, lost events, ignored flags.

import {describe, expect, it} from 'vitest';
import {checkReport} from '../../source/outputs/check-report.js';
import {checkText} from '../../source/outputs/check-text.js';
import {alignLines, entry, exit, gev, write} from '../helpers/traces.js';

describe('check report', () => {
	it('flags a lost offset write: a prev= that is not the previous next=', async () => {
		const host = [write(1000, 0n, -1000n), entry(1001), exit(1100), write(1200, -1500n, -1150n), entry(1201), exit(1300)];
		const r = checkReport(await alignLines(host, [gev(50), gev(60)]));
		expect(r.vms[0]!.vcpus[0]!.lost_writes).toEqual([{line: 4, expected: '-1000', found: '-1500'}]);
		expect(r.lost_writes).toBe(1);
		expect(checkText(r)).toContain('    lost write before host line 4: prev=-1500 but the previous write set -1000');
	});

	it('reports lost events on each side with their CPU and line', async () => {
		const a = await alignLines([write(1000, 0n, -1000n), 'CPU:1 [LOST 12 EVENTS]', entry(1001), exit(1100)], [gev(50), 'CPU:0 [LOST 3 EVENTS]', gev(60)]);
		const r = checkReport(a);
		expect(r.host.lost_events).toEqual([{cpu: 1, buffer: null, count: 12, line: 2}]);
		expect(r.guest.lost_events).toEqual([{cpu: 0, buffer: null, count: 3, line: 2}]);
		expect(r.lost_events).toBe(2);
		expect(checkText(r).filter((l) => l.includes('lost events'))).toHaveLength(2);
	});

	it('says when --offset is ignored because the vCPU has traced writes', async () => {
		const a = await alignLines([write(1000, 0n, -1000n), entry(1001), exit(1100)], [gev(50)], {offsets: {all: 5n, perVcpu: new Map()}});
		const r = checkReport(a);
		expect(r.vms[0]!.vcpus[0]!.offset_flag_ignored).toBe('5');
		expect(r.exact).toBe(1);
		expect(checkText(r)).toContain("    note: --offset 5 not used: the traced writes give this vCPU's offsets");
	});

	it('uses --offset VCPU=OFF per vCPU', async () => {
		const host = [entry(1000, 0, 100), entry(2000, 1, 101), exit(1500, 0, 100), exit(2500, 1, 101)];
		const a = await alignLines(host, [gev(1100 - 7, 0), gev(2100 + 3, 1)], {offsets: {perVcpu: new Map([[0, -7n & 0xffffffffffffffffn], [1, 3n]])}});
		expect(Array.from(a.results.hostTsc)).toEqual([1100n, 2100n]);
		expect(checkReport(a).vms[0]!.vcpus.map((v) => v.epochs[0]!.offset)).toEqual(['-7', '3']);
	});
	it('counts converted guest events outside the host trace, which no host event confirms', async () => {
		// Writes only, no run windows: offset -1000 (host = guest + 1000) from host TSC 1000 on.
		// Guest 1050 -> 2050 is inside [1000, 3000]; 2500 -> 3500 and 2600 -> 3600 are after it.
		const a = await alignLines([write(1000, 0n, -1000n), write(3000, -1000n, -1000n)], [gev(1050), gev(2500), gev(2600)]);
		const r = checkReport(a);
		expect(Array.from(a.results.hostTsc)).toEqual([2050n, 3500n, 3600n]);
		expect(r.vms[0]!.vcpus[0]!.outside_host_trace).toEqual({before: 0, after: 2, furthest_before: null, furthest_after: '600', furthest_before_ns: null, furthest_after_ns: null});
		expect([r.exact, r.outside_host_trace, r.host_span, r.exit_code]).toEqual([3, 2, ['1000', '3000'], 0]);
		expect(checkText(r)).toContain('    outside the host trace: 2 after its last (the latest by 600 cycles) (no host event confirms their offset)');
		expect(r.verdict).toBe("all 3 guest events converted exactly; 2 of them outside the host trace's time span, where it cannot confirm their offset");
	});

	it('warns and fails when no converted guest event falls inside the host trace', async () => {
		// A guest file from another capture: every event converts to long after the host trace.
		const a = await alignLines([write(1000, 0n, -1000n), write(3000, -1000n, -1000n)], [gev(5000), gev(6000)]);
		const r = checkReport(a);
		expect(r.exact).toBe(2);
		expect(r.exit_code).toBe(1);
		expect(r.verdict).toBe('WARNING: none of the 2 converted guest events falls inside the host trace (host TSC 1000 to 3000): are the two files from the same capture?');
	});
});
