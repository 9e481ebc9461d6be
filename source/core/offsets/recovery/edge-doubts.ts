// The events of a recovered piece that an unseen offset change near one end of a run of
// explained events could have moved to other windows (see edgeDoubts): never exact.

import {lowerBound, partitionPoint} from '../../../model/bounds.js';
import {WindowWalk} from './window-walk.js';

/** Offsets D as ascending disjoint open intervals, flat, in a reused buffer. */
class OffsetSet {
	bounds = new Float64Array(64);
	length = 0;

	reserve(size: number): void {
		if (size > this.bounds.length) this.bounds = new Float64Array(Math.max(size, 2 * this.bounds.length));
	}
}

/** In a flat ascending set of `count` intervals, the first whose bound at `side` (0 lower, 1 upper) is above v. */
function firstAbove(b: Float64Array, count: number, side: 0 | 1, v: number): number {
	return partitionPoint(0, count, (i) => b[2 * i + side]! <= v);
}

/** into = the D in `set` that also put an event with guest time x strictly inside a window. */
function narrow(set: OffsetSet, x: number, ws: Float64Array, we: Float64Array, into: OffsetSet): void {
	// Each output interval is one (interval, window) pair: at most one per interval and window.
	into.reserve(set.length + 2 * ws.length);
	const b = set.bounds;
	const o = into.bounds;
	let n = 0;
	let m = ws.length - 1;
	const len = set.length;
	// From the smallest D (latest host time) up, the window pointer only moves back; the set
	// may be sparse, so it jumps by binary search.
	for (let i = 0; i < len; i += 2) {
		const x1 = b[i]!;
		const x2 = b[i + 1]!;
		// Host times (x - x2, x - x1); window k gives D in (x - we_k, x - ws_k).
		const late = x - x1;
		const early = x - x2;
		for (let steps = 0; m >= 0 && ws[m]! >= late; steps++) m = steps < 8 ? m - 1 : lowerBound(ws, late, 0, m) - 1;
		for (let k = m; k >= 0 && we[k]! > early; k--) {
			const lo = x - we[k]! > x1 ? x - we[k]! : x1;
			const hi = x - ws[k]! < x2 ? x - ws[k]! : x2;
			if (hi - lo >= 2) {
				o[n++] = lo;
				o[n++] = hi;
			}
		}
	}
	into.length = n;
}

/** Cuts `set` down to (lower, upper). */
function trim(set: OffsetSet, lower: number, upper: number): void {
	const bd = set.bounds;
	if (set.length === 2) {
		// One interval (the common case, every step of a long run): the general code below,
		// without its searches and copy.
		if (upper < Infinity) {
			if (bd[0]! <= upper - 2) bd[1] = Math.min(bd[1]!, upper);
			else set.length = 0;
		}
		if (lower > -Infinity && set.length === 2) {
			if (bd[1]! <= lower + 1) set.length = 0;
			else bd[0] = Math.max(bd[0]!, lower);
		}
		return;
	}
	if (upper < Infinity) {
		const end = 2 * firstAbove(bd, set.length / 2, 0, upper - 2);
		if (end > 0) bd[end - 1] = Math.min(bd[end - 1]!, upper);
		set.length = end;
	}
	if (lower > -Infinity) {
		const first = 2 * firstAbove(bd, set.length / 2, 1, lower + 1);
		if (first < set.length) bd[first] = Math.max(bd[first]!, lower);
		bd.copyWithin(0, first, set.length);
		set.length -= first;
	}
}

/** Integer bounds of a set of offsets; a rival when it holds an offset apart from d's own interval. */
interface Hull {
	lo: number;
	hi: number;
	rival: boolean;
}

/**
 * Events of a piece that an untraced offset change could have moved to other windows without
 * leaving a trace, each with the hull of the offsets (relative D) that would do it: these are
 * never exact. A change shows only as events the piece's offset d puts outside every window.
 * So a run of consecutive events d explains may hide one change: the events from one end of
 * the run up to some event can be under another offset D' if some D' (outside d's own
 * interval) keeps them all inside windows, the change falling between two windows (the run's
 * other events keeping d). Swept in from each end, such a D' is soon ruled out in a long run,
 * but may fit all of a short one, or far into a run at a trace's end that a shift fits. Where the two ends' doubts meet, the run may hold two offsets other than d, so there
 * the change is not bound to the windows d gives. Two changes inside one run stay unseen.
 */
