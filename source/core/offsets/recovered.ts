// Offset source 4: the offsets under which the vCPU's guest events fall inside its thread's
// run windows, recovered when nothing else gives one (docs/recovery.md).

import type {Trace} from '../../model/trace.js';
import {wrapU64} from '../../model/u64.js';
import type {Epoch} from '../epochs.js';
import type {OffsetSourceEntry} from './offset-source.js';
import {recoverVcpu, type RecoveredPiece} from './recovery/vcpu.js';

export const recoveredSource: OffsetSourceEntry = {
	name: 'recovered',
	stated: false,
	find({guest, events, windows, recover, scaling}) {
		// Recovery needs windows to fit and an unscaled guest.
		if (!recover || !windows || scaling || events.length === 0) return undefined;
		const recovery = recoverVcpu(guest.tsc, events, windows);
		return {epochs: recoveredEpochs(guest, events, recovery.pieces), recovery};
	},
	describe: () => 'recovered from run windows',
};

/** Recovered pieces as epochs; a later piece starts where its first event lands, an uncertain boundary. */
function recoveredEpochs(guest: Trace, events: Uint32Array, pieces: readonly RecoveredPiece[]): Epoch[] {
	const starts = pieces.map((p, i) => (i === 0 ? undefined : wrapU64(guest.tsc[events[p.first]!]! - p.offset)));
	return pieces.map((p, i) => ({
		index: i,
		start: starts[i],
		end: starts[i + 1],
		offset: wrapU64(p.offset),
		source: 'recovered',
		cause:
			p.startsBy === 'start'
				? 'fitted to the run windows'
				: `fitted to the run windows; boundary uncertain (${p.startsBy} at guest line ${guest.line[events[p.first]!]})`,
		writeIndex: -1,
		interval: {lo: p.lo, hi: p.hi},
	}));
}
