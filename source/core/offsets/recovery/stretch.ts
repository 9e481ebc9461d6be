// Offset recovery for one stretch of a vCPU's guest events (issue 5): the offsets D under
// which the most events fall strictly inside the vCPU thread's run windows.
//
// Works in doubles on coordinates relative to a base (guest and host spans of a capture are
// far below 2^53 cycles, so every integer stays exact): D = guestRel - hostRel.
//
// 1. Candidates: anchor events spread over the stretch; for each anchor a and window k, D
//    must lie in (g_a - end_k, g_a - start_k). Each candidate is scored by how many of the
//    anchor's nearest neighbours (likely under the same offset) one D can keep inside
//    windows together with it. The best survive; while too many tie, the neighbourhood grows.
// 2. Those are refined with a sample of the whole stretch: the D covered by most sample
//    intervals (a sweep); the deepest few are counted exactly over every event.
// 3. The winner's interval is the set of D that keep every explained event in its window.
// The events an unseen offset change near a run's end could have moved: edge-doubts.ts.

import {upperBound} from '../../../model/bounds.js';
import {WindowWalk} from './window-walk.js';

export interface PieceRecovery {
	/** Middle of the interval, relative D. */
	d: number;
	/** Inclusive integer bounds of D that keep every explained event inside its window. */
	lo: number;
	hi: number;
	explained: number;
	/** Explained count of the best candidate outside this interval (0 when none). */
	runnerUp: number;
	/** A different interval explaining (nearly) as many events: the recovery cannot choose. */
	tie: {d: number; lo: number; hi: number} | undefined;
}

const ANCHOR_QUANTILES = [0.5, 0.25, 0.75, 0.1, 0.9, 0.02, 0.98];
const FIRST_RADIUS = 8;
const SURVIVORS = 24;
const REFINE_SAMPLES = 512;
const COUNTED = 8;
export const EARLY_STOP = 0.95;
const TIE_MARGIN = 2;
const TIE_SHARE = 0.01;

function spread(n: number, count: number): number[] {
	if (n <= count) return Array.from({length: n}, (_, i) => i);
	return Array.from({length: count}, (_, i) => Math.floor(((i + 0.5) * n) / count));
}

interface Candidate {
	anchor: number;
	window: number;
	bound: number;
}

/** Neighbours of a by distance in record order: a+1, a-1, a+2, a-2, ... up to radius. */
function neighbours(a: number, n: number, radius: number): number[] {
	const out: number[] = [];
	for (let r = 1; r <= radius; r++) {
		if (a + r < n) out.push(a + r);
		if (a - r >= 0) out.push(a - r);
	}
	return out;
}

/**
 * How many of `order` one D keeps inside windows together with anchor a in window k: the
 * D-set is narrowed sample by sample (a union of open intervals) until it empties.
 */
function consistency(g: Float64Array, ws: Float64Array, we: Float64Array, a: number, k: number, order: number[], pointers: Int32Array): number {
	// Two scratch buffers of interval bounds, swapped each step: no allocation per sample.
	let cur = scratchA;
	let nxt = scratchB;
	cur[0] = g[a]! - we[k]!;
	cur[1] = g[a]! - ws[k]!;
	let curLength = 2;
	let kept = 0;
	const W = ws.length;
	for (let o = 0; o < order.length; o++) {
		const gs = g[order[o]!]!;
		// Candidates come in window order, so the first window this sample can reach only moves
		// forward: a pointer per sample replaces a binary search per sample and candidate.
		const reach = gs - g[a]! + ws[k]!;
		let p = pointers[o]!;
		// A sample first reached at a late candidate would walk every window in between: after
		// a few steps the rest is a binary search (the same first window past reach).
		for (let steps = 0; p < W && we[p]! <= reach; steps++) p = steps < 4 ? p + 1 : upperBound(we, reach, p, W);
		pointers[o] = p;
		let nextLength = 0;
		for (let i = 0; i < curLength && nextLength < SCRATCH - 2; i += 2) {
			const x1 = cur[i]!;
			const x2 = cur[i + 1]!;
			let m = p;
			while (m < W && we[m]! <= gs - x2) m++;
			for (; m < W && ws[m]! < gs - x1 && nextLength < SCRATCH - 2; m++) {
				const lo = Math.max(x1, gs - we[m]!);
				const hi = Math.min(x2, gs - ws[m]!);
				if (hi - lo >= 2) {
					nxt[nextLength++] = lo;
					nxt[nextLength++] = hi;
				}
			}
		}
		if (nextLength === 0) break;
		const swap = cur;
		cur = nxt;
		nxt = swap;
		curLength = nextLength;
		kept++;
	}
	return kept;
}

const SCRATCH = 4096;
const scratchA = new Float64Array(SCRATCH);
const scratchB = new Float64Array(SCRATCH);

/** Step 1: for anchor a, the windows whose neighbourhood fits best, narrowed until few remain. */
function candidates(g: Float64Array, ws: Float64Array, we: Float64Array, a: number): Candidate[] {
	const n = g.length;
	// Windows still in the running, in window order, compacted in place; scores in a typed
	// array: an object per window and round was most of the garbage of a recovery.
	const alive = new Int32Array(ws.length);
	let left = 0;
	for (let k = 0; k < ws.length; k++) if (Number.isFinite(ws[k]!) && Number.isFinite(we[k]!)) alive[left++] = k;
	const scores = new Int32Array(left);
	let best = 0;
	for (let radius = FIRST_RADIUS; ; radius *= 4) {
		const order = neighbours(a, n, radius);
		const pointers = new Int32Array(order.length);
		best = 0;
		for (let i = 0; i < left; i++) {
			const bound = consistency(g, ws, we, a, alive[i]!, order, pointers);
			scores[i] = bound;
			if (bound > best) best = bound;
		}
		let kept = 0;
		for (let i = 0; i < left; i++) if (scores[i] === best) alive[kept++] = alive[i]!;
		left = kept;
		// Scores stop at the first neighbour that does not fit: a wider neighbourhood only
		// separates candidates that fitted every neighbour so far.
		if (left <= SURVIVORS || best < order.length || order.length === n - 1) break;
	}
	return Array.from({length: Math.min(left, SURVIVORS)}, (_, i) => ({anchor: a, window: alive[i]!, bound: best}));
}

