// Several guest files against one host trace (issue 18), on simulated captures whose truth is
// known: every guest event's host TSC and status, the VM each guest is matched to, and the
// errors when that is unclear or two guests claim one VM.

import {describe, expect, it} from 'vitest';
import type {Alignment} from '../../source/core/align.js';
import {Status} from '../../source/core/assign.js';
import {loadGuests} from '../../source/loading/load-pair.js';
import type {CommonFlags} from '../../source/loading/options.js';
import {randomPlan, type RandomPlanOptions} from '../../source/sim/random-plan.js';
import type {SimPlan} from '../../source/sim/plan.js';
import {scenario} from '../../source/sim/scenarios.js';
import type {GuestTruth} from '../../source/sim/simulate.js';
import {writeCapture} from '../../source/sim/write-files.js';
import {entry, exit, gev, tempDir, writeFile} from '../helpers/traces.js';

async function capture(plan: SimPlan, flags: CommonFlags = {}) {
	const written = writeCapture(plan, tempDir());
	const aligned = await loadGuests(written.host, written.guestFiles, flags);
	return {written, aligned, traced: plan.vms.filter((vm) => vm.traced)};
}

/**
 * Every guest event against the truth. Offsets from traced writes: exact, the true host TSC
 * and epoch. Recovered offsets: exact within the recovered interval's width, or ambiguous
 * with the truth inside its candidates' range. Returns how many were ambiguous.
 */
function expectTruth(a: Alignment, truth: GuestTruth[]): number {
	expect(a.guest.count).toBe(truth.length);
	const index = new Map(Array.from(a.guest.line, (line, j) => [line, j]));
	let ambiguous = 0;
	for (const t of truth) {
		const j = index.get(t.line)!;
		const where = `${a.guest.file}:${t.line}`;
		const vcpu = a.vcpus.find((v) => v.vcpu === t.vcpu)!;
		const status = a.results.status[j];
		if (!vcpu.recovered) {
			expect([status, a.results.hostTsc[j], a.results.epoch[j]], where).toEqual([Status.Exact, t.hostTsc, t.epoch]);
		} else if (status === Status.Exact) {
			const piece = vcpu.recovered[a.results.epoch[j]!]!;
			const error = a.results.hostTsc[j]! - t.hostTsc;
			expect(error <= piece.hi - piece.lo && -error <= piece.hi - piece.lo, where).toBe(true);
		} else {
			expect(status, where).toBe(Status.Ambiguous);
			const {tsc} = a.results.candidates.get(j)!;
			expect(tsc[0]! <= t.hostTsc && t.hostTsc <= tsc.at(-1)!, where).toBe(true);
			ambiguous++;
		}
	}
	return ambiguous;
}

const sources = (a: Alignment): string[] => [...new Set(a.vcpus.flatMap((v) => v.epochs.map((e) => e.source)))];

describe('two guests on one host (the two-guests scenario)', () => {
	it('matches each guest to its VM by its run windows and converts every event as the truth says', async () => {
		const {written, aligned, traced} = await capture(scenario('two-guests').plan);
		expect(aligned.guests.map((a) => a.vm.id)).toEqual(traced.map((vm) => vm.tgid));
		const [g1, g2] = aligned.guests;
		// Guest 1 sets its TSC back once (a non-monotonic region); guest 2's offset is recovered.
		expect(g1!.vcpus.some((v) => v.regions.length > 0)).toBe(true);
		expect(sources(g1!)).toEqual(['write']);
		expect(sources(g2!)).toEqual(['recovered']);
		// Their vCPU ids collide: both run vCPUs 0 and 1, on threads of their own.
		expect(g1!.vcpus.map((v) => v.vcpu)).toEqual(g2!.vcpus.map((v) => v.vcpu));
		expect(g1!.vcpus.map((v) => v.hostPids)).not.toEqual(g2!.vcpus.map((v) => v.hostPids));
		expect(expectTruth(g1!, written.guests[0]!.truth)).toBe(0);
		expect(expectTruth(g2!, written.guests[1]!.truth)).toBe(0);
	});

	it('converts a guest exactly as it does alone with the same --vm', async () => {
		const plan = scenario('two-guests').plan;
		const written = writeCapture(plan, tempDir());
		const both = await loadGuests(written.host, written.guestFiles, {});
		const alone = await loadGuests(written.host, [written.guestFiles[1]!], {vm: String(plan.vms[1]!.tgid)});
		expect(Array.from(both.guests[1]!.results.hostTsc)).toEqual(Array.from(alone.guests[0]!.results.hostTsc));
		expect(Array.from(both.guests[1]!.results.status)).toEqual(Array.from(alone.guests[0]!.results.status));
	});
});

