// The kvm events a host trace tells tscalign about windows and offsets through: their names,
// their text in every kernel generation and libtraceevent's plugin rewrite (docs/domain.md
// §9; lenient: trailing fields are ignored), and what every reader records of them. A reader
// with the fields at hand (trace.dat) decodes those; any other text comes through here.

import {KvmKind, type TraceBuilder} from './trace.js';
import {parseDecimalU64} from './u64.js';

/** The events' names, spelled once for every reader and the viewer. */
export const KvmEvent = {
	Entry: 'kvm_entry',
	Exit: 'kvm_exit',
	Write: 'kvm_write_tsc_offset',
	Msr: 'kvm_msr',
} as const;

export type KvmEventName = (typeof KvmEvent)[keyof typeof KvmEvent];

export const KVM_EVENTS: ReadonlySet<string> = new Set<string>(Object.values(KvmEvent));

const ENTRY_RE = /^vcpu (\d+)/;
const EXIT_RE = /^(?:vcpu (\d+) )?reason (\S+)/;
const WRITE_RE = /vcpu=(\d+) prev=(\d+) next=(\d+)/;
const MSR_RE = /^msr_write ([0-9a-f]+) = (0x[0-9a-f]+|\d+)/i;

/** vCPU id of a kvm_entry; undefined when the text is not a kvm_entry's. */
export function parseEntry(text: string): number | undefined {
	const match = ENTRY_RE.exec(text);
	return match ? Number(match[1]) : undefined;
}

/** vCPU id of a kvm_exit (-1 when the kernel did not print it); undefined when unreadable. */
export function parseExit(text: string): number | undefined {
	const match = EXIT_RE.exec(text);
	if (!match) return undefined;
	return match[1] === undefined ? -1 : Number(match[1]);
}

export interface WriteFields {
	vcpu: number;
	prev: bigint;
	next: bigint;
}

export function parseWrite(text: string): WriteFields | undefined {
	const match = WRITE_RE.exec(text);
	if (!match) return undefined;
	const prev = parseDecimalU64(match[2]!);
	const next = parseDecimalU64(match[3]!);
	if (prev === undefined || next === undefined) return undefined;
	return {vcpu: Number(match[1]), prev, next};
}

export const MSR_IA32_TSC = 0x10;
export const MSR_IA32_TSC_ADJUST = 0x3b;

/** A guest write of a TSC MSR from `kvm_msr: msr_write 10 = 0x...`; undefined for any other text. */
export function parseTscMsrWrite(text: string): {msr: number; value: bigint} | undefined {
	const match = MSR_RE.exec(text);
	if (!match) return undefined;
	const msr = Number.parseInt(match[1]!, 16);
	if (msr !== MSR_IA32_TSC && msr !== MSR_IA32_TSC_ADJUST) return undefined;
	return {msr, value: BigInt(match[2]!) & ((1n << 64n) - 1n)};
}

/** KVM's vcpu_id is an int: a larger id is damage, and in the Int32 vCPU column it would wrap onto another vCPU (or -1, "not printed"). */
const MAX_VCPU_ID = 0x7fffffff;

/** The malformed-line reason for a vCPU id past any KVM's, or undefined. */
function vcpuBeyond(event: string, vcpu: number): string | undefined {
	return vcpu > MAX_VCPU_ID ? `${event} with vcpu ${vcpu}, past the largest vCPU id KVM has (${MAX_VCPU_ID})` : undefined;
}

/** A kvm_entry's vCPU (undefined when its text had none: a malformed line). */
export function recordEntry(builder: TraceBuilder, index: number, vcpu: number | undefined, line: number): void {
	const problem = vcpu === undefined ? 'kvm_entry without a vcpu id' : vcpuBeyond('kvm_entry', vcpu);
	if (problem) builder.bad(line, problem);
	else builder.run(index, KvmKind.Entry, vcpu!);
}

/** A kvm_exit's vCPU (-1 when the kernel did not print it; undefined when its text was unreadable). */
export function recordExit(builder: TraceBuilder, index: number, vcpu: number | undefined, line: number): void {
	const problem = vcpu === undefined ? 'kvm_exit without a reason' : vcpuBeyond('kvm_exit', vcpu);
	if (problem) builder.bad(line, problem);
	else builder.run(index, KvmKind.Exit, vcpu!);
}

export function recordWrite(builder: TraceBuilder, index: number, write: WriteFields | undefined, line: number): void {
	const problem = write === undefined ? 'kvm_write_tsc_offset without vcpu=, prev= and next=' : vcpuBeyond('kvm_write_tsc_offset', write.vcpu);
	if (problem) builder.bad(line, problem);
	else builder.writes.push({index, ...write!});
}

/** Only writes of a TSC MSR are kept; any other kvm_msr is an ordinary event. */
export function recordMsr(builder: TraceBuilder, index: number, msr: {msr: number; value: bigint} | undefined): void {
	if (msr) builder.msrWrites.push({index, ...msr});
}

/** Records the kvm event `name` (event `index`) from its text. */
export function recordKvmText(builder: TraceBuilder, index: number, name: KvmEventName, text: string, line: number): void {
	switch (name) {
		case KvmEvent.Entry:
			return recordEntry(builder, index, parseEntry(text), line);
		case KvmEvent.Exit:
			return recordExit(builder, index, parseExit(text), line);
		case KvmEvent.Write:
			return recordWrite(builder, index, parseWrite(text), line);
		case KvmEvent.Msr:
			return recordMsr(builder, index, parseTscMsrWrite(text));
	}
}