/** Step 2a: the D inside a candidate covered by the most sample intervals. */
function refine(g: Float64Array, ws: Float64Array, we: Float64Array, c: Candidate, samples: number[]): {d: number; depth: number} | undefined {
	const lo = g[c.anchor]! - we[c.window]!;
	const hi = g[c.anchor]! - ws[c.window]!;
	const points: number[] = [];
	for (const s of samples) {
		// Host times sample s can take for D in (lo, hi): (g_s - hi, g_s - lo).
		const from = g[s]! - hi;
		const to = g[s]! - lo;
		for (let m = upperBound(we, from); m < ws.length && ws[m]! < to; m++) {
			const a = Math.max(lo, g[s]! - we[m]!);
			const b = Math.min(hi, g[s]! - ws[m]!);
			if (b - a >= 2) points.push(a, 1, b, -1);
		}
	}
	const order = Array.from({length: points.length / 2}, (_, i) => i);
	// Open intervals: at one coordinate, ends come before starts.
	order.sort((x, y) => points[2 * x]! - points[2 * y]! || points[2 * x + 1]! - points[2 * y + 1]!);
	let depth = 0;
	let best = 0;
	let at: number | undefined;
	for (let i = 0; i < order.length; i++) {
		const k = order[i]!;
		depth += points[2 * k + 1]!;
		const next = order[i + 1];
		if (points[2 * k + 1] === 1 && next !== undefined && depth > best) {
			const x1 = points[2 * k]!;
			const x2 = points[2 * next]!;
			if (x2 - x1 >= 2) {
				best = depth;
				at = Math.floor((x1 + x2) / 2);
			}
		}
	}
	return at === undefined ? undefined : {d: at, depth: best};
}

/** Events strictly inside a window under D. */
function count(g: Float64Array, ws: Float64Array, we: Float64Array, d: number): number {
	let n = 0;
	const walk = new WindowWalk(ws, we);
	for (let j = 0; j < g.length; j++) if (walk.of(g[j]! - d) >= 0) n++;
	return n;
}

/** Step 3: the D that keep every event explained under d in the same window (but those skipped). */
export function interval(g: Float64Array, ws: Float64Array, we: Float64Array, d: number, skip?: (j: number) => boolean): {lo: number; hi: number} {
	let lo = -Infinity;
	let hi = Infinity;
	const walk = new WindowWalk(ws, we);
	for (let j = 0; j < g.length; j++) {
		const w = walk.of(g[j]! - d);
		if (w < 0 || skip?.(j)) continue;
		lo = Math.max(lo, g[j]! - we[w]! + 1);
		hi = Math.min(hi, g[j]! - ws[w]! - 1);
	}
	return {lo, hi};
}

/**
 * Recovers the offset of one stretch of guest events (relative guest times, record order)
 * against run windows (relative, sorted, non-overlapping; -Infinity/Infinity for windows open
 * at the trace's ends). Undefined when no offset puts any event inside a window. A quick
 * pass may use fewer anchors; the first one is the median event.
 */
export function recoverPiece(g: Float64Array, ws: Float64Array, we: Float64Array, maxAnchors = ANCHOR_QUANTILES.length): PieceRecovery | undefined {
	if (g.length === 0 || ws.length === 0) return undefined;
	const n = g.length;
	const refineSamples = spread(n, REFINE_SAMPLES);
	const anchors = [...new Set(ANCHOR_QUANTILES.slice(0, maxAnchors).map((q) => Math.min(n - 1, Math.floor(q * n))))];
	const refined: {d: number; depth: number}[] = [];
	const scored: {d: number; explained: number}[] = [];
	for (const a of anchors) {
		const fresh: {d: number; depth: number}[] = [];
		for (const c of candidates(g, ws, we, a)) {
			const r = refine(g, ws, we, c, refineSamples);
			if (r && !refined.some((x) => x.d === r.d) && !fresh.some((x) => x.d === r.d)) fresh.push(r);
		}
		fresh.sort((x, y) => y.depth - x.depth);
		refined.push(...fresh);
		for (const {d} of fresh.slice(0, COUNTED)) scored.push({d, explained: count(g, ws, we, d)});
		scored.sort((x, y) => y.explained - x.explained);
		// One anchor is enough when its best offset explains nearly everything.
		if (scored[0] && scored[0].explained >= EARLY_STOP * n) break;
	}
	const best = scored[0];
	if (!best || best.explained === 0) return undefined;
	const {lo, hi} = interval(g, ws, we, best.d);
	const others = scored.slice(1).filter((x) => x.d < lo || x.d > hi);
	const rival = others[0];
	let tie: PieceRecovery['tie'];
	// A rival within a couple of events is no evidence against it: the choice is a tie.
	if (rival && best.explained - rival.explained < Math.max(TIE_MARGIN, TIE_SHARE * best.explained)) {
		const r = interval(g, ws, we, rival.d);
		tie = {d: Math.floor((r.lo + r.hi) / 2), lo: r.lo, hi: r.hi};
	}
	return {d: Math.floor((lo + hi) / 2), lo, hi, explained: best.explained, runnerUp: rival?.explained ?? 0, tie};
}
