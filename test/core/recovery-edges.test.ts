// Which recovered events an unseen offset change could have moved (edgeDoubts), against a
// brute force over every integer offset, and on small hand-made windows.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {edgeDoubts} from '../../source/core/offsets/recovery/edge-doubts.js';

/** Index of the window holding h strictly, or -1. */
function windowOf(ws: number[], we: number[], h: number): number {
	return ws.findIndex((s, k) => s < h && h < we[k]!);
}

/**
 * The rule spelled out: in each run of events d explains, the hypotheses "events a..c" (head)
 * and "events c..b" (tail) are under one other offset D', the change between two windows
 * while the rest of the run keeps d; where head and tail doubts meet (or the whole run fits
 * another offset), the change is not bound to d's windows. A hypothesis counts when some D'
 * it allows lies apart from the integers around d that it allows too.
 */
function bruteForce(g: number[], ws: number[], we: number[], d: number): [number, number][] {
	const n = g.length;
	const win = g.map((x) => windowOf(ws, we, x - d));
	const fits = (D: number, from: number, to: number): boolean => {
		for (let j = from; j <= to; j++) if (windowOf(ws, we, g[j]! - D) < 0) return false;
		return true;
	};
	const low = Math.min(...g) - we[we.length - 1]!;
	const high = Math.max(...g) - ws[0]!;
	/** Integer hull of the allowed offsets, when one lies apart from d's own run of them. */
	const hypothesis = (allowed: (D: number) => boolean): [number, number] | undefined => {
		const all: number[] = [];
		for (let D = low; D <= high; D++) if (allowed(D)) all.push(D);
		if (all.length === 0) return undefined;
		let dLo = d;
		let dHi = d;
		if (allowed(d)) {
			while (allowed(dLo - 1)) dLo--;
			while (allowed(dHi + 1)) dHi++;
		}
		const rival = all.some((D) => !allowed(d) || D < dLo || D > dHi);
		return rival ? [all[0]!, all[all.length - 1]!] : undefined;
	};
	const out: [number, number][] = g.map(() => [NaN, NaN]);
	const note = (j: number, [lo, hi]: [number, number]): void => {
		out[j] = Number.isNaN(out[j]![0]) ? [lo, hi] : [Math.min(out[j]![0], lo), Math.max(out[j]![1], hi)];
	};
	for (let a = 0; a < n; a++) {
		if (win[a]! < 0 || (a > 0 && win[a - 1]! >= 0)) continue;
		let b = a;
		while (b + 1 < n && win[b + 1]! >= 0) b++;
		const sides = (capped: boolean) => {
			const heads: [number, [number, number]][] = [];
			const tails: [number, [number, number]][] = [];
			for (let c = a; c < b; c++) {
				const h = hypothesis((D) => fits(D, a, c) && (!capped || g[c]! - D < ws[win[c + 1]!]!));
				if (h) heads.push([c, h]);
			}
			for (let c = a + 1; c <= b; c++) {
				const h = hypothesis((D) => fits(D, c, b) && (!capped || g[c]! - D > we[win[c - 1]!]!));
				if (h) tails.push([c, h]);
			}
			return {heads, tails};
		};
		let {heads, tails} = sides(true);
		const whole = hypothesis((D) => fits(D, a, b));
		const reach = (heads.length ? Math.max(...heads.map(([c]) => c - a)) : -1) + (tails.length ? Math.max(...tails.map(([c]) => b - c)) : -1);
		if (whole || reach + 2 >= b - a + 1) ({heads, tails} = sides(false));
		for (const [c, h] of heads) for (let j = a; j <= c; j++) note(j, h);
		for (const [c, h] of tails) for (let j = c; j <= b; j++) note(j, h);
		if (whole) for (let j = a; j <= b; j++) note(j, whole);
	}
	return out;
}

function doubts(g: number[], ws: number[], we: number[], d: number): [number, number][] {
	const r = edgeDoubts(Float64Array.from(g), Float64Array.from(ws), Float64Array.from(we), d);
	return g.map((_, j) => [r.lo[j]!, r.hi[j]!]);
}

describe('events an unseen offset change could have moved', () => {
	it('are the ones the brute force finds, with the same offset ranges', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({min: 1, max: 30}), fc.integer({min: 2, max: 40})), {minLength: 2, maxLength: 8}),
				fc.array(fc.tuple(fc.nat(), fc.nat({max: 39}), fc.boolean()), {minLength: 1, maxLength: 12}),
				fc.integer({min: -50, max: 50}),
				(layout, picks, d) => {
					const ws: number[] = [];
					const we: number[] = [];
					let t = 0;
					for (const [gap, length] of layout) {
						ws.push((t += gap));
						we.push((t += length));
					}
					// Mostly inside windows under d, sometimes anywhere; in time order.
					const g = picks
						.map(([k, at, anywhere]) => {
							const w = k % ws.length;
							const host = anywhere ? at * 7 : ws[w]! + 1 + (at % (we[w]! - ws[w]! - 1));
							return host + d;
						})
						.sort((x, y) => x - y);
					expect(doubts(g, ws, we, d)).toEqual(bruteForce(g, ws, we, d));
				},
			),
			{numRuns: 400},
		);
	});

	it('doubts only the last events of a pinned run, over the later windows they fit', () => {
		// d = 0. Windows of varied lengths and gaps pin the first eight events; the last two (305,
		// 315 in window 4) also fit windows 5 or 6 if the offset went back 96..104 or 196..204
		// cycles after event 250's window (offsets -104..-96, -204..-196; 315 alone also
		// -104..-86, -204..-186). Nothing else moves them out of their windows.
		const ws = [0, 50, 130, 190, 300, 400, 500];
		const we = [30, 110, 150, 260, 320, 420, 520];
		const g = [5, 25, 60, 100, 135, 145, 200, 250, 305, 315];
		const r = doubts(g, ws, we, 0);
		expect(r.slice(0, 8)).toEqual(Array.from({length: 8}, () => [NaN, NaN]));
		// The hull also holds d's own neighbourhood (-4..4): those offsets stay possible.
		expect(r.slice(8)).toEqual([
			[-204, 4],
			[-204, 4],
		]);
	});
});
