// Recovers a vCPU's TSC offset(s) from its run windows when no write, flag or TIME_SHIFT
// gives one (issue 5). A vCPU's guest events are cut into pieces where the guest clock goes
// back (an offset change for certain) and where one offset stops explaining a long stretch
// (a forward change, or a migration); each piece gets its own offset and interval.

import {Status, type GuestResults} from './assign.js';
import {recoverPiece, windowOf} from './recover.js';
import {wrapU64} from './u64.js';
import type {RunWindows} from './windows.js';

export type PieceStart = 'start' | 'guest clock went back' | 'explanation breaks';

export interface RecoveredPiece {
	/** Positions in the vCPU's event list (record order), inclusive. */
	first: number;
	last: number;
	/** KVM convention, signed: guest = host + offset. The middle of the interval. */
	offset: bigint;
	/** Every offset in [lo, hi] keeps all explained events inside their run windows. */
	lo: bigint;
	hi: bigint;
	explained: number;
	events: number;
	/** Events the best other offset explains. */
	runnerUp: number;
	/** Another interval that explains as many events: the evidence cannot choose. */
	tie: {offset: bigint; lo: bigint; hi: bigint} | undefined;
	startsBy: PieceStart;
}

const BREAK_MIN = 20;
const MAX_DEPTH = 4;
/** Share of the events that land within the windows' span which the offset must explain. */
const ACCEPT = 0.8;

/** A stretch for which the best offset explained too little to be believed. */
export interface RejectedPiece {
	first: number;
	last: number;
	explained: number;
	/** Events the best offset puts within the span of the run windows. */
	inSpan: number;
}

export interface VcpuRecovery {
	pieces: RecoveredPiece[];
	rejected: RejectedPiece[];
}

interface Frame {
	hBase: bigint;
	ws: Float64Array;
	we: Float64Array;
	/** The finite span the windows cover, relative. */
	spanStart: number;
	spanEnd: number;
}

function frame(windows: RunWindows): Frame | undefined {
	const n = windows.count;
	if (n === 0) return undefined;
	const firstFinite = windows.openStart ? (n > 1 ? 1 : -1) : 0;
	const hBase = firstFinite >= 0 ? windows.start[firstFinite]! : windows.end[0]!;
	const ws = new Float64Array(n);
	const we = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		ws[k] = k === 0 && windows.openStart ? -Infinity : Number(windows.start[k]! - hBase);
		we[k] = k === n - 1 && windows.openEnd ? Infinity : Number(windows.end[k]! - hBase);
	}
	const spanStart = Number.isFinite(ws[0]!) ? ws[0]! : we[0]!;
	const spanEnd = Number.isFinite(we[n - 1]!) ? we[n - 1]! : ws[n - 1]!;
	return {hBase, ws, we, spanStart, spanEnd};
}

interface Slice {
	gBase: bigint;
	g: Float64Array;
}

