// Offset source 3: trace-cmd's own time sync, the TIME_SHIFT option of a guest trace.dat.

import type {Epoch} from '../epochs.js';
import type {OffsetSourceEntry} from './offset-source.js';
import type {Trace} from '../../model/trace.js';
import {wrapU64} from '../../model/u64.js';

/** TIME_SHIFT samples are host minus guest; KVM's offset is the negation. */
const kvm = (stored: bigint): bigint => wrapU64(-stored);

export interface TimeShiftEpochs {
	epochs: Epoch[];
	/** Things the conversion cannot follow, one sentence each (scaling, interpolation). */
	notes: string[];
}

/**
 * The offset epochs trace-cmd's TIME_SHIFT gives a vCPU (its guest CPUs' samples): one epoch
 * per distinct offset, starting at the host TSC of the sample that brought it. Undefined when
 * the guest file has no TIME_SHIFT for those CPUs.
 */
export function timeShiftEpochs(guest: Trace, cpus: readonly number[]): TimeShiftEpochs | undefined {
	const shift = guest.meta?.timeShift;
	if (!shift) return undefined;
	const samples = shift.cpus
		.filter((c) => cpus.includes(c.cpu))
		.flatMap((c) => c.samples)
		.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
	if (samples.length === 0) return undefined;
	const notes: string[] = [];
	if (samples.some((s) => s.scaling > 1n)) {
		notes.push('TIME_SHIFT records TSC scaling, which is not applied: pass --tsc-ratio and --tsc-frac-bits');
	}
	const epochs: Epoch[] = [];
	for (const sample of samples) {
		const offset = kvm(sample.offset);
		if (epochs.at(-1)?.offset === offset) continue;
		const start = epochs.length === 0 ? undefined : wrapU64(sample.time - offset);
		const previous = epochs.at(-1);
		if (previous) previous.end = start;
		epochs.push({
			index: epochs.length,
			start,
			end: undefined,
			offset,
			source: 'time_shift',
			cause: `trace-cmd TIME_SHIFT sample at guest TSC ${sample.time}`,
			writeIndex: -1,
		});
	}
	if (shift.interpolate && epochs.length > 1) {
		notes.push('TIME_SHIFT asks to interpolate between samples; tscalign steps from one sample to the next');
	}
	return {epochs, notes};
}

export const timeShiftSource: OffsetSourceEntry = {
	name: 'time_shift',
	stated: true,
	find: ({guest, guestCpus}) => timeShiftEpochs(guest, guestCpus),
	describe: () => 'trace.dat TIME_SHIFT',
};
