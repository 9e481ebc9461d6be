// Which VM each of several guest files belongs to: the one --vm names, the one trace-cmd's
// GUEST option names by trace id, or the one whose run windows the guest's events fit
// (vm-fit.ts), taken only when it fits clearly and no other guest claims it. Every guest that
// stays unclear, and every VM two guests would share, is one sentence of one vm-choice error.

import {InputError} from '../model/errors.js';
import type {Trace} from '../model/trace.js';
import type {HostIndex} from './host-index.js';
import {align, vcpuOfCpu, type AlignOptions, type Alignment} from './align.js';
import {eventsByVcpu} from './guest-vcpus.js';
import {guestThreadsFromDat, selectVm, threadsByVcpu} from './vms.js';

export interface GuestToMatch {
	guest: Trace;
	/** The guest itself, or a sample of a large one (sampleTrace): what each VM is tried with. */
	sample: Trace;
	/** This guest's options; `vm` when given. */
	options: AlignOptions;
}

/** A VM (a tgid, or one thread per guest vCPU) a guest was tried against, and how many of its events came out converted. */
interface Fit {
	ids: number[];
	label: string;
	explained: number;
	/** Every offset came from a stated source (writes, --offset, TIME_SHIFT), none recovered. */
	stated: boolean;
	alignment: Alignment | undefined;
}

/** Converted events: exact or ambiguous (for a vCPU without run windows that proves nothing, but it is the same for every VM). */
function converted(a: Alignment, vcpu?: number): number {
	const vcpus = vcpu === undefined ? a.vcpus : a.vcpus.filter((v) => v.vcpu === vcpu);
	return vcpus.reduce((n, v) => n + v.exact + v.ambiguous, 0);
}

function stated(a: Alignment, vcpu?: number): boolean {
	return a.vcpus.every((v) => (vcpu !== undefined && v.vcpu !== vcpu) || v.events.length === 0 || (v.epochs.length > 0 && v.recovered === undefined));
}

/** Events a guest is tried with against each VM: enough to tell VMs apart, few enough that trying V VMs costs little beside converting it once. */
const SAMPLE = 20_000;

/**
 * Every k-th event of a large guest trace, as a trace of its own (columns copied, text read
 * from the original): its vCPUs' events keep their order, and it spans the whole trace.
 */
export function sampleTrace(guest: Trace, size = SAMPLE): Trace {
	if (guest.count <= size) return guest;
	const step = guest.count / size;
	const pick = Uint32Array.from({length: size}, (_, k) => Math.floor(k * step));
	const take = <T extends BigUint64Array | Uint32Array | Int32Array>(column: T, make: (n: number) => T): T => {
		const out = make(size);
		for (let k = 0; k < size; k++) out[k] = column[pick[k]!]!;
		return out;
	};
	return {
		...guest,
		count: size,
		tsc: take(guest.tsc, (n) => new BigUint64Array(n)),
		cpu: take(guest.cpu, (n) => new Uint32Array(n)),
		pid: take(guest.pid, (n) => new Int32Array(n)),
		tgid: take(guest.tgid, (n) => new Int32Array(n)),
		line: take(guest.line, (n) => new Uint32Array(n)),
		name: take(guest.name, (n) => new Uint32Array(n)),
		comm: take(guest.comm, (n) => new Uint32Array(n)),
		kvm: {count: 0, index: new Uint32Array(0), kind: new Uint8Array(0), vcpu: new Int32Array(0)},
		writes: [],
		msrWrites: [],
		lost: [],
		text: (k) => guest.text(pick[k]!),
		raw: (k) => guest.raw(pick[k]!),
		close: () => undefined,
	};
}

function tryVm(side: HostIndex, g: GuestToMatch, ids: number[]): Alignment | undefined {
	try {
		return align(side.host, g.sample, {...g.options, vm: ids}, side);
	} catch {
		return undefined;
	}
}

