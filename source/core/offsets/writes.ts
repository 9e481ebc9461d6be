// Offset source 1: the vCPU's traced kvm_write_tsc_offset events (docs/conversion.md).

import {epochsFromWrites} from '../epochs.js';
import type {OffsetSourceEntry} from './offset-source.js';

export const writeSource: OffsetSourceEntry = {
	name: 'write',
	stated: false,
	find(context) {
		const {epochs, lost} = epochsFromWrites(context.host, context.writes, context.lastEntryBefore);
		return epochs.length > 0 ? {epochs, lost} : undefined;
	},
	describe: (epoch) => (epoch.start === undefined ? epoch.cause : `write at host TSC ${epoch.start} (${epoch.cause})`),
};
