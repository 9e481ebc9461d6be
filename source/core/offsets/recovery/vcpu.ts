// Recovers a vCPU's TSC offset(s) from its run windows when no write, flag or TIME_SHIFT
// gives one (issue 5). A vCPU's guest events are cut into pieces where the guest clock goes
// back (an offset change for certain) and where one offset stops explaining a long stretch
// (a forward change, or a migration); each piece gets its own offset and interval.

import {Status, type GuestResults} from '../../assign.js';
import {edgeDoubts} from './edge-doubts.js';
import {EARLY_STOP, interval, recoverPiece, type PieceRecovery} from './stretch.js';
import {WindowWalk} from './window-walk.js';
import {wrapU64} from '../../../model/u64.js';
import type {RunWindows} from '../../windows.js';

export type PieceStart = 'start' | 'guest clock went back' | 'explanation breaks';

export interface RecoveredPiece {
	/** Positions in the vCPU's event list (record order), inclusive. */
	first: number;
	last: number;
	/** KVM convention, signed: guest = host + offset. The middle of the interval. */
	offset: bigint;
	/** Every offset in [lo, hi] keeps all explained events but the doubtful ones inside their run windows. */
	lo: bigint;
	hi: bigint;
	/**
	 * Events an unseen offset change may have moved to other windows: never exact. Ascending
	 * positions, each with the range of offsets such a change allows, in cycles from `offset`.
	 */
	doubtful: {positions: Int32Array; lo: Float64Array; hi: Float64Array};
	explained: number;
	events: number;
	/** Events the best other offset explains. */
	runnerUp: number;
	/** Another interval that explains as many events: the evidence cannot choose. Its own doubtful events, like the piece's. */
	tie: {offset: bigint; lo: bigint; hi: bigint; doubtful: RecoveredPiece['doubtful']} | undefined;
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
	known?: PieceRecovery,
): void {
	const s = slice(guestTsc, events, first, last);
	if (!s) {
		out.rejected.push({first, last, explained: 0, inSpan: 0});
		return;
	}
	const n = s.g.length;
	// A quick pass from the median event first: it settles a stretch with one offset, and a
	// stretch with two is split from its result without trying every anchor.
	let r = known ?? recoverPiece(s.g, f.ws, f.we, 1);
	if (r && r.explained >= EARLY_STOP * n) {
		accept(s, f, first, last, startsBy, r, out);
		return;
	}
	if (r && depth < MAX_DEPTH && trySplit(guestTsc, events, f, s, r, first, last, startsBy, depth, out)) return;
	r = recoverPiece(s.g, f.ws, f.we);
	if (r && depth < MAX_DEPTH && trySplit(guestTsc, events, f, s, r, first, last, startsBy, depth, out)) return;
	if (!r) {
		out.rejected.push({first, last, explained: 0, inSpan: 0});
		return;
	}
	accept(s, f, first, last, startsBy, r, out);
}

/** Splits where the explanation breaks, when the split-off block has an offset of its own. */
function trySplit(
	guestTsc: BigUint64Array,
	events: Uint32Array,
	f: Frame,
	s: Slice,
	r: PieceRecovery,
	first: number,
	last: number,
	startsBy: PieceStart,
	depth: number,
	out: VcpuRecovery,
): boolean {
	const explained = new Uint8Array(s.g.length);
	const walk = new WindowWalk(f.ws, f.we);
	for (let i = 0; i < s.g.length; i++) explained[i] = walk.of(s.g[i]! - r.d) >= 0 ? 1 : 0;
	const cut = changePoint(explained);
	if (!cut) return false;
	const [a, b] = cut.unexplainedFirst ? [first, first + cut.at - 1] : [first + cut.at, last];
	const block = splitHolds(guestTsc, events, f, a, b);
	if (!block) return false;
	const [head, tail] = cut.unexplainedFirst ? [block, undefined] : [undefined, block];
	recoverRange(guestTsc, events, f, first, first + cut.at - 1, startsBy, depth + 1, out, head);
	recoverRange(guestTsc, events, f, first + cut.at, last, 'explanation breaks', depth + 1, out, tail);
	return true;
}

/** Keeps a piece's offset, unless it explains too few of the events it maps into the windows' span. */
function accept(s: Slice, f: Frame, first: number, last: number, startsBy: PieceStart, r: PieceRecovery, out: VcpuRecovery): void {
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
	const main = withDoubts(s, f, first, r.d, r);
	const tie = r.tie && withDoubts(s, f, first, r.tie.d, r.tie);
	out.pieces.push({
		first,
		last,
		offset: main.offset,
		lo: main.lo,
		hi: main.hi,
		doubtful: main.doubtful,
		explained: r.explained,
		events: s.g.length,
		runnerUp: r.runnerUp,
		tie,
		startsBy,
	});
}

