// What a simulated capture holds: VMs, vCPU threads, run windows, offset writes and the host
// times of guest events. A plan is the truth; render.ts and simulate.ts turn it into files.

import type {Scaling} from '../model/u64.js';

export type KvmStyle = 'old' | 'new' | 'plugin';

export interface TextStyle {
	kind: 'ftrace' | 'report';
	/** irq-info flag width: 0 (none), 4 (before 5.15) or 5. Ignored for report text. */
	flags: 0 | 4 | 5;
	/** ftrace pads the pid to 5 (older kernels) or 7 characters. */
	pidWidth: 5 | 7;
	/** ftrace `options/record-tgid`. */
	tgid: boolean;
}

export interface HostStyle extends TextStyle {
	kvm: KvmStyle;
	/** QEMU's `CPU n/KVM` thread names, or older ones all named `qemu-system-x86`. */
	threadNames: 'cpu' | 'qemu';
}

export interface SimRun {
	entry: bigint;
	exit: bigint;
	hostCpu: number;
	/** Host times of guest events inside the run, ascending, strictly inside (entry, exit). */
	events: bigint[];
	exitReason: string;
}

export interface SimWrite {
	/** Host TSC of the kvm_write_tsc_offset (between two runs). */
	at: bigint;
	/** The new offset (KVM convention, u64). */
	offset: bigint;
	/** A guest WRMSR of IA32_TSC (0x10) or IA32_TSC_ADJUST (0x3b) caused it. */
	msr?: 0x10 | 0x3b;
	/** False for a write lost from the host trace. */
	traced: boolean;
	/** vCPU creation: KVM's first write, from an offset of 0. */
	creation?: boolean;
}

export interface SimVcpu {
	vcpu: number;
	pid: number;
	/** Offset before the first write (KVM convention, u64). */
	initialOffset: bigint;
	runs: SimRun[];
	writes: SimWrite[];
	/** False when the host trace lacks this vCPU's kvm_entry/kvm_exit (e.g. a pid filter). */
	windowsTraced: boolean;
}

export interface SimVm {
	tgid: number;
	vcpus: SimVcpu[];
	/** The VM whose guest trace is written. */
	traced: boolean;
}

export interface SimPlan {
	vms: SimVm[];
	scaling?: Scaling;
	host: HostStyle;
	guest: TextStyle;
	/** Unrelated host events (other tasks) spread over the trace. */
	noise: number;
	/** Guest events dropped from the guest file with a `[LOST n EVENTS]` marker. */
	guestLosses: number;
	seed: number;
}

/** The offset in force at host time `at`: the last write at or before it. */
export function offsetAt(vcpu: SimVcpu, at: bigint): bigint {
	let offset = vcpu.initialOffset;
	for (const write of vcpu.writes) if (write.at <= at) offset = write.offset;
	return offset;
}

/** The tool's epoch index at `at`: how many traced writes came at or before it. */
export function epochAt(vcpu: SimVcpu, at: bigint): number {
	return vcpu.writes.filter((w) => w.traced && w.at <= at).length;
}
