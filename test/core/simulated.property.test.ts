// Simulated captures with a known truth: every converted guest event must match it.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {align} from '../../source/core/align.js';
import {Status} from '../../source/core/assign.js';
import {readTextTrace} from '../../source/formats/text/reader.js';
import {randomPlan, type RandomPlanOptions} from '../../source/sim/random-plan.js';
import {writeSim} from '../helpers/traces.js';

async function check(seed: number, options: RandomPlanOptions) {
	const plan = randomPlan(seed, options);
	const files = writeSim(plan);
	// A plan may draw no guest event at all; a guest file with none is refused as unusable.
	if (files.truth.length === 0) return {exact: 0, total: 0, plan};
	const host = await readTextTrace(files.host);
	const guest = await readTextTrace(files.guest);
	const traced = plan.vms.find((vm) => vm.traced)!;
	const vm = plan.vms.length > 1 ? (plan.host.tgid && plan.host.kind === 'ftrace' ? [traced.tgid] : traced.vcpus.map((v) => v.pid)) : undefined;
	// A vCPU with no traced write needs its offset from the command line, as a user would give it.
	const perVcpu = new Map(traced.vcpus.filter((v) => !v.writes.some((w) => w.traced)).map((v) => [v.vcpu, v.initialOffset]));
	const a = align(host, guest, {scaling: plan.scaling, vm, offsets: {perVcpu}});
	expect(host.malformed.count).toBe(0);
	expect(guest.malformed.count).toBe(0);
	expect(guest.count).toBe(files.truth.length);
	const byLine = new Map(Array.from(guest.line, (line, j) => [line, j]));
	let exact = 0;
	for (const t of files.truth) {
		const j = byLine.get(t.line)!;
		const status = a.results.status[j]!;
		expect(status, `guest line ${t.line} should not be unresolved`).not.toBe(Status.Unresolved);
		if (status === Status.Exact) {
			exact++;
			expect(a.results.hostTsc[j], `guest line ${t.line}`).toBe(t.hostTsc);
			expect(a.results.epoch[j], `epoch of guest line ${t.line}`).toBe(t.epoch);
		} else {
			expect(a.results.candidates.get(j)!.tsc, `candidates of guest line ${t.line}`).toContain(t.hostTsc);
		}
	}
	host.close();
	guest.close();
	return {exact, total: files.truth.length, plan};
}

const optionsArb: fc.Arbitrary<RandomPlanOptions> = fc.record({
	vcpus: fc.integer({min: 1, max: 3}),
	runs: fc.integer({min: 3, max: 25}),
	eventsPerRun: fc.constantFrom<[number, number]>([1, 3], [0, 8]),
	forwardWrites: fc.integer({min: 0, max: 2}),
	backwardWrites: fc.integer({min: 0, max: 2}),
	bigTsc: fc.boolean(),
	scaled: fc.boolean(),
	secondVm: fc.boolean(),
	initialWrite: fc.boolean(),
	host: fc.record({
		kind: fc.constantFrom('ftrace' as const, 'report' as const),
		flags: fc.constantFrom(0 as const, 4 as const, 5 as const),
		pidWidth: fc.constantFrom(5 as const, 7 as const),
		tgid: fc.boolean(),
		kvm: fc.constantFrom('old' as const, 'new' as const, 'plugin' as const),
		threadNames: fc.constantFrom('cpu' as const, 'qemu' as const),
	}),
	guest: fc.record({
		kind: fc.constantFrom('ftrace' as const, 'report' as const),
		flags: fc.constantFrom(0 as const, 4 as const, 5 as const),
		pidWidth: fc.constantFrom(5 as const, 7 as const),
	}),
	guestLosses: fc.integer({min: 0, max: 2}),
});

describe('simulated pairs against their truth', () => {
	it('never contradicts the truth: exact events equal it, ambiguous ones list it, none unresolved', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({min: 1, max: 2 ** 31 - 1}), optionsArb, async (seed, options) => {
				await check(seed, options);
			}),
			{numRuns: 60},
		);
	});

	it('is exact everywhere when only forward writes happened and windows were traced', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({min: 1, max: 2 ** 31 - 1}), optionsArb, async (seed, options) => {
				const {exact, total} = await check(seed, {...options, backwardWrites: 0});
				expect(exact).toBe(total);
			}),
			{numRuns: 40},
		);
	});

	it('keeps TSCs above 2^53 exact to the cycle', async () => {
		const {exact, total, plan} = await check(7, {bigTsc: true, backwardWrites: 0, vcpus: 2, runs: 30, eventsPerRun: [2, 5]});
		expect(plan.vms[0]!.vcpus[0]!.runs[0]!.entry > 2n ** 60n).toBe(true);
		expect(exact).toBe(total);
		expect(total).toBeGreaterThan(100);
	});
});
