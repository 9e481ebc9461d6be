// Random plans with a known truth, for property tests, examples and the benchmark.

import {U64_MASK} from '../model/u64.js';
import type {HostStyle, SimPlan, SimRun, SimVcpu, SimVm, SimWrite, TextStyle} from './plan.js';
import {Rng} from './rng.js';

export interface RandomPlanOptions {
	vcpus?: number;
	runs?: number;
	eventsPerRun?: [number, number];
	forwardWrites?: number;
	backwardWrites?: number;
	/** Host TSCs above 2^60 (a host up for years), offsets to match. */
	bigTsc?: boolean;
	/** A TSC-scaled guest (ratio near 1, 48 fraction bits). */
	scaled?: boolean;
	/** A second, untraced VM whose vCPU ids collide with the traced one's. */
	secondVm?: boolean;
	/** Trace the creation write (prev=0) before the first run. */
	initialWrite?: boolean;
	/** Leave every kvm_write_tsc_offset out of the host trace (offsets must be recovered). */
	untracedWrites?: boolean;
	/** vCPUs whose kvm_entry/kvm_exit are missing from the host trace. */
	windowless?: number[];
	/** More traced VMs, each with a guest file of its own; their vCPU ids collide with the first's. */
	moreGuests?: GuestVmOptions[];
	host?: Partial<HostStyle>;
	guest?: Partial<TextStyle>;
	noise?: number;
	guestLosses?: number;
}

/** How an extra traced VM differs from the first. */
export type GuestVmOptions = Partial<Pick<RandomPlanOptions, 'vcpus' | 'runs' | 'forwardWrites' | 'backwardWrites' | 'initialWrite' | 'untracedWrites'>>;

const EXIT_REASONS = ['HLT', 'EXTERNAL_INTERRUPT', 'EPT_MISCONFIG', 'APIC_WRITE', 'IO_INSTRUCTION'];

function vcpuPlan(rng: Rng, o: Required<Omit<RandomPlanOptions, 'host' | 'guest' | 'moreGuests'>>, vcpu: number, pid: number, base: bigint, withEvents: boolean): SimVcpu {
	// The guest's TSC counts from about its boot: the offset never takes it below zero (a
	// guest TSC just under 2^64 is legal but not what guests show).
	const drawn = o.bigTsc ? base - rng.big(1_000_000, 90_000_000) : rng.big(1e12, 9e13);
	const initialOffset = -(drawn < base ? drawn : base - 1_000_000_000n) & U64_MASK;
	const writeKinds: ('f' | 'b')[] = [...Array<'f'>(o.forwardWrites).fill('f'), ...Array<'b'>(o.backwardWrites).fill('b')];
	// Spread writes over distinct gaps between runs.
	const gaps = new Map<number, 'f' | 'b'>();
	for (const kind of writeKinds) {
		for (let attempt = 0; attempt < 50; attempt++) {
			const after = rng.int(0, Math.max(0, o.runs - 2));
			if (!gaps.has(after)) {
				gaps.set(after, kind);
				break;
			}
		}
	}
	const runs: SimRun[] = [];
	const writes: SimWrite[] = [];
	let offset = initialOffset;
	let t = base + rng.big(0, 5000);
	if (o.initialWrite) {
		writes.push({at: t, offset, traced: !o.untracedWrites, creation: true});
		t += rng.big(200, 2000);
	}
	for (let r = 0; r < o.runs; r++) {
		const entry = t + rng.big(2000, 20000);
		const exit = entry + rng.big(3000, 40000);
		const count = withEvents ? rng.int(o.eventsPerRun[0], o.eventsPerRun[1]) : 0;
		const events: bigint[] = [];
		for (let k = 0; k < count; k++) events.push(entry + 16n + (BigInt(rng.int(0, 1_000_000)) * (exit - entry - 32n)) / 1_000_000n);
		events.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		runs.push({entry, exit, hostCpu: rng.int(0, 7), events, exitReason: rng.pick(EXIT_REASONS)});
		t = exit;
		const kind = gaps.get(r);
		if (kind) {
			const at = exit + rng.big(100, 1000);
			// Forward: the guest's TSC jumps ahead; backward: it goes back past the last few events.
			offset = (kind === 'f' ? offset + rng.big(100_000, 1e9) : offset - rng.big(40_000, 150_000)) & U64_MASK;
			const msr = rng.chance(0.7) ? rng.pick([0x10, 0x3b] as const) : undefined;
			writes.push({at, offset, msr, traced: !o.untracedWrites});
			t = at + 100n;
		}
	}
	return {vcpu, pid, initialOffset, runs, writes, windowsTraced: !o.windowless.includes(vcpu)};
}

export function randomPlan(seed: number, options: RandomPlanOptions = {}): SimPlan {
	const rng = new Rng(seed);
	const o: Required<Omit<RandomPlanOptions, 'host' | 'guest' | 'moreGuests'>> = {
		vcpus: options.vcpus ?? 2,
		runs: options.runs ?? 20,
		eventsPerRun: options.eventsPerRun ?? [0, 6],
		forwardWrites: options.forwardWrites ?? 1,
		backwardWrites: options.backwardWrites ?? 1,
		bigTsc: options.bigTsc ?? false,
		scaled: options.scaled ?? false,
		secondVm: options.secondVm ?? false,
		initialWrite: options.initialWrite ?? true,
		untracedWrites: options.untracedWrites ?? false,
		windowless: options.windowless ?? [],
		noise: options.noise ?? 20,
		guestLosses: options.guestLosses ?? 0,
	};
	const base = o.bigTsc ? (1n << 60n) + rng.big(0, 1e9) : BigInt(64642412873143 + rng.int(0, 1e9));
	const tgid = rng.int(3000, 9000);
	const vms: SimVm[] = [
		{tgid, traced: true, vcpus: Array.from({length: o.vcpus}, (_, v) => vcpuPlan(rng, o, v, tgid + 10 + v, base, true))},
	];
	if (o.secondVm) {
		const other = tgid + 1000;
		vms.push({tgid: other, traced: false, vcpus: Array.from({length: o.vcpus}, (_, v) => vcpuPlan(rng, o, v, other + 10 + v, base, false))});
	}
	(options.moreGuests ?? []).forEach((more, k) => {
		// Beside the first VM (and the untraced one at +1000), on the same stretch of host time.
		const id = tgid + 100 * (k + 1);
		const g = {...o, ...more};
		vms.push({tgid: id, traced: true, vcpus: Array.from({length: g.vcpus}, (_, v) => vcpuPlan(rng, g, v, id + 10 + v, base, true))});
	});
	return {
		vms,
		scaling: o.scaled ? {ratio: (1n << 48n) + BigInt(rng.int(-(2 ** 40), 2 ** 40)), fracBits: 48n} : undefined,
		host: {kind: 'ftrace', flags: 5, pidWidth: 7, tgid: true, kvm: 'new', threadNames: 'cpu', ...options.host},
		guest: {kind: 'ftrace', flags: 5, pidWidth: 7, tgid: false, ...options.guest},
		noise: o.noise,
		guestLosses: o.guestLosses,
		seed,
	};
}
