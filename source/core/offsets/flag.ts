// Offset source 2: --offset OFF or --offset VCPU=OFF, one offset for all time.

import {constantEpoch} from '../epochs.js';
import type {OffsetSourceEntry} from './offset-source.js';

export const flagSource: OffsetSourceEntry = {
	name: 'flag',
	stated: true,
	find({offsets, vcpu}) {
		const flag = offsets?.perVcpu.get(vcpu) ?? offsets?.all;
		return flag === undefined ? undefined : {epochs: [constantEpoch(flag, 'flag', '--offset')]};
	},
	describe: () => 'flag --offset',
};
