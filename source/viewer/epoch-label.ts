// Words for epochs and offsets in the top bar and the detail pane.

import type {VcpuReport} from '../core/align.js';
import type {Epoch} from '../core/epochs.js';
import {offsetSource} from '../core/offsets/sources.js';
import {formatSigned} from '../model/u64.js';

/** Index of the epoch of `report` that holds host TSC `tsc`, -1 when the vCPU has none. */
export function epochIndexAt(report: VcpuReport, tsc: bigint): number {
	const {epochs} = report;
	let found = epochs.length > 0 ? 0 : -1;
	for (let e = 1; e < epochs.length; e++) {
		const start = epochs[e]!.start;
		if (start !== undefined && start <= tsc) found = e;
		else break;
	}
	return found;
}

/** What started an epoch: `write at host TSC t (msr_write 10)`, `recovered`, `--offset`, ... (its source says). */
export function epochCause(epoch: Epoch): string {
	return offsetSource(epoch.source)?.describe(epoch) ?? `${epoch.source}: ${epoch.cause}`;
}

/** What started an epoch, in a word or two: `msr_write 10`, `--offset`, `TIME_SHIFT`, `recovered`. */
export function epochCauseShort(epoch: Epoch): string {
	switch (epoch.source) {
		case 'write':
			return epoch.cause;
		case 'flag':
			return '--offset';
		case 'recovered':
			return 'recovered';
		case 'time_shift':
			return 'TIME_SHIFT';
		default:
			return epoch.source;
	}
}

/**
 * The epoch label from long to short, for a bar that must fit its width. `partial`: only the
 * start of the trace is aligned, so the count is a floor (`epoch 1/≥3`).
 */
export function epochLabels(report: VcpuReport, index: number, partial = false): string[] {
	const n = report.epochs.length;
	if (index < 0 || n === 0) return ['no offset known (no kvm_write_tsc_offset, no --offset)', 'no offset known'];
	const epoch = report.epochs[index]!;
	const of = `${index}/${partial ? '≥' : ''}${n}`;
	const head = `epoch ${of} offset ${formatSigned(epoch.offset)}`;
	return [`${head} · ${epochCause(epoch)}`, `${head} · ${epochCauseShort(epoch)}`, head, `epoch ${of} ${formatSigned(epoch.offset)}`];
}

/** `epoch 2/3 offset -4000100000 · write at host TSC 5000001000 (msr_write 10)`; `partial` as for epochLabels. */
export function epochLabel(report: VcpuReport, index: number, partial = false): string {
	return epochLabels(report, index, partial)[0]!;
}
