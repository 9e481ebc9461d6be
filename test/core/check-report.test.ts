// What `check` reports beyond the counts: lost writes, lost events, ignored flags.

import {describe, expect, it} from 'vitest';
import {checkReport} from '../../source/core/report.js';
import {checkText} from '../../source/commands/check-text.js';
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
		expect(r.host.lost_events).toEqual([{cpu: 1, count: 12, line: 2}]);
		expect(r.guest.lost_events).toEqual([{cpu: 0, count: 3, line: 2}]);
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
});
