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
	if (isVcpu(src, i, end)) {
		i += 5;
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
	if (!isReason(src, i, end) || i + 7 >= end) return undefined;
	const c = src[i + 7]!;
	return c === 32 || (c >= 9 && c <= 13) || c === 160 ? undefined : vcpu;
}

// The two words compared byte by byte, written out: a loop over a Buffer of the word was not
// inlined and cost a fifth of quickVcpu's time.

/** src[at, end) starts with `vcpu `. */
function isVcpu(src: Uint8Array, at: number, end: number): boolean {
	return end - at >= 5 && src[at] === 118 && src[at + 1] === 99 && src[at + 2] === 112 && src[at + 3] === 117 && src[at + 4] === 32;
}

/** src[at, end) starts with `reason `. */
function isReason(src: Uint8Array, at: number, end: number): boolean {
	return (
		end - at >= 7 &&
		src[at] === 114 &&
		src[at + 1] === 101 &&
		src[at + 2] === 97 &&
		src[at + 3] === 115 &&
		src[at + 4] === 111 &&
		src[at + 5] === 110 &&
		src[at + 6] === 32
	);
}

/** Records a kvm event from its text, src[start, end): entry and exit vCPUs read from the bytes when they can be. */
export function kvmRecord(builder: TraceBuilder, index: number, name: KvmEventName, src: Uint8Array, start: number, end: number, line: number): void {
	if (name === KvmEvent.Entry) recordEntry(builder, index, quickVcpu(src, start, end, false) ?? parseEntry(latin1(src, start, end)), line);
	else if (name === KvmEvent.Exit) recordExit(builder, index, quickVcpu(src, start, end, true) ?? parseExit(latin1(src, start, end)), line);
	else recordKvmText(builder, index, name, latin1(src, start, end), line);
}
