// Flags that name a vCPU or a guest CPU this capture does not have: most likely a typo, and
// one that would otherwise change nothing and say nothing. Each becomes a note (the flag, what
// it named, what there is); the conversion goes on without it. A note, not a usage error:
// with several guests an unprefixed flag goes to each, and may fit only some of them.

import type {OffsetFlags} from './offsets/offset-source.js';
import {formatSigned} from '../model/u64.js';

/** `vCPU 0`, `vCPUs 0, 1`, or `no vCPUs` for an empty list. */
function numbered(word: string, ids: readonly number[]): string {
	return ids.length === 0 ? `no ${word}s` : `${word}${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
}

/**
 * `vcpus`: every vCPU the guest's events map to or the VM's threads run; `guestCpus`: every
 * CPU the guest trace has events on. Both ascending.
 */
export function unusedFlagNotes(
	offsets: OffsetFlags | undefined,
	vcpuMap: Map<number, number> | undefined,
	vcpus: readonly number[],
	guestCpus: readonly number[],
): string[] {
	const notes: string[] = [];
	const haveVcpu = new Set(vcpus);
	for (const [vcpu, offset] of offsets?.perVcpu ?? []) {
		if (haveVcpu.has(vcpu)) continue;
		notes.push(`--offset ${vcpu}=${formatSigned(offset)} not used: neither the guest's events nor the VM's threads have vCPU ${vcpu} (they have ${numbered('vCPU', vcpus)})`);
	}
	const haveCpu = new Set(guestCpus);
	for (const [cpu, vcpu] of vcpuMap ?? []) {
		if (haveCpu.has(cpu)) continue;
		notes.push(`--vcpu-map ${cpu}=${vcpu} not used: the guest trace has no events on CPU ${cpu} (it has events on ${numbered('CPU', guestCpus)})`);
	}
	return notes;
}
