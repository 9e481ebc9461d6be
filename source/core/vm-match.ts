// Which VM each of several guest files belongs to: the one --vm names, the one trace-cmd's
// GUEST option names by trace id, or the one whose run windows the guest's events fit
// (vm-fit.ts), taken only when it fits clearly and no other guest claims it. Every guest that
// stays unclear, and every VM two guests would share, is one sentence of one vm-choice error.

import {InputError} from '../model/errors.js';
import type {Trace} from '../model/trace.js';
import type {HostIndex} from './host-index.js';
import {vmFit, type VmFit} from './vm-fit.js';
import {guestThreadsFromDat, selectVm} from './vms.js';

export interface GuestToMatch {
	guest: Trace;
	/** `--vm` for this guest, when given. */
	vm: number[] | undefined;
	vcpuOf: (cpu: number) => number;
}

/** `g2 (b.txt)`: how a message names a guest file. */
export function guestName(position: number, guest: Trace): string {
	return `g${position + 1} (${guest.file})`;
}

interface Claim {
	position: number;
	how: 'flag' | 'dat' | 'fit';
	pids: Set<number>;
	fit?: VmFit;
}

function overlaps(a: Set<number>, b: Set<number>): boolean {
	for (const pid of a) if (b.has(pid)) return true;
	return false;
}

function pidsOf(side: HostIndex, ids: number[]): Set<number> | undefined {
	try {
		return new Set(selectVm(side.vms, side.threads, ids).threads.map((t) => t.pid));
	} catch {
		// A --vm the host does not hold: align says so, naming the guest.
		return undefined;
	}
}

const SHOWN = 4;

function unclearSentence(position: number, guest: Trace, candidates: VmFit[], byTgid: boolean): string {
	const flag = `--vm g${position + 1}:${byTgid ? 'TGID' : 'PID[,PID...]'}`;
	const scored = candidates.filter((c) => c.explained > 0);
	const named = scored.slice(0, SHOWN).map((c) => `${c.label}: ${c.explained} of ${guest.count} events`);
	if (scored.length > SHOWN) named.push(`${scored.length - SHOWN} more`);
	const fits = named.length > 0 ? `its events fit no VM clearly (${named.join('; ')})` : 'its events fit no VM\'s run windows';
	return `${guestName(position, guest)}: ${fits}; pass ${flag}.`;
}

/**
 * The `--vm` value to align each guest with: the given one, undefined where trace-cmd's GUEST
 * option names the threads (align reads it), or the one the events clearly fit.
 */
export function matchVms(side: HostIndex, guests: GuestToMatch[]): (number[] | undefined)[] {
	const known = new Set(side.threads.map((t) => t.pid));
	const claims: Claim[] = [];
	const open: number[] = [];
	guests.forEach((g, position) => {
		if (g.vm) {
			const pids = pidsOf(side, g.vm);
			if (pids) claims.push({position, how: 'flag', pids});
			return;
		}
		const fromDat = guestThreadsFromDat(side.host, g.guest)?.filter((pid) => known.has(pid));
		if (fromDat && fromDat.length > 0) claims.push({position, how: 'dat', pids: new Set(fromDat)});
		else open.push(position);
	});
	const sentences: string[] = [];
	const unclear: number[] = [];
	const byTgid = side.vms.every((vm) => vm.byTgid);
	const fits = new Map<number, VmFit[]>();
	for (const position of open) {
		const g = guests[position]!;
		if (side.vms.length === 0) continue;
		const {best, candidates} = vmFit(side.host, g.guest, side.vms, g.vcpuOf, side.windows);
		fits.set(position, candidates);
		if (best) claims.push({position, how: 'fit', pids: pidsOf(side, best.ids) ?? new Set(best.ids), fit: best});
		else unclear.push(position);
	}
	// A VM fitted by one guest and claimed by another: say so rather than pick for them.
	const doubled = new Set<number>();
	for (const claim of claims) {
		if (claim.how !== 'fit') continue;
		const other = claims.find((c) => c !== claim && overlaps(c.pids, claim.pids));
		if (!other) continue;
		doubled.add(claim.position);
		if (other.how === 'fit' && doubled.has(other.position)) continue;
		const a = guests[claim.position]!.guest;
		const b = guests[other.position]!.guest;
		const why = other.how === 'flag' ? `which --vm gives to ${guestName(other.position, b)}` : other.how === 'dat' ? `which the host trace.dat names for ${guestName(other.position, b)}` : `as do the events of ${guestName(other.position, b)}`;
		sentences.push(
			`${guestName(claim.position, a)}: its events fit VM ${claim.fit!.label}, ${why}; give each guest its own VM (--vm g${claim.position + 1}:ID), or the same --vm to both if they really share it.`,
		);
	}
	// One guest left unclear and one VM nobody claims: that is its VM.
	const unclaimed = side.vms.filter((vm) => !claims.some((c) => vm.threads.some((t) => c.pids.has(t.pid))));
	const taken = new Map<number, number[]>();
	if (unclear.length === 1 && unclaimed.length === 1 && sentences.length === 0) {
		const vm = unclaimed[0]!;
		taken.set(unclear[0]!, vm.byTgid ? [vm.id] : vm.threads.map((t) => t.pid));
	} else {
		for (const position of unclear) sentences.push(unclearSentence(position, guests[position]!.guest, fits.get(position) ?? [], byTgid));
	}
	if (sentences.length > 0) {
		throw new InputError('vm-choice', `Which VM each guest file belongs to is unclear:\n${sentences.map((s) => `  ${s}`).join('\n')}`);
	}
	return guests.map((g, position) => {
		if (g.vm) return g.vm;
		const claim = claims.find((c) => c.position === position);
		if (claim?.how === 'fit') return claim.fit!.ids;
		return taken.get(position);
	});
}
