// The kvm events' text in every kernel generation and libtraceevent's plugin rewrite
// (docs/domain.md §9). Lenient: trailing fields are ignored.

import {parseDecimalU64} from '../model/u64.js';

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