/**
 * When does the best VM fit clearly? Busy VMs' run windows cover most of the host's time, so a
 * wrong VM converts many events too; what tells the right one is that it leaves (almost) none
 * out: the runner-up must leave at least twice as many out, plus 3. Offsets recovered from a
 * wrong VM's windows bend to fit many events, while its traced writes cannot: a VM whose
 * stated offsets leave almost nothing out wins over recovered fits.
 */
function clearBest(fits: Fit[], events: number): Fit | undefined {
	const sorted = [...fits].sort((a, b) => b.explained - a.explained);
	const clear = (list: Fit[]): Fit | undefined => {
		const [best, next] = list;
		if (!best || best.explained <= 0) return undefined;
		if (!next) return best.explained * 2 >= events ? best : undefined;
		return events - next.explained >= 2 * (events - best.explained) + 3 ? best : undefined;
	};
	const stated = clear(sorted.filter((f) => f.stated));
	if (stated && events - stated.explained <= Math.max(2, events / 50)) return stated;
	return clear(sorted);
}

/**
 * Every VM the guest could be, each tried by aligning the guest with it: with its traced
 * offset writes, or offsets recovered from its run windows. Without tgid, each vCPU's threads
 * are tried on their own. The clear best, if any, and every candidate (best first).
 */
function fitGuest(side: HostIndex, g: GuestToMatch): {best: Fit | undefined; candidates: Fit[]} {
	const {vms} = side;
	const byScore = (fits: Fit[]): Fit[] => [...fits].sort((a, b) => b.explained - a.explained);
	if (vms.every((vm) => vm.byTgid)) {
		const fits = vms.map((vm) => {
			const alignment = tryVm(side, g, [vm.id]);
			return {ids: [vm.id], label: `tgid ${vm.id}`, explained: alignment ? converted(alignment) : 0, stated: alignment ? stated(alignment) : false, alignment};
		});
		return {best: clearBest(fits, g.sample.count), candidates: byScore(fits)};
	}
	const candidates: Fit[] = [];
	const pids: number[] = [];
	let explained = 0;
	const vcpuOf = (cpu: number): number => vcpuOfCpu(cpu, g.options.vcpuMap);
	for (const [vcpu, {events}] of eventsByVcpu(g.sample, vcpuOf)) {
		const fits = (threadsByVcpu(side.threads).get(vcpu) ?? []).map((t) => {
			const alignment = tryVm(side, g, [t.pid]);
			return {ids: [t.pid], label: `thread ${t.pid}`, explained: alignment ? converted(alignment, vcpu) : 0, stated: alignment ? stated(alignment, vcpu) : false, alignment: undefined};
		});
		candidates.push(...fits);
		const best = clearBest(fits, events.length);
		if (!best) continue;
		pids.push(best.ids[0]!);
		explained += best.explained;
	}
	pids.sort((a, b) => a - b);
	const best = pids.length > 0 ? {ids: pids, label: `threads ${pids.join(',')}`, explained, stated: false, alignment: undefined} : undefined;
	return {best, candidates: byScore(candidates)};
}

/** `g2 (b.txt)`: how a message names a guest file. */
export function guestName(position: number, guest: Trace): string {
	return `g${position + 1} (${guest.file})`;
}