describe('three guests (backward write, no traced write, forward write) beside an untraced VM', () => {
	const options: RandomPlanOptions = {
		vcpus: 2,
		runs: 20,
		eventsPerRun: [1, 4],
		forwardWrites: 0,
		backwardWrites: 1,
		secondVm: true,
		moreGuests: [{untracedWrites: true, forwardWrites: 0, backwardWrites: 0}, {forwardWrites: 1, backwardWrites: 0}],
	};
	for (const seed of [1, 2, 3]) {
		it(`seed ${seed}: each guest gets its own VM, every event as the truth says`, async () => {
			const {written, aligned, traced} = await capture(randomPlan(seed, options));
			expect(aligned.guests.map((a) => a.vm.id)).toEqual(traced.map((vm) => vm.tgid));
			expect(aligned.guests.map(sources)).toEqual([['write'], ['recovered'], ['write']]);
			aligned.guests.forEach((a, k) => expectTruth(a, written.guests[k]!.truth));
			// Only the recovered guest may leave events ambiguous.
			expect(expectTruth(aligned.guests[0]!, written.guests[0]!.truth) + expectTruth(aligned.guests[2]!, written.guests[2]!.truth)).toBe(0);
		});
	}

	it('without a tgid column, matches each guest vCPU to its own thread', async () => {
		const {written, aligned, traced} = await capture(randomPlan(4, {...options, secondVm: false, host: {tgid: false}}));
		expect(aligned.guests.map((a) => a.vm.threads.map((t) => t.pid))).toEqual(traced.map((vm) => vm.vcpus.map((v) => v.pid)));
		aligned.guests.forEach((a, k) => expectTruth(a, written.guests[k]!.truth));
	});
});

describe('eight guests', () => {
	it('matches all eight to their VMs and converts each', async () => {
		const {written, aligned, traced} = await capture(scenario('random', 2, 8).plan);
		expect(aligned.guests).toHaveLength(8);
		expect(aligned.guests.map((a) => a.vm.id)).toEqual(traced.map((vm) => vm.tgid));
		aligned.guests.forEach((a, k) => expectTruth(a, written.guests[k]!.truth));
	});
});

