// Several guests in the viewer (issue 18): one guest lane in host-TSC order, each row tagged
// with its guest; `v` cycles all, then each guest's vCPUs; `&guest:N`; `]` and the run-window
// gutter follow the selected guest vCPU. Frames at 80x24 as a person sees them.

import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {ROOT} from '../helpers/cli.js';
import {KEY, openViewer, stripStyle, type Session} from './harness.js';

const dir = path.join(ROOT, 'examples', 'two-guests');
const open: Session[] = [];
afterEach(() => {
	for (const s of open.splice(0)) s.close();
});

async function viewer(columns = 80, rows = 24): Promise<Session> {
	const s = await openViewer(path.join(dir, 'host.txt'), [path.join(dir, 'guest1.txt'), path.join(dir, 'guest2.txt')], {columns, rows});
	open.push(s);
	return s;
}

const body = (s: Session): string[] => s.lines().slice(3, -1).map(stripStyle);
const guestRows = (s: Session): string[] => body(s).filter((l) => l.includes(' │ '));
const hostRows = (s: Session): string[] => body(s).filter((l) => !l.includes(' │ ') && /\[\d{3}\]/.test(l));

describe('two guests in one lane', () => {
	test('at 80x24 every guest row shows its guest tag, vCPU, task and event name; the top bar lists the guests', async () => {
		const s = await viewer();
		expect(s.lines()).toHaveLength(24);
		expect(s.lines()[1]).toContain('host.txt + guest1 guest2');
		const rows = guestRows(s);
		expect(rows.length).toBeGreaterThan(5);
		for (const row of rows) {
			expect(row.length).toBeLessThanOrEqual(80);
			expect(row).toMatch(/│ guest[12] \[v[01]\] \S.{11} [a-z_]+: /);
		}
		// Both guests' events, interleaved on the host clock.
		expect(new Set(rows.map((r) => /guest[12]/.exec(r)![0]))).toEqual(new Set(['guest1', 'guest2']));
		const tscs = body(s).map((l) => BigInt(/\d{14}/.exec(l)![0]));
		expect(tscs.every((t, i) => i === 0 || tscs[i - 1]! <= t)).toBe(true);
	});

	test('v cycles all, g1 vCPU 0, g1 vCPU 1, g2 vCPU 0, g2 vCPU 1, all; the gutter marks that vCPU\'s own run windows', async () => {
		const s = await viewer();
		const a = s.model.alignment;
		const names = ['g1 vCPU 0', 'g1 vCPU 1', 'g2 vCPU 0', 'g2 vCPU 1'];
		for (const [k, name] of names.entries()) {
			await s.press('v');
			const [g, v] = [k < 2 ? 1 : 2, k % 2];
			expect(s.top()).toContain(`vCPU filter: ${name} (v)`);
			expect(s.bottom()).toMatch(new RegExp(`showing ${name}: \\d+ rows`));
			for (const row of guestRows(s)) expect(row).toContain(`guest${g} [v${v}]`);
			// Host rows are that VM's vCPU thread only: its kvm_entry opens a window (┌).
			const pid = s.model.lanes ? a.vcpus.find((r) => r.vcpu === (g - 1) * s.model.lanes.stride + v)!.hostPids[0] : undefined;
			expect(pid).toBe(a.vm.threads.filter((t) => t.vcpu === v)[g - 1]!.pid);
			for (const row of hostRows(s)) expect(row).toMatch(new RegExp(`CPU ${v}/KVM`));
			const entries = body(s).filter((l) => l.includes('kvm_entry'));
			expect(entries.length).toBeGreaterThan(0);
			for (const row of entries) expect(row[0]).toBe('┌');
		}
		await s.press('v');
		expect(s.top()).toContain('vCPU filter: all (v)');
	});

	test('] steps through the selected guest vCPU\'s offset epochs (g1 vCPU 0 sets its TSC back once)', async () => {
		const s = await viewer();
		await s.press('v', 'g');
		// Its first row is the creation write that starts epoch 1 (epoch 0: before any write).
		expect(s.top().split('\n')[0]).toMatch(/^ g1 vCPU 0 epoch 1\/3 /);
		await s.press(']');
		expect(s.top().split('\n')[0]).toMatch(/^ g1 vCPU 0 epoch 2\/3 /);
		expect(stripStyle(s.cursorLine())).toContain('kvm_write_tsc_offset: vcpu=0');
		const second = s.cursorLine();
		await s.press(']');
		expect(s.cursorLine()).toBe(second);
		expect(s.bottom()).toContain('no later offset epoch start for g1 vCPU 0');
		await s.press('[');
		expect(s.top().split('\n')[0]).toMatch(/^ g1 vCPU 0 epoch 1\/3 /);
	});

	test('&guest:2 shows guest 2 and its VM\'s vCPU threads; with side:guest, guest 2\'s 68 events alone', async () => {
		const s = await viewer();
		const vm2 = new Set(s.model.alignment.vm.threads.slice(2).map((t) => t.pid));
		const host = s.model.alignment.host;
		let vm2Events = 0;
		for (let i = 0; i < host.count; i++) if (vm2.has(host.pid[i]!)) vm2Events++;
		await s.press('&', ...'guest:2', KEY.enter);
		expect(s.bottom()).toContain(`filter &guest:2: ${68 + vm2Events} of 286 rows`);
		for (const row of guestRows(s)) expect(row).toContain('guest2 [v');
		await s.press('&', ...'guest:2 side:guest', KEY.enter);
		expect(s.bottom()).toContain('filter &guest:2 side:guest: 68 of 286 rows');
		await s.press('&', ...'guest:3', KEY.enter);
		expect(s.bottom()).toContain('no row matches &guest:3');
	});
});
