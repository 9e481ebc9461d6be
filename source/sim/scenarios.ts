// Named captures for examples/ and for people trying the tool: each shows one situation,
// with the flags it needs and what `check` should say.

import {U64_MASK} from '../model/u64.js';
import type {SimPlan, SimRun, SimVcpu} from './plan.js';
import {randomPlan} from './random-plan.js';

export interface Scenario {
	plan: SimPlan;
	/** Flags a user passes to tscalign for this capture. */
	flags: string[];
	description: string;
}

export const SCENARIOS = ['demo', 'forward-write', 'backward-write', 'ambiguous', 'two-vms', 'no-write', 'scaled', 'two-guests', 'random'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

function run(entry: bigint, exit: bigint, events: bigint[], hostCpu = 2): SimRun {
	return {entry, exit, hostCpu, events, exitReason: 'HLT'};
}

/**
 * A vCPU whose guest set its TSC back to the same value three times in quick succession,
 * with no kvm_entry/kvm_exit traced for it (its thread was outside the host's pid filter;
 * the offset writes were kept in their own instance). Nothing tells which of two epochs the
 * events between the writes belong to: the 2012 mailing-list objection, in a real shape.
 */
function resettingVcpu(vcpu: number, pid: number, start: bigint, initialOffset: bigint): SimVcpu {
	const delta = 40_000n;
	const runs: SimRun[] = [];
	let t = start;
	for (let r = 0; r < 6; r++, t += 30_000n) runs.push(run(t + 1000n, t + 20_000n, [t + 3000n, t + 9000n, t + 15_000n]));
	const resetAt = t + 5000n;
	const guestAtReset = (resetAt + initialOffset) & U64_MASK;
	const target = guestAtReset - 5n * delta; // the guest goes back in time
	const offsets = [0n, 1n, 2n].map((k) => (target - (resetAt + k * delta)) & U64_MASK);
	runs.push(run(resetAt + 1000n, resetAt + 30_000n, [resetAt + 4000n, resetAt + 12_000n, resetAt + 25_000n]));
	runs.push(run(resetAt + delta + 1000n, resetAt + delta + 30_000n, [resetAt + delta + 6000n, resetAt + delta + 18_000n]));
	const late = resetAt + 2n * delta + 400_000n;
	runs.push(run(late, late + 30_000n, [late + 5000n, late + 20_000n]));
	return {
		vcpu,
		pid,
		initialOffset,
		runs,
		writes: offsets.map((offset, k) => ({at: resetAt + BigInt(k) * delta, offset, msr: 0x10, traced: true})),
		windowsTraced: false,
	};
}

/** `random` with this many guests: the first with writes both ways, the others varied. */
function randomGuests(seed: number, guests: number): Scenario {
	const kinds = [{forwardWrites: 0, backwardWrites: 1}, {untracedWrites: true, forwardWrites: 0, backwardWrites: 0}, {forwardWrites: 1, backwardWrites: 0}];
	const moreGuests = Array.from({length: guests - 1}, (_, k) => kinds[k % kinds.length]!);
	return {
		plan: randomPlan(seed, {moreGuests}),
		flags: [],
		description: `A random capture of ${guests} guests on one host, two vCPUs each (their vCPU ids collide): writes both ways, one without traced writes (offsets recovered).`,
	};
}

export function scenario(name: ScenarioName, seed = 1, guests = 1): Scenario {
	switch (name) {
		case 'demo': {
			const plan = randomPlan(seed, {vcpus: 1, runs: 40, eventsPerRun: [1, 5], forwardWrites: 1, backwardWrites: 1, noise: 60});
			const v0 = plan.vms[0]!.vcpus[0]!;
			plan.vms[0]!.vcpus.push(resettingVcpu(1, v0.pid + 1, v0.runs[0]!.entry + 7000n, v0.initialOffset));
			return {
				plan,
				flags: [],
				description:
					'vCPU 0: a forward and a backward TSC write, all exact (a non-monotonic region after the backward one). vCPU 1: three guest TSC resets with no run windows traced: an ambiguous stretch with two candidates per event.',
			};
		}
		case 'forward-write':
			return {
				plan: randomPlan(seed, {vcpus: 1, runs: 12, eventsPerRun: [1, 4], forwardWrites: 1, backwardWrites: 0}),
				flags: [],
				description: 'One vCPU; the guest writes its TSC forward mid-trace (kvm_msr msr_write 10, then kvm_write_tsc_offset). Every guest event exact.',
			};
		case 'backward-write':
			return {
				plan: randomPlan(seed, {vcpus: 2, runs: 15, eventsPerRun: [1, 4], forwardWrites: 0, backwardWrites: 1, host: {kvm: 'old', flags: 4, pidWidth: 5}}),
				flags: [],
				description: 'Two vCPUs; each guest CPU sets its TSC back once, so guest time goes backwards (a non-monotonic region). Pre-5.10 kvm text (kvm_exit without vcpu), 4-character flags.',
			};
		case 'ambiguous': {
			// The 100/104/108 case itself: writes setting guest TSC to 0, events 1,2,3 then 1,2,3.
			const base: SimVcpu = {
				vcpu: 0,
				pid: 7001,
				initialOffset: -1000n & U64_MASK,
				runs: [run(100n, 104n, [101n, 102n, 103n]), run(104n, 108n, [105n, 106n, 107n])],
				writes: [100n, 104n, 108n].map((at) => ({at, offset: -at & U64_MASK, msr: 0x10 as const, traced: true})),
				windowsTraced: false,
			};
			return {
				plan: {...randomPlan(seed, {noise: 0}), vms: [{tgid: 7000, traced: true, vcpus: [base]}]},
				flags: [],
				description: 'The 2012 objection: writes at host 100, 104 and 108 each set the guest TSC to 0; guest events 1,2,3 then 1,2,3; no run windows. Every event ambiguous, two candidates each.',
			};
		}
		case 'two-vms': {
			const plan = randomPlan(seed, {vcpus: 2, runs: 10, eventsPerRun: [1, 3], secondVm: true, host: {tgid: false}});
			const pids = plan.vms[0]!.vcpus.map((v) => v.pid).join(',');
			return {
				plan,
				flags: ['--vm', pids],
				description: `Two VMs on the host whose vCPU ids collide, and no tgid column: tscalign asks which VM; --vm ${pids} picks the traced one's vCPU threads.`,
			};
		}
		case 'no-write': {
			const plan = randomPlan(seed, {vcpus: 1, runs: 12, eventsPerRun: [1, 4], forwardWrites: 0, backwardWrites: 0, initialWrite: false, host: {kind: 'report'}, guest: {kind: 'report'}});
			const offset = plan.vms[0]!.vcpus[0]!.initialOffset;
			const signed = offset >= 1n << 63n ? offset - (1n << 64n) : offset;
			return {
				plan,
				flags: ['--offset', String(signed)],
				description: `The VM started before tracing: no kvm_write_tsc_offset in the host trace (trace-cmd report text). Give the offset from debugfs: --offset ${signed}.`,
			};
		}
		case 'scaled': {
			const plan = randomPlan(seed, {vcpus: 1, runs: 12, eventsPerRun: [1, 4], scaled: true, bigTsc: true});
			return {
				plan,
				flags: ['--tsc-ratio', String(plan.scaling!.ratio), '--tsc-frac-bits', String(plan.scaling!.fracBits)],
				description: 'A TSC-scaled guest on a host up for years (TSCs above 2^60): pass the ratio and fraction bits KVM used.',
			};
		}
		case 'two-guests':
			return {
				plan: randomPlan(seed, {
					vcpus: 2,
					runs: 15,
					eventsPerRun: [1, 4],
					forwardWrites: 0,
					backwardWrites: 1,
					moreGuests: [{untracedWrites: true, forwardWrites: 0, backwardWrites: 0}],
				}),
				flags: [],
				description:
					"Two VMs on one host, each with its guest's trace; their vCPU ids collide. Guest 1 sets its TSC back once; guest 2's offset is never traced and is recovered from its run windows. tscalign matches each guest to its VM by the run windows its events fit.",
			};
		case 'random':
			if (guests > 1) return randomGuests(seed, guests);
			return {plan: randomPlan(seed), flags: [], description: 'A random capture: two vCPUs, forward and backward writes.'};
	}
}
