// When the VM is unclear, which vCPU threads do the guest's events fit? Each candidate is
// tried with offset recovery; the answer goes into the error as a hint with the flag to add.

import {InputError} from '../model/errors.js';
import {eventsByVcpu} from './guest-vcpus.js';
import {recoverVcpu} from './offsets/recovery/vcpu.js';
import type {Trace} from '../model/trace.js';
import {threadsByVcpu, type HostThread, type Vm} from './vms.js';
import {runWindows} from './windows.js';

function explainedBy(host: Trace, guest: Trace, threads: HostThread[], events: Uint32Array): number {
	const windows = runWindows(host, threads.map((t) => t.pid));
	if (windows.count === 0) return 0;
	return recoverVcpu(guest.tsc, events, windows).pieces.reduce((n, p) => n + p.explained, 0);
}

/** The best of `scores` when it is at least twice the runner-up. */
function clearBest<T>(scores: {item: T; explained: number}[]): {item: T; explained: number} | undefined {
	const [best, next] = [...scores].sort((a, b) => b.explained - a.explained);
	return best && best.explained > 0 && (!next || next.explained * 2 <= best.explained) ? best : undefined;
}

/** The flag that picks what the guest fits: a tgid, or one thread per guest vCPU. */
function fittingFlag(host: Trace, guest: Trace, vms: Vm[], vcpuOf: (cpu: number) => number): {flag: string; explained: number} | undefined {
	const byVcpu = new Map([...eventsByVcpu(guest, vcpuOf)].map(([vcpu, {events}]) => [vcpu, events]));
	if (vms.every((vm) => vm.byTgid)) {
		const best = clearBest(
			vms.map((vm) => {
				const threadsOf = threadsByVcpu(vm.threads);
				return {item: vm, explained: [...byVcpu].reduce((n, [vcpu, events]) => n + explainedBy(host, guest, threadsOf.get(vcpu) ?? [], events), 0)};
			}),
		);
		return best && {flag: String(best.item.id), explained: best.explained};
	}
	const pids: number[] = [];
	let explained = 0;
	const threadsOf = threadsByVcpu(vms.flatMap((vm) => vm.threads));
	for (const [vcpu, events] of byVcpu) {
		const candidates = threadsOf.get(vcpu) ?? [];
		const best = clearBest(candidates.map((t) => ({item: t, explained: explainedBy(host, guest, [t], events)})));
		if (!best) continue;
		pids.push(best.item.pid);
		explained += best.explained;
	}
	return pids.length > 0 ? {flag: pids.sort((a, b) => a - b).join(','), explained} : undefined;
}

/** The vm-choice error with a hint naming the --vm the guest's events fit, when they clearly fit one. */
export function withFitHint(error: InputError, host: Trace, guest: Trace, vms: Vm[], vcpuOf: (cpu: number) => number): InputError {
	if (guest.count === 0 || vms.length < 2) return error;
	const fit = fittingFlag(host, guest, vms, vcpuOf);
	if (!fit) return error;
	return new InputError(
		error.code,
		`${error.message}\nThe guest's events fit --vm ${fit.flag} (${fit.explained} of ${guest.count} inside its run windows under a recovered offset).`,
		error.file,
	);
}
