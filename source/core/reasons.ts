// Words for an unresolved guest event, shared by `merge --json`, `check` and the viewer.

import {Reason} from './assign.js';

export function reasonText(reason: Reason, vcpu: number): string {
	switch (reason) {
		case Reason.NoOffset:
			return `no offset known for vCPU ${vcpu}: the host trace has no kvm_write_tsc_offset for it (pass --offset)`;
		case Reason.OutsideWindows:
			return `outside every run window of vCPU ${vcpu} under every offset that could apply`;
		case Reason.OutsideEpochs:
			return `no offset epoch of vCPU ${vcpu} contains its converted time`;
		case Reason.Order:
			return `breaks the time order of vCPU ${vcpu}'s other events under every offset that could apply`;
		case Reason.NotRecovered:
			return `no offset known for vCPU ${vcpu}: no kvm_write_tsc_offset, and no offset puts these events inside its run windows (pass --offset)`;
		case Reason.None:
			return '';
	}
}
