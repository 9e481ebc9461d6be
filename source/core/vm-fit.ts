// When the VM is unclear, which vCPU threads do the guest's events fit? Each candidate is
// tried with offset recovery; the answer goes into the error as a hint with the flag to add,
// or, with several guest files, picks the VM (vm-match.ts).

import {InputError} from '../model/errors.js';
import {eventsByVcpu} from './guest-vcpus.js';
import {recoverVcpu} from './offsets/recovery/vcpu.js';
import type {Trace} from '../model/trace.js';
import {threadsByVcpu, type HostThread, type Vm} from './vms.js';
import {runWindows, type RunWindows} from './windows.js';

/** Run windows of a set of threads (HostIndex.windows caches them per thread). */
export type WindowsOf = (pids: readonly number[]) => RunWindows;

/** What the guest's events fit: the `--vm` value that picks it, and how many events fit. */
export interface VmFit {
	/** A tgid, or one thread pid per guest vCPU. */
	ids: number[];
	/** `tgid 3016` or `threads 3026,3027`. */
	label: string;
	explained: number;
}

/** How well a guest fits: the clear best, if any, and every candidate scored (best first). */
export interface FitResult {
	best: VmFit | undefined;
	candidates: VmFit[];
}

function explainedBy(windowsOf: WindowsOf, guest: Trace, threads: HostThread[], events: Uint32Array): number {
	if (threads.length === 0) return 0;
	const windows = windowsOf(threads.map((t) => t.pid));
	if (windows.count === 0) return 0;
	return recoverVcpu(guest.tsc, events, windows).pieces.reduce((n, p) => n + p.explained, 0);
}

function byScore<T extends {explained: number}>(scores: T[]): T[] {
	return [...scores].sort((a, b) => b.explained - a.explained);
}

/** The best of `scores` when it is at least twice the runner-up. */
function clearBest<T extends {explained: number}>(scores: T[]): T | undefined {
	const [best, next] = byScore(scores);
	return best && best.explained > 0 && (!next || next.explained * 2 <= best.explained) ? best : undefined;
}

/** Scores every VM (grouped by tgid), or, without tgid, every thread per guest vCPU. */
export function vmFit(host: Trace, guest: Trace, vms: Vm[], vcpuOf: (cpu: number) => number, windowsOf: WindowsOf = (pids) => runWindows(host, pids)): FitResult {
	const byVcpu = new Map([...eventsByVcpu(guest, vcpuOf)].map(([vcpu, {events}]) => [vcpu, events]));
	if (vms.every((vm) => vm.byTgid)) {
		const candidates = byScore(
			vms.map((vm) => {
				const threadsOf = threadsByVcpu(vm.threads);
				const explained = [...byVcpu].reduce((n, [vcpu, events]) => n + explainedBy(windowsOf, guest, threadsOf.get(vcpu) ?? [], events), 0);
				return {ids: [vm.id], label: `tgid ${vm.id}`, explained};
			}),
		);
		return {best: clearBest(candidates), candidates};
	}
	const pids: number[] = [];
	let explained = 0;
	const candidates: VmFit[] = [];
	const threadsOf = threadsByVcpu(vms.flatMap((vm) => vm.threads));
	for (const [vcpu, events] of byVcpu) {
		const scored = (threadsOf.get(vcpu) ?? []).map((t) => ({ids: [t.pid], label: `thread ${t.pid}`, explained: explainedBy(windowsOf, guest, [t], events)}));
		candidates.push(...scored);
		const best = clearBest(scored);
		if (!best) continue;
		pids.push(best.ids[0]!);
		explained += best.explained;
	}
	pids.sort((a, b) => a - b);
	const best = pids.length > 0 ? {ids: pids, label: `threads ${pids.join(',')}`, explained} : undefined;
	return {best, candidates: byScore(candidates)};
}

/** The vm-choice error with a hint naming the --vm the guest's events fit, when they clearly fit one. */
export function withFitHint(error: InputError, host: Trace, guest: Trace, vms: Vm[], vcpuOf: (cpu: number) => number): InputError {
	if (guest.count === 0 || vms.length < 2) return error;
	const fit = vmFit(host, guest, vms, vcpuOf).best;
	if (!fit) return error;
	return new InputError(
		error.code,
		`${error.message}\nThe guest's events fit --vm ${fit.ids.join(',')} (${fit.explained} of ${guest.count} inside its run windows under a recovered offset).`,
		error.file,
	);
}
