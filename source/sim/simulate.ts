// Turns a plan into a host trace and a guest trace (as lines) plus the truth: the host TSC
// and epoch every guest line must get.

import {guestToHost, hostToGuest} from '../model/u64.js';
import {epochAt, offsetAt, type SimPlan, type SimVcpu, type SimVm} from './plan.js';
import {entryText, exitText, headerLines, lostLine, msrText, renderLine, writeText, type LineEvent} from './render.js';
import {Rng} from './rng.js';

export interface GuestTruth {
	/** 1-based line in the guest file. */
	line: number;
	vcpu: number;
	guestTsc: bigint;
	hostTsc: bigint;
	epoch: number;
}

export interface SimSinks {
	host(line: string): void;
	/** The guest file of the first traced VM. */
	guest(line: string): void;
	/** The guest file of the traced VM at `position` (0 is the first, which `guest` gets without this). */
	guestOf?(position: number): (line: string) => void;
}

export interface GuestResult {
	guestEvents: number;
	truth: GuestTruth[];
}

export interface SimResult extends GuestResult {
	hostEvents: number;
	/** One per traced VM, in plan order (the first is `guestEvents` and `truth` too). */
	guests: GuestResult[];
}

const GUEST_TASKS = [
	{comm: '<idle>', pid: 0},
	{comm: 'kworker/0:1', pid: 12},
	{comm: 'rcu_preempt', pid: 15},
	{comm: 'my app', pid: 421},
	{comm: 'MainTaskLow:422', pid: 422},
	{comm: 'systemd-journal', pid: 301},
] as const;

const GUEST_EVENTS = [
	['sched_switch', 'prev_comm=my app prev_pid=421 prev_prio=120 prev_state=S ==> next_comm=swapper/0 next_pid=0 next_prio=120'],
	['irq_handler_entry', 'irq=33 name=virtio1-virtqueues'],
	['irq_handler_exit', 'irq=33 ret=handled'],
	['sys_enter', 'NR 1 (3, 7ffd1c0e5a40, 1, 0, 0, 0)'],
	['sys_exit', 'NR 1 = 1'],
	['hrtimer_expire_entry', 'hrtimer=0xffff9e847fc1e040 function=tick_sched_timer now=22149948193188'],
	['cpu_idle', 'state=1 cpu_id=0'],
] as const;

const HOST_NOISE = [
	{comm: '<idle>', pid: 0, name: 'sched_switch', text: 'prev_comm=swapper/3 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=bash next_pid=2211 next_prio=120'},
	{comm: 'kworker/u12:1', pid: 88, name: 'workqueue_execute_start', text: 'work struct 0xffff8881 function flush_to_ldisc'},
	{comm: 'bash', pid: 2211, name: 'sys_enter', text: 'NR 0 (0, 7ffd, 1, 0, 0, 0)'},
] as const;

interface GuestEvent {
	guestTsc: bigint;
	hostTsc: bigint;
	epoch: number;
	vcpu: number;
	comm: string;
	pid: number;
	name: string;
	text: string;
}

function threadComm(plan: SimPlan, vcpu: number): string {
	return plan.host.threadNames === 'cpu' ? `CPU ${vcpu}/KVM` : 'qemu-system-x86';
}

function vcpuHostEvents(plan: SimPlan, tgid: number, v: SimVcpu, out: LineEvent[]): void {
	const comm = threadComm(plan, v.vcpu);
	const base = {comm, pid: v.pid, tgid};
	let prev = v.initialOffset;
	// Writes happen while the vCPU is out of guest mode: after run r, before run r + 1.
	const writeAfter = new Map<number, (typeof v.writes)[number][]>();
	for (const write of v.writes) {
		const runBefore = v.runs.findLastIndex((r) => r.exit < write.at);
		writeAfter.set(runBefore, [...(writeAfter.get(runBefore) ?? []), write]);
	}
	const emitWrite = (write: (typeof v.writes)[number], cpu: number): void => {
		if (write.msr !== undefined) {
			const value = write.msr === 0x10 ? hostToGuest(write.at, write.offset, plan.scaling) : write.offset;
			out.push({...base, cpu, tsc: write.at - 1n, name: 'kvm_msr', text: msrText(write.msr, value)});
		}
		if (write.creation) prev = 0n;
		if (write.traced) out.push({...base, cpu, tsc: write.at, name: 'kvm_write_tsc_offset', text: writeText(v.vcpu, prev, write.offset)});
		prev = write.offset;
	};
	for (const write of writeAfter.get(-1) ?? []) emitWrite(write, v.runs[0]?.hostCpu ?? 0);
	v.runs.forEach((run, r) => {
		if (v.windowsTraced) {
			out.push({...base, cpu: run.hostCpu, tsc: run.entry, name: 'kvm_entry', text: entryText(v.vcpu, plan.host.kvm, run.entry)});
			const reason = writeAfter.get(r)?.some((w) => w.msr !== undefined) ? 'MSR_WRITE' : run.exitReason;
			out.push({...base, cpu: run.hostCpu, tsc: run.exit, name: 'kvm_exit', text: exitText(v.vcpu, reason, plan.host.kvm, run.exit)});
		}
		for (const write of writeAfter.get(r) ?? []) emitWrite(write, run.hostCpu);
	});
}

