// Option ids and the decoders of the options this tool uses (docs/tracedat-format.md §5).

import {ByteView, textOf} from './bytes.js';
import type {GuestInfo, TimeShift, TimeShiftCpu, Tsc2Nsec} from '../../model/trace-meta.js';

export const Option = {
	Done: 0,
	Date: 1,
	CpuStat: 2,
	Buffer: 3,
	TraceClock: 4,
	Uname: 5,
	Hook: 6,
	Offset: 7,
	CpuCount: 8,
	Version: 9,
	ProcMaps: 10,
	TraceId: 11,
	TimeShift: 12,
	Guest: 13,
	Tsc2Nsec: 14,
	Strings: 15,
	HeaderInfo: 16,
	FtraceEvents: 17,
	EventFormats: 18,
	Kallsyms: 19,
	Printk: 20,
	Cmdlines: 21,
	BufferText: 22,
} as const;

export interface RawOption {
	id: number;
	data: Uint8Array;
	/** File offset of the data (of its section when the section was compressed). */
	offset: number;
	decompressed: boolean;
}

export function viewOf(option: RawOption, little: boolean, what: string): ByteView {
	return new ByteView(option.data, little, option.offset, what, option.decompressed);
}

/** A NUL-terminated (or not) option string. */
export function optionText(option: RawOption): string {
	const nul = option.data.indexOf(0);
	return textOf(nul >= 0 ? option.data.subarray(0, nul) : option.data).trim();
}

/** The selected clock of a TRACECLOCK text: the token in brackets, or the only token. */
export function selectedClock(text: string): string | undefined {
	const match = /\[([^\]]+)\]/.exec(text);
	if (match) return match[1];
	const words = text.trim().split(/\s+/).filter(Boolean);
	return words.length === 1 ? words[0] : undefined;
}

export function decodeTimeShift(view: ByteView): TimeShift {
	const peerTraceId = view.u64('the peer trace id');
	const flags = view.u32('the TIME_SHIFT flags');
	const cpuCount = view.u32('the TIME_SHIFT CPU count');
	if (cpuCount * 4 > view.remaining) view.fail(`${cpuCount} CPUs of TIME_SHIFT samples`);
	const cpus: TimeShiftCpu[] = [];
	for (let cpu = 0; cpu < cpuCount; cpu++) {
		const n = view.u32(`the sample count of CPU ${cpu}`);
		if (n * 24 > view.remaining) view.fail(`${n} TIME_SHIFT samples for CPU ${cpu}`);
		const times: bigint[] = [];
		const offsets: bigint[] = [];
		const scalings: bigint[] = [];
		for (let i = 0; i < n; i++) times.push(view.u64('a sample time'));
		for (let i = 0; i < n; i++) offsets.push(view.i64('a sample offset'));
		for (let i = 0; i < n; i++) scalings.push(view.u64('a sample scaling'));
		cpus.push({cpu, samples: times.map((time, i) => ({time, offset: offsets[i]!, scaling: scalings[i]!, fracBits: 0}))});
	}
	// The fraction-bits arrays were added later and are present only if bytes remain.
	if (view.remaining > 0) {
		for (const entry of cpus) {
			for (const sample of entry.samples) sample.fracBits = Number(view.u64('a sample fraction bits'));
		}
	}
	return {peerTraceId, flags, interpolate: (flags & 1) !== 0, cpus};
}

export function decodeGuest(view: ByteView): GuestInfo {
	const name = view.cstring('the guest name');
	const traceId = view.u64('the guest trace id');
	const count = view.u32('the guest vCPU count');
	if (count * 8 > view.remaining) view.fail(`${count} vCPU entries`);
	const vcpus: GuestInfo['vcpus'] = [];
	for (let i = 0; i < count; i++) {
		const vcpu = view.u32('a vCPU id');
		const pid = view.u32('a host pid');
		vcpus.push({vcpu, pid});
	}
	return {name, traceId, vcpus};
}

export function decodeTsc2Nsec(view: ByteView): Tsc2Nsec {
	const multiplier = view.u32('the TSC2NSEC multiplier');
	const shift = view.u32('the TSC2NSEC shift');
	const offset = view.u64('the TSC2NSEC offset');
	return {multiplier, shift, offset};
}
