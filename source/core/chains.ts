// Which candidates lie on a longest non-decreasing chain that takes at most one candidate per
// event (assign.ts says why that is the assignment): the lengths of the longest chains ending
// and starting at each candidate, from binary searches over the chains' tails.
//
// On exact doubles the events are first cut where everything before lies at or below
// everything after: a longest chain is then a longest chain of each piece, one after another,
// so each piece is solved alone and a piece of one event with one candidate (nearly every
// event of a vCPU with run windows) needs no search at all.

import {upperBound, upperBoundBig} from '../model/bounds.js';
import {U64_MASK} from '../model/u64.js';

/**
 * Per candidate, 1 when it lies on a longest chain. Candidates of event j are keys[start[j],
 * start[j + 1]), stored descending; keys order as host TSCs do.
 */
export function onLongestChain(keys: Float64Array | BigUint64Array, start: Uint32Array, events: number): Uint8Array {
	return keys instanceof Float64Array ? byPieces(keys, start, events) : whole(keys);
}

function whole(keys: BigUint64Array): Uint8Array {
	const forward = chainLengthsBig(keys, false);
	const backward = chainLengthsBig(keys, true);
	let best = 0;
	for (let k = 0; k < forward.length; k++) if (forward[k]! > best) best = forward[k]!;
	const on = new Uint8Array(keys.length);
	for (let k = 0; k < keys.length; k++) if (forward[k]! + backward[k]! - 1 === best) on[k] = 1;
	return on;
}

function chainLengthsBig(keys: BigUint64Array, reverse: boolean): Uint32Array {
	const m = keys.length;
	const length = new Uint32Array(m);
	const tails: bigint[] = [];
	// Forward: candidates as stored (descending within an event). Reverse: walk everything
	// backwards and flip the order of values, which keeps "descending within an event".
	for (let step = 0; step < m; step++) {
		const k = reverse ? m - 1 - step : step;
		const v = reverse ? U64_MASK - keys[k]! : keys[k]!;
		const p = tails.length === 0 || v >= tails[tails.length - 1]! ? tails.length : upperBoundBig(tails, v);
		tails[p] = v;
		length[k] = p + 1;
	}
	return length;
}

function byPieces(keys: Float64Array, start: Uint32Array, events: number): Uint8Array {
	const on = new Uint8Array(keys.length);
	// The smallest candidate of every event from j on (an event without any counts as none).
	const after = new Float64Array(events + 1);
	after[events] = Infinity;
	for (let j = events - 1; j >= 0; j--) {
		const smallest = start[j]! < start[j + 1]! ? keys[start[j + 1]! - 1]! : Infinity;
		const later = after[j + 1]!;
		after[j] = smallest < later ? smallest : later;
	}
	let scratch: Scratch = {forward: new Uint32Array(0), backward: new Uint32Array(0), tails: new Float64Array(0)};
	let before = -Infinity;
	let piece = 0;
	for (let j = 0; j < events; j++) {
		if (j > piece && before <= after[j]!) {
			scratch = solvePiece(keys, start[piece]!, start[j]!, on, scratch);
			piece = j;
		}
		if (start[j]! < start[j + 1]!) {
			const largest = keys[start[j]!]!;
			if (largest > before) before = largest;
		}
	}
	solvePiece(keys, start[piece]!, start[events]!, on, scratch);
	return on;
}

/** A piece of at most one candidate needs no search. */
function solvePiece(keys: Float64Array, from: number, to: number, on: Uint8Array, scratch: Scratch): Scratch {
	if (to - from <= 1) {
		if (to > from) on[from] = 1;
		return scratch;
	}
	const enough = room(scratch, to - from);
	solve(keys, from, to, on, enough);
	return enough;
}

interface Scratch {
	forward: Uint32Array;
	backward: Uint32Array;
	tails: Float64Array;
}

/** Room for a piece of `size` candidates: sized to the largest piece met, not to the vCPU. */
function room(scratch: Scratch, size: number): Scratch {
	if (scratch.tails.length >= size) return scratch;
	const length = Math.max(size, scratch.tails.length * 2);
	return {forward: new Uint32Array(length), backward: new Uint32Array(length), tails: new Float64Array(length)};
}

/** Marks the candidates keys[from, to) of one piece that lie on its longest chains. */
function solve(keys: Float64Array, from: number, to: number, on: Uint8Array, scratch: Scratch): void {
	const {forward, backward, tails} = scratch;
	const best = chainLengths(keys, from, to, false, forward, tails);
	chainLengths(keys, from, to, true, backward, tails);
	for (let k = from; k < to; k++) if (forward[k - from]! + backward[k - from]! - 1 === best) on[k] = 1;
}

/**
 * Into length[0, to - from): the longest chain ending at each candidate of keys[from, to)
 * (or, reversed, starting there: negation flips the order as U64_MASK - v does for bigints).
 * Returns the longest.
 */
function chainLengths(keys: Float64Array, from: number, to: number, reverse: boolean, length: Uint32Array, tails: Float64Array): number {
	let count = 0;
	for (let step = from; step < to; step++) {
		const k = reverse ? to - 1 - (step - from) : step;
		const v = reverse ? -keys[k]! : keys[k]!;
		// The first tail above v.
		const p = count > 0 && v < tails[count - 1]! ? upperBound(tails, v, 0, count) : count;
		tails[p] = v;
		if (p === count) count++;
		length[k - from] = p + 1;
	}
	return count;
}