function guestEventsOf(plan: SimPlan, v: SimVcpu, rng: Rng): GuestEvent[] {
	const events: GuestEvent[] = [];
	for (const run of v.runs) {
		for (const at of run.events) {
			const offset = offsetAt(v, at);
			const guestTsc = hostToGuest(at, offset, plan.scaling);
			const task = rng.pick(GUEST_TASKS);
			const [name, text] = rng.pick(GUEST_EVENTS);
			events.push({
				guestTsc,
				// The guest TSC came from host TSC `at`, so its conversion fits in 64 bits.
				hostTsc: guestToHost(guestTsc, offset, plan.scaling)!,
				epoch: epochAt(v, at),
				vcpu: v.vcpu,
				comm: task.comm,
				pid: task.pid,
				name,
				text,
			});
		}
	}
	return events;
}

/** Stable sort by TSC (the input order breaks ties). */
function sortByTsc<T extends {tsc: bigint}>(events: T[]): T[] {
	return events
		.map((e, i) => ({e, i}))
		.sort((a, b) => (a.e.tsc < b.e.tsc ? -1 : a.e.tsc > b.e.tsc ? 1 : a.i - b.i))
		.map((x) => x.e);
}

/**
 * The guest file's order: the kernel merges per-CPU buffers by picking the CPU whose next
 * event has the smallest timestamp, so each CPU keeps its own order even when time goes back.
 */
function mergeGuestCpus(perCpu: GuestEvent[][]): GuestEvent[] {
	const at = perCpu.map(() => 0);
	const out: GuestEvent[] = [];
	for (;;) {
		let best = -1;
		for (let c = 0; c < perCpu.length; c++) {
			const next = perCpu[c]![at[c]!];
			if (next && (best < 0 || next.guestTsc < perCpu[best]![at[best]!]!.guestTsc)) best = c;
		}
		if (best < 0) return out;
		out.push(perCpu[best]![at[best]!++]!);
	}
}

export function simulate(plan: SimPlan, sinks: SimSinks): SimResult {
	const rng = new Rng(plan.seed ^ 0x5bd1e995);
	const hostEvents: LineEvent[] = [];
	let first: bigint | undefined;
	let last: bigint | undefined;
	for (const vm of plan.vms) {
		for (const v of vm.vcpus) {
			vcpuHostEvents(plan, vm.tgid, v, hostEvents);
			for (const run of v.runs) {
				if (first === undefined || run.entry < first) first = run.entry;
				if (last === undefined || run.exit > last) last = run.exit;
			}
		}
	}
	const span = first !== undefined && last !== undefined && last > first ? last - first : 1n;
	for (let n = 0; n < plan.noise; n++) {
		const noise = rng.pick(HOST_NOISE);
		const tsc = (first ?? 0n) + (span * BigInt(rng.int(0, 1_000_000))) / 1_000_000n;
		hostEvents.push({...noise, tgid: noise.pid, cpu: rng.int(0, 7), tsc});
	}
	const hostSorted = sortByTsc(hostEvents);
	for (const line of headerLines(plan.host, 8)) sinks.host(line);
	for (const e of hostSorted) sinks.host(renderLine(e, plan.host));

	const guests = plan.vms
		.filter((vm) => vm.traced)
		.map((vm, position) => writeGuest(plan, vm, rng, position === 0 || !sinks.guestOf ? sinks.guest : sinks.guestOf(position)));
	// A plan with no traced VM still writes a guest file: its header.
	const one = guests[0] ?? writeGuest(plan, undefined, rng, sinks.guest);
	return {hostEvents: hostSorted.length, guestEvents: one.guestEvents, truth: one.truth, guests};
}

function writeGuest(plan: SimPlan, traced: SimVm | undefined, rng: Rng, sink: (line: string) => void): GuestResult {
	const perCpu = (traced?.vcpus ?? []).map((v) => guestEventsOf(plan, v, rng));
	const merged = mergeGuestCpus(perCpu);
	const lossAt = new Set<number>();
	for (let n = 0; n < plan.guestLosses && merged.length > 10; n++) lossAt.add(rng.int(5, merged.length - 5));
	const header = headerLines(plan.guest, perCpu.length);
	for (const line of header) sink(line);
	let line = header.length;
	const truth: GuestTruth[] = [];
	let guestEvents = 0;
	const dropped = new Map<number, number>();
	for (let k = 0; k < merged.length; k++) {
		const e = merged[k]!;
		if (lossAt.has(k)) {
			dropped.set(e.vcpu, (dropped.get(e.vcpu) ?? 0) + 1);
			continue;
		}
		const lost = dropped.get(e.vcpu);
		if (lost) {
			sink(lostLine(e.vcpu, lost));
			line++;
			dropped.delete(e.vcpu);
		}
		sink(renderLine({tsc: e.guestTsc, cpu: e.vcpu, comm: e.comm, pid: e.pid, tgid: e.pid, name: e.name, text: e.text}, plan.guest));
		line++;
		guestEvents++;
		truth.push({line, vcpu: e.vcpu, guestTsc: e.guestTsc, hostTsc: e.hostTsc, epoch: e.epoch});
	}
	return {guestEvents, truth};
}