describe('when the VM of a guest is unclear or claimed twice', () => {
	it('two guest files that fit the same VM: exit-2 error saying which, unless told so with --vm', async () => {
		const plan = scenario('two-guests').plan;
		const written = writeCapture(plan, tempDir());
		const twice = [written.guestFiles[0]!, written.guestFiles[0]!];
		await expect(loadGuests(written.host, twice, {})).rejects.toThrow(
			`Which VM each guest file belongs to is unclear:\n  g1 (${twice[0]}): its events fit VM tgid ${plan.vms[0]!.tgid}, as do the events of g2 (${twice[1]}); give each guest its own VM (--vm g1:ID), or the same --vm to both if they really share it.`,
		);
		// Told so: the same --vm, unprefixed, goes to both.
		const same = await loadGuests(written.host, twice, {vm: [String(plan.vms[0]!.tgid)]});
		expect(same.guests.map((a) => a.vm.id)).toEqual([plan.vms[0]!.tgid, plan.vms[0]!.tgid]);
	});

	it('a guest fitting the VM --vm gives another guest: the error names both', async () => {
		const plan = scenario('two-guests').plan;
		const written = writeCapture(plan, tempDir());
		const [tgid1, tgid2] = [plan.vms[0]!.tgid, plan.vms[1]!.tgid];
		await expect(loadGuests(written.host, written.guestFiles, {vm: [`g1:${tgid2}`]})).rejects.toThrow(
			`g2 (${written.guestFiles[1]}): its events fit VM tgid ${tgid2}, which --vm gives to g1 (${written.guestFiles[0]}); give each guest its own VM (--vm g2:ID), or the same --vm to both if they really share it.`,
		);
		// --vm given once per guest, unprefixed, in file order: swapped on purpose, obeyed.
		const swapped = await loadGuests(written.host, written.guestFiles, {vm: [String(tgid2), String(tgid1)]});
		expect(swapped.guests.map((a) => a.vm.id)).toEqual([tgid2, tgid1]);
	});

	// Two VMs' vCPU 0 threads (no tgid) run at the same times: two guest events fit both.
	const host = [entry(1000, 0, 100), entry(1000, 0, 200), exit(5000, 0, 100), exit(5000, 0, 200)];
	const guest = [gev(2000), gev(3000)];

	it('a guest that fits no VM clearly: one sentence per guest with its candidates and the flag to pass', async () => {
		const dir = tempDir();
		const h = writeFile(dir, 'host.txt', host);
		const [a, b] = [writeFile(dir, 'a.txt', guest), writeFile(dir, 'b.txt', guest)];
		await expect(loadGuests(h, [a, b], {})).rejects.toThrow(
			'Which VM each guest file belongs to is unclear:\n' +
				`  g1 (${a}): its events fit no VM clearly (thread 100: 2 of 2 events; thread 200: 2 of 2 events); pass --vm g1:PID[,PID...].\n` +
				`  g2 (${b}): its events fit no VM clearly (thread 100: 2 of 2 events; thread 200: 2 of 2 events); pass --vm g2:PID[,PID...].`,
		);
		// One guest placed: the other takes the one VM left.
		const placed = await loadGuests(h, [a, b], {vm: ['g1:100']});
		expect(placed.guests.map((x) => x.vm.threads.map((t) => t.pid))).toEqual([[100], [200]]);
	});
});

describe('matching a large guest by a sample of its events', () => {
	it('a sample of 60 events spread over each guest picks the same VMs as the whole guests', async () => {
		const {indexHost} = await import('../../source/core/host-index.js');
		const {matchVms, sampleTrace} = await import('../../source/core/vm-match.js');
		const plan = randomPlan(2, {vcpus: 2, runs: 40, eventsPerRun: [1, 4], forwardWrites: 0, backwardWrites: 1, moreGuests: [{untracedWrites: true, forwardWrites: 0, backwardWrites: 0}, {}]});
		const {aligned, traced} = await capture(plan);
		const side = indexHost(aligned.host);
		const samples = aligned.guests.map((a) => sampleTrace(a.guest, 60));
		expect(samples.map((t) => t.count)).toEqual([60, 60, 60]);
		// Spread over the whole trace, in order: the last sampled event is near the end.
		for (const [k, t] of samples.entries()) expect(t.line.at(-1)!).toBeGreaterThan(aligned.guests[k]!.guest.line.at(-1)! * 0.9);
		const matched = matchVms(
			side,
			aligned.guests.map((a, k) => ({guest: a.guest, sample: samples[k]!, options: {}})),
		);
		expect(matched.map((m) => m.vm)).toEqual(traced.map((vm) => [vm.tgid]));
		// A sample's alignment is not kept: the guest is converted whole afterwards.
		expect(matched.every((m) => m.alignment === undefined)).toBe(true);
	});
});