/** Guest times of positions first..last relative to their minimum; undefined when the span is too wide for doubles. */
function slice(guestTsc: BigUint64Array, events: Uint32Array, first: number, last: number): Slice | undefined {
	let min = guestTsc[events[first]!]!;
	let max = min;
	for (let p = first; p <= last; p++) {
		const v = guestTsc[events[p]!]!;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	if (max - min > 1n << 52n) return undefined;
	const g = new Float64Array(last - first + 1);
	for (let p = first; p <= last; p++) g[p - first] = Number(guestTsc[events[p]!]! - min);
	return {gBase: min, g};
}

function toOffset(s: Slice, f: Frame, d: number): bigint {
	// guest = host + offset; D = guestRel - hostRel.
	return s.gBase - f.hBase + BigInt(d);
}

function recoverRange(
	guestTsc: BigUint64Array,
	events: Uint32Array,
	f: Frame,
	first: number,
	last: number,
	startsBy: PieceStart,
	depth: number,
	out: VcpuRecovery,
): void {
	const s = slice(guestTsc, events, first, last);
	const r = s && recoverPiece(s.g, f.ws, f.we);
	if (!s || !r) {
		out.rejected.push({first, last, explained: 0, inSpan: 0});
		return;
	}
	let inSpan = 0;
	for (let i = 0; i < s.g.length; i++) {
		const h = s.g[i]! - r.d;
		if (h >= f.spanStart && h <= f.spanEnd) inSpan++;
	}
	// An offset that leaves most events inside the host trace's span outside every window is
	// an accident of dense windows (or the wrong VM), not the guest's offset.
	if (r.explained < ACCEPT * inSpan) {
		out.rejected.push({first, last, explained: r.explained, inSpan});
		return;
	}
	// Where the explanation breaks: the change point that best separates explained events
	// from unexplained ones, with the unexplained block at either end.
	const explained = new Uint8Array(s.g.length);
	for (let i = 0; i < s.g.length; i++) explained[i] = windowOf(f.ws, f.we, s.g[i]! - r.d) >= 0 ? 1 : 0;
	const cut = changePoint(explained);
	if (depth < MAX_DEPTH && cut) {
		const [a, b] = cut.unexplainedFirst ? [first, first + cut.at - 1] : [first + cut.at, last];
		if (splitHolds(guestTsc, events, f, a, b)) {
			recoverRange(guestTsc, events, f, first, first + cut.at - 1, startsBy, depth + 1, out);
			recoverRange(guestTsc, events, f, first + cut.at, last, 'explanation breaks', depth + 1, out);
			return;
		}
	}
	out.pieces.push({
		first,
		last,
		offset: toOffset(s, f, r.d),
		lo: toOffset(s, f, r.lo),
		hi: toOffset(s, f, r.hi),
		explained: r.explained,
		events: s.g.length,
		runnerUp: r.runnerUp,
		tie: r.tie && {offset: toOffset(s, f, r.tie.d), lo: toOffset(s, f, r.tie.lo), hi: toOffset(s, f, r.tie.hi)},
		startsBy,
	});
}

/**
 * The position k that best splits explained from unexplained events: all explained before
 * k and unexplained after (or the reverse), gaining at least BREAK_MIN over not splitting.
 */
function changePoint(explained: Uint8Array): {at: number; unexplainedFirst: boolean} | undefined {
	const n = explained.length;
	let total = 0;
	for (let i = 0; i < n; i++) total += explained[i]!;
	let before = 0;
	let best: {at: number; unexplainedFirst: boolean; gain: number} | undefined;
	for (let k = 1; k < n; k++) {
		before += explained[k - 1]!;
		const after = total - before;
		// Unexplained after k: gain = unexplained after - explained after.
		const tailGain = n - k - 2 * after;
		const headGain = k - 2 * before;
		if (tailGain >= BREAK_MIN && (!best || tailGain > best.gain)) best = {at: k, unexplainedFirst: false, gain: tailGain};
		if (headGain >= BREAK_MIN && (!best || headGain > best.gain)) best = {at: k, unexplainedFirst: true, gain: headGain};
	}
	return best;
}

/**
 * A block split off only when an offset of its own explains nearly all of it, clearly better
 * than any other: events that merely lie outside the host trace (before it began, after it
 * ended) must stay unexplained rather than be fitted to some accidental offset.
 */
function splitHolds(guestTsc: BigUint64Array, events: Uint32Array, f: Frame, first: number, last: number): boolean {
	const s = slice(guestTsc, events, first, last);
	const r = s && recoverPiece(s.g, f.ws, f.we);
	if (!r) return false;
	const n = last - first + 1;
	const margin = Math.max(5, 0.05 * n);
	return r.explained >= 0.9 * n && r.explained - r.runnerUp >= margin && !r.tie;
}

/** Pieces of a vCPU's events (record order), each with its recovered offset; empty when nothing fits. */
export function recoverVcpu(guestTsc: BigUint64Array, events: Uint32Array, windows: RunWindows): VcpuRecovery {
	const f = frame(windows);
	const pieces: VcpuRecovery = {pieces: [], rejected: []};
	if (!f || events.length === 0) return pieces;
	let start = 0;
	for (let p = 1; p <= events.length; p++) {
		if (p === events.length || guestTsc[events[p]!]! < guestTsc[events[p - 1]!]!) {
			recoverRange(guestTsc, events, f, start, p - 1, start === 0 ? 'start' : 'guest clock went back', 0, pieces);
			start = p;
		}
	}
	return pieces;
}

/** Converts a recovered vCPU's events: exact when every offset in the interval keeps the event in one window. */
export function assignRecovered(
	guestTsc: BigUint64Array,
	events: Uint32Array,
	pieces: readonly RecoveredPiece[],
	windows: RunWindows,
	out: GuestResults,
	onUnresolved: (index: number) => void,
): void {
	const f = frame(windows)!;
	const windowAt = (h: bigint): number => windowOf(f.ws, f.we, Number(h - f.hBase));
	pieces.forEach((piece, epoch) => {
		for (let p = piece.first; p <= piece.last; p++) {
			const index = events[p]!;
			const g = guestTsc[index]!;
			const early = g - piece.hi; // host TSC under the largest offset
			const late = g - piece.lo;
			const a = windowAt(early);
			const b = windowAt(late);
			if (a >= 0 && a === b && !piece.tie) {
				out.status[index] = Status.Exact;
				out.epoch[index] = epoch;
				out.hostTsc[index] = wrapU64(g - piece.offset);
			} else if (a >= 0 || b >= 0 || (piece.tie && windowAt(g - piece.tie.offset) >= 0)) {
				const ends = [early, late, ...(piece.tie ? [g - piece.tie.hi, g - piece.tie.lo] : [])].map(wrapU64);
				const tsc = [...new Set(ends)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
				out.status[index] = Status.Ambiguous;
				out.hostTsc[index] = tsc[0]!;
				out.candidates.set(index, {tsc, epochs: tsc.map(() => epoch)});
			} else {
				onUnresolved(index);
			}
		}
	});
}
