// The kvm events a host trace needs, read from a text line's event text in the read buffer.

import {KvmEvent, parseEntry, parseExit, recordEntry, recordExit, recordKvmText, type KvmEventName} from '../../model/kvm-events.js';
import type {TraceBuilder} from '../../model/trace.js';
import {latin1} from './line.js';

/**
 * A kvm_entry's or kvm_exit's vCPU read straight from the chunk for the usual spellings
 * (`vcpu N...`, `vcpu N reason X...`, `reason X...`); undefined sends the text through
 * the regular expressions in model/kvm-events.ts instead, which decide every other case.
 */
export function quickVcpu(src: Uint8Array, start: number, end: number, exit: boolean): number | undefined {
	let i = start;
	let vcpu = -1;
	if (has(src, i, end, VCPU)) {
		i += VCPU.length;
		const digits = i;
		vcpu = 0;
		while (i < end && i - digits < 9) {
			const c = src[i]!;
			if (c < 48 || c > 57) break;
			vcpu = vcpu * 10 + c - 48;
			i++;
		}
		if (i === digits || (i < end && src[i]! >= 48 && src[i]! <= 57)) return undefined;
		if (!exit) return vcpu;
		if (i >= end || src[i] !== 32) return undefined;
		i++;
	} else if (!exit) {
		return undefined;
	}
	if (!has(src, i, end, REASON) || i + REASON.length >= end) return undefined;
	const c = src[i + REASON.length]!;
	return c === 32 || (c >= 9 && c <= 13) || c === 160 ? undefined : vcpu;
}

const VCPU = Buffer.from('vcpu ');
const REASON = Buffer.from('reason ');

function has(src: Uint8Array, at: number, end: number, bytes: Uint8Array): boolean {
	if (end - at < bytes.length) return false;
	for (let k = 0; k < bytes.length; k++) if (src[at + k] !== bytes[k]) return false;
	return true;
}

/** Records a kvm event from its text, src[start, end): entry and exit vCPUs read from the bytes when they can be. */
export function kvmRecord(builder: TraceBuilder, index: number, name: KvmEventName, src: Uint8Array, start: number, end: number, line: number): void {
	if (name === KvmEvent.Entry) recordEntry(builder, index, quickVcpu(src, start, end, false) ?? parseEntry(latin1(src, start, end)), line);
	else if (name === KvmEvent.Exit) recordExit(builder, index, quickVcpu(src, start, end, true) ?? parseExit(latin1(src, start, end)), line);
	else recordKvmText(builder, index, name, latin1(src, start, end), line);
}