export function edgeDoubts(g: Float64Array, ws0: Float64Array, we0: Float64Array, d: number): {lo: Float64Array; hi: Float64Array} {
	const n = g.length;
	const W = ws0.length;
	// A window still open at a trace's end would take any offset that pushes events past the
	// trace: it ends here just beyond the furthest event d puts in it, as far as the trace is
	// known to reach.
	const ws = ws0.slice();
	const we = we0.slice();
	const win = new Int32Array(n);
	if (ws[0] === -Infinity) ws[0] = Number.isFinite(we[0]!) ? we[0]! - 1 : 0;
	if (we[W - 1] === Infinity) we[W - 1] = Number.isFinite(ws0[W - 1]!) ? ws0[W - 1]! + 1 : 0;
	const walk = new WindowWalk(ws0, we0);
	for (let j = 0; j < n; j++) {
		const h = g[j]! - d;
		const w = (win[j] = walk.of(h));
		if (w === 0 && ws0[0] === -Infinity) ws[0] = Math.min(ws[0]!, h - 1);
		if (w === W - 1 && we0[W - 1] === Infinity) we[W - 1] = Math.max(we[W - 1]!, h + 1);
	}
	// NaN: not in doubt.
	const doubtLo = new Float64Array(n).fill(NaN);
	const doubtHi = new Float64Array(n).fill(NaN);
	let cur = new OffsetSet();
	let next = new OffsetSet();
	// Per step of a sweep: the hull of the offsets its hypothesis allows, NaN when only d's own.
	let hullLo = new Float64Array(64);
	let hullHi = new Float64Array(64);
	let bound = new Float64Array(64);
	let hullCap = new Float64Array(64);
	// Each run costs up to its doubtful events times the windows; past this budget (many short
	// runs against many windows) a run is doubted whole, over every window.
	let work = 0;
	const budget = 2e7 + 50 * (n + W);
	/**
	 * Head (step 1) or tail (step -1) of run a..b: notes the events each hypothesis "the change
	 * comes right after (before) event j" puts in doubt. Gives how far in they reach, and the
	 * offsets on its side of d (the other sweep has the rest) that fit the whole run.
	 */
	const sweep = (a: number, b: number, step: 1 | -1, capped: boolean): {reach: number; whole: Hull} => {
		const [from, to] = step === 1 ? [a, b] : [b, a];
		const steps = (to - from) * step + 1;
		if (hullLo.length < steps) [hullLo, hullHi, bound, hullCap] = [new Float64Array(steps), new Float64Array(steps), new Float64Array(steps), new Float64Array(steps)];
		// The change falls between two windows while the events past it keep d: a head's D'
		// puts event j before the next event's window, a tail's after the previous one's. The
		// set needs only what some hypothesis still to come allows, and never less than d's
		// side of the line (the whole run's offsets).
		// cap[k]: the bound event from + k * step puts on its hypothesis, in hullCap.
		if (capped) {
			if (step === 1) for (let k = 0; k < steps - 1; k++) hullCap[k] = g[from + k]! - ws[win[from + k + 1]!]!;
			else for (let k = 0; k < steps - 1; k++) hullCap[k] = g[from - k]! - we[win[from - k - 1]!]!;
		}
		let acc = capped ? step * Infinity : -step * Infinity;
		if (step === 1) {
			for (let k = steps - 1; k >= 0; k--) {
				if (capped && k < steps - 1) acc = Math.min(acc, hullCap[k]!);
				bound[k] = Math.min(acc, d - 1);
			}
		} else {
			for (let k = steps - 1; k >= 0; k--) {
				if (capped && k < steps - 1) acc = Math.max(acc, hullCap[k]!);
				bound[k] = Math.max(acc, d + 1);
			}
		}
		cur.reserve(2);
		cur.bounds[0] = -Infinity;
		cur.bounds[1] = Infinity;
		cur.length = 2;
		let reach = -1;
		let whole: Hull = {lo: NaN, hi: NaN, rival: false};
		const c = hullOf;
		for (let k = 0; k < steps; k++) {
			const j = from + k * step;
			const x = g[j]!;
			trim(cur, step === 1 ? bound[k]! : -Infinity, step === 1 ? Infinity : bound[k]!);
			// In a long run the set is soon d's own interval, all inside each event's window.
			const one = cur.length === 2 && ws[win[j]!]! <= x - cur.bounds[1]! && x - cur.bounds[0]! <= we[win[j]!]!;
			if (!one) {
				work += cur.length;
				narrow(cur, x, ws, we, next);
				[cur, next] = [next, cur];
			}
			if (k === steps - 1) {
				within(cur, -Infinity, Infinity);
				whole = {lo: c.lo, hi: c.hi, rival: c.rival};
				break;
			}
			if (capped) within(cur, step === 1 ? hullCap[k]! : -Infinity, step === 1 ? Infinity : hullCap[k]!);
			else within(cur, -Infinity, Infinity);
			hullLo[k] = c.rival ? c.lo : NaN;
			hullHi[k] = c.rival ? c.hi : NaN;
			if (c.rival) reach = k;
		}
		// An event is in doubt under the hypotheses from it inward.
		let lo = Infinity;
		let hi = -Infinity;
		for (let k = reach; k >= 0; k--) {
			if (!Number.isNaN(hullLo[k]!)) {
				lo = Math.min(lo, hullLo[k]!);
				hi = Math.max(hi, hullHi[k]!);
			}
			note(from + k * step, lo, hi);
		}
		return {reach, whole};
	};
	// The last `within`, in place of an object per step.
	const hullOf: Hull = {lo: NaN, hi: NaN, rival: false};
	/** Integer hull of `set` within (lower, upper) into hullOf; a rival when it holds more than d's own interval. */
	const within = (set: OffsetSet, lower: number, upper: number): void => {
		const bd = set.bounds;
		// Holding an integer inside the bounds: upper end >= lower + 2, lower end <= upper - 2.
		const first = lower > -Infinity ? 2 * firstAbove(bd, set.length / 2, 1, lower + 1) : 0;
		const end = upper < Infinity ? 2 * firstAbove(bd, set.length / 2, 0, upper - 2) : set.length;
		if (first >= end) {
			hullOf.lo = NaN;
			hullOf.hi = NaN;
			hullOf.rival = false;
			return;
		}
		const lo = Math.max(bd[first]!, lower);
		const hi = Math.min(bd[end - 1]!, upper);
		hullOf.lo = lo + 1;
		hullOf.hi = hi - 1;
		hullOf.rival = end - first > 2 || !(lo < d && d < hi);
	};
	const note = (j: number, lo: number, hi: number): void => {
		// NaN compares false: a first note takes its own bounds.
		doubtLo[j] = doubtLo[j]! < lo ? doubtLo[j]! : lo;
		doubtHi[j] = doubtHi[j]! > hi ? doubtHi[j]! : hi;
	};
	let a = -1;
	for (let j = 0; j <= n; j++) {
		const explained = j < n && win[j]! >= 0;
		if (explained && a < 0) a = j;
		if (explained || a < 0) continue;
		if (work > budget) {
			for (let k = a; k < j; k++) note(k, g[k]! - we[W - 1]! + 1, g[k]! - ws[0]! - 1);
		} else {
			let head = sweep(a, j - 1, 1, true);
			let tail = sweep(a, j - 1, -1, true);
			let rival = head.whole.rival || tail.whole.rival;
			// Where the two ends' doubts meet, the events a change's bound leans on may not keep d
			// either (the run may hold two offsets other than d): then it falls anywhere.
			if (rival || head.reach + tail.reach + 2 >= j - a) {
				head = sweep(a, j - 1, 1, false);
				tail = sweep(a, j - 1, -1, false);
				rival = head.whole.rival || tail.whole.rival;
			}
			// The whole run under another offset.
			const lo = Math.min(head.whole.lo, tail.whole.lo);
			const hi = Math.max(head.whole.hi, tail.whole.hi);
			if (rival) for (let k = a; k < j; k++) note(k, lo, hi);
		}
		a = -1;
	}
	return {lo: doubtLo, hi: doubtHi};
}