/** An offset's interval and the events an unseen change could have moved under it. */
function withDoubts(s: Slice, f: Frame, first: number, d: number, fallback: {lo: number; hi: number}): {offset: bigint; lo: bigint; hi: bigint; doubtful: RecoveredPiece['doubtful']} {
	const doubts = edgeDoubts(s.g, f.ws, f.we, d);
	// Doubtful events may be under another offset: they must not narrow this one's interval.
	let {lo, hi} = interval(s.g, f.ws, f.we, d, (i) => !Number.isNaN(doubts.lo[i]!));
	// Unbounded on a side (only doubtful events bound it there): that side of the interval
	// all events give, kept no wider than the other side allows.
	if (lo === -Infinity) lo = Math.min(fallback.lo, hi);
	if (hi === Infinity) hi = Math.max(fallback.hi, lo);
	const mid = Math.floor((lo + hi) / 2);
	const positions: number[] = [];
	for (let i = 0; i < s.g.length; i++) if (!Number.isNaN(doubts.lo[i]!)) positions.push(i);
	return {
		offset: toOffset(s, f, mid),
		lo: toOffset(s, f, lo),
		hi: toOffset(s, f, hi),
		doubtful: {
			positions: Int32Array.from(positions, (i) => first + i),
			lo: Float64Array.from(positions, (i) => doubts.lo[i]! - mid),
			hi: Float64Array.from(positions, (i) => doubts.hi[i]! - mid),
		},
	};
}

/** A stretch under its true offset has nearly every event inside a window; a rate below this marks a break. */
const BREAK_RATE = 0.9;

/**
 * Where one offset stops explaining the events: the k maximising the cumulative sum of
 * (explained - BREAK_RATE) before it (a CUSUM change point), with the poorly explained block
 * after k, or before it. Dense windows explain many events by accident, so "more unexplained
 * than explained" would miss most real breaks; a rate below BREAK_RATE is the signal.
 */
function changePoint(explained: Uint8Array): {at: number; unexplainedFirst: boolean} | undefined {
	const n = explained.length;
	let sum = 0;
	let max = 0;
	let maxAt = 0;
	let min = 0;
	let minAt = 0;
	for (let k = 1; k <= n; k++) {
		sum += explained[k - 1]! - BREAK_RATE;
		if (sum > max) [max, maxAt] = [sum, k];
		if (sum < min) [min, minAt] = [sum, k];
	}
	// Tail: the sum falls from its maximum to the end. Head: it rises from its minimum.
	const tailGain = max - sum;
	const headGain = sum - min;
	const need = BREAK_MIN * (1 - BREAK_RATE);
	if (tailGain >= headGain && tailGain >= need && maxAt > 0 && maxAt < n) return {at: maxAt, unexplainedFirst: false};
	if (headGain >= need && minAt > 0 && minAt < n) return {at: minAt, unexplainedFirst: true};
	return undefined;
}

/**
 * A block split off only when an offset of its own explains nearly all of it, clearly better
 * than any other: events that merely lie outside the host trace (before it began, after it
 * ended) must stay unexplained rather than be fitted to some accidental offset.
 */
function splitHolds(guestTsc: BigUint64Array, events: Uint32Array, f: Frame, first: number, last: number): PieceRecovery | undefined {
	const s = slice(guestTsc, events, first, last);
	const r = s && recoverPiece(s.g, f.ws, f.we);
	if (!r) return undefined;
	const n = last - first + 1;
	const margin = Math.max(5, 0.05 * n);
	return r.explained >= 0.9 * n && r.explained - r.runnerUp >= margin && !r.tie ? r : undefined;
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

/**
 * Converts a recovered vCPU's events: exact when every offset in the interval keeps the event in
 * one window and no unseen offset change could have moved it; ambiguous when such a change could
 * have, or in a tie. An event the offset leaves outside every window, even one an end of the
 * interval would put inside, is a sign of another offset that nothing bounds: unresolved, not
 * ambiguous with a range that may miss it (in a tie, when neither offset keeps it inside).
 */
export function assignRecovered(
	guestTsc: BigUint64Array,
	events: Uint32Array,
	pieces: readonly RecoveredPiece[],
	windows: RunWindows,
	out: GuestResults,
	onUnresolved: (index: number) => void,
): void {
	const f = frame(windows)!;
	pieces.forEach((piece, epoch) => {
		const offsets = piece.tie ? [piece, piece.tie] : [piece];
		const next = offsets.map(() => 0);
		// Each end of each offset's range walks the windows in event order.
		const earlyWalk = offsets.map(() => new WindowWalk(f.ws, f.we));
		const lateWalk = offsets.map(() => new WindowWalk(f.ws, f.we));
		for (let p = piece.first; p <= piece.last; p++) {
			const index = events[p]!;
			const g = guestTsc[index]!;
			// The ends of the event's host-TSC range under each offset that keeps it inside a window.
			const ends: bigint[] = [];
			let doubtful = false;
			offsets.forEach((o, k) => {
				const early = g - o.hi; // host TSC under the largest offset
				const late = g - o.lo;
				const {positions, lo, hi} = o.doubtful;
				if (positions[next[k]!] === p) {
					const at = next[k]!++;
					ends.push(early, late, g - o.offset - BigInt(hi[at]!), g - o.offset - BigInt(lo[at]!));
					doubtful = true;
				} else {
					const a = earlyWalk[k]!.of(Number(early - f.hBase));
					if (a >= 0 && a === lateWalk[k]!.of(Number(late - f.hBase))) ends.push(early, late);
				}
			});
			if (ends.length === 0) {
				onUnresolved(index);
			} else if (!doubtful && !piece.tie) {
				out.status[index] = Status.Exact;
				out.epoch[index] = epoch;
				out.hostTsc[index] = wrapU64(g - piece.offset);
			} else {
				const tsc = [...new Set(ends.map(wrapU64))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
				out.status[index] = Status.Ambiguous;
				out.hostTsc[index] = tsc[0]!;
				out.candidates.set(index, {tsc, epochs: tsc.map(() => epoch)});
			}
		}
	});
}