interface Claim {
	position: number;
	how: 'flag' | 'dat' | 'fit';
	pids: Set<number>;
	fit?: Fit;
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

function unclearSentence(position: number, g: GuestToMatch, candidates: Fit[], byTgid: boolean): string {
	const flag = `--vm g${position + 1}:${byTgid ? 'TGID' : 'PID[,PID...]'}`;
	const scored = candidates.filter((c) => c.explained > 0);
	const of = g.sample === g.guest ? `${g.guest.count} events` : `${g.sample.count} events sampled`;
	const named = scored.slice(0, SHOWN).map((c) => `${c.label}: ${c.explained} of ${of}`);
	if (scored.length > SHOWN) named.push(`${scored.length - SHOWN} more`);
	const fits = named.length > 0 ? `its events fit no VM clearly (${named.join('; ')})` : 'its events fit no VM\'s run windows';
	return `${guestName(position, g.guest)}: ${fits}; pass ${flag}.`;
}

/** A guest's VM: the `--vm` to align it with, and the alignment when trying it made one already. */
export interface Matched {
	vm: number[] | undefined;
	alignment?: Alignment | undefined;
}

/**
 * The `--vm` value to align each guest with: the given one, undefined where trace-cmd's GUEST
 * option names the threads (align reads it), or the one the events clearly fit.
 */
export function matchVms(side: HostIndex, guests: GuestToMatch[]): Matched[] {
	const known = new Set(side.threads.map((t) => t.pid));
	const claims: Claim[] = [];
	const open: number[] = [];
	guests.forEach((g, position) => {
		if (g.options.vm) {
			const pids = pidsOf(side, g.options.vm);
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
	const fits = new Map<number, Fit[]>();
	for (const position of open) {
		const g = guests[position]!;
		if (side.vms.length === 0) continue;
		const {best, candidates} = fitGuest(side, g);
		fits.set(position, candidates);
		if (best) claims.push({position, how: 'fit', pids: pidsOf(side, best.ids) ?? new Set(best.ids), fit: best});
		else unclear.push(position);
	}
	// A VM fitted (or named by the GUEST option) for one guest and claimed by another: say so
	// rather than pick for them. Only --vm may give two guests one VM.
	const doubled = new Set<number>();
	for (const claim of claims) {
		if (claim.how === 'flag') continue;
		const other = claims.find((c) => c !== claim && overlaps(c.pids, claim.pids));
		if (!other) continue;
		doubled.add(claim.position);
		if (other.how !== 'flag' && doubled.has(other.position)) continue;
		const a = guests[claim.position]!.guest;
		const b = guests[other.position]!.guest;
		const why =
			other.how === 'flag'
				? `which --vm gives to ${guestName(other.position, b)}`
				: other.how === 'dat'
					? `which the host trace.dat's GUEST option names for ${guestName(other.position, b)}`
					: `as do the events of ${guestName(other.position, b)}`;
		const what = claim.how === 'fit' ? `its events fit VM ${claim.fit!.label}` : `the host trace.dat's GUEST option names its vCPU threads ${[...claim.pids].join(',')}`;
		sentences.push(`${guestName(claim.position, a)}: ${what}, ${why}; give each guest its own VM (--vm g${claim.position + 1}:ID), or the same --vm to both if they really share it.`);
	}
	// One guest left unclear and one VM nobody claims: that is its VM.
	const unclaimed = side.vms.filter((vm) => !claims.some((c) => vm.threads.some((t) => c.pids.has(t.pid))));
	const taken = new Map<number, number[]>();
	if (unclear.length === 1 && unclaimed.length === 1 && sentences.length === 0) {
		const vm = unclaimed[0]!;
		taken.set(unclear[0]!, vm.byTgid ? [vm.id] : vm.threads.map((t) => t.pid));
	} else {
		for (const position of unclear) sentences.push(unclearSentence(position, guests[position]!, fits.get(position) ?? [], byTgid));
	}
	if (sentences.length > 0) {
		throw new InputError('vm-choice', `Which VM each guest file belongs to is unclear:\n${sentences.map((s) => `  ${s}`).join('\n')}`);
	}
	return guests.map((g, position) => {
		if (g.options.vm) return {vm: g.options.vm};
		const claim = claims.find((c) => c.position === position);
		// A sample's alignment is not the guest's: only a whole guest's is kept.
		if (claim?.how === 'fit') return {vm: claim.fit!.ids, alignment: g.sample === g.guest ? claim.fit!.alignment : undefined};
		return {vm: taken.get(position)};
	});
}
