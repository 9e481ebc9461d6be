// Binary searches over ascending values: the one copy of the loop every sorted column uses
// (run windows, kvm_entry times, chains of candidates, recovery's windows). Numbers and
// bigints have functions of their own, so each stays a monomorphic comparison in hot loops.

/** The first index in [lo, hi) whose value is not below `value` (hi when none): how many are below, counted from lo. */
export function lowerBound(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid]! < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The first index in [lo, hi) whose value is above `value` (hi when none). */
export function upperBound(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid]! <= value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** lowerBound for bigints (BigUint64Array columns of TSCs). */
export function lowerBoundBig(sorted: ArrayLike<bigint>, value: bigint, lo = 0, hi = sorted.length): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid]! < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * lowerBound searched outwards from `hint` (a previous answer): successive lookups of close
 * values take a few steps, not log2(n).
 */
export function lowerBoundNear(sorted: ArrayLike<number>, value: number, hint: number): number {
	let lo: number;
	let hi: number;
	if (hint === 0 || sorted[hint - 1]! < value) {
		// The answer is at or after hint.
		let step = 1;
		lo = hint;
		hi = hint + 1;
		while (hi <= sorted.length && sorted[hi - 1]! < value) {
			lo = hi;
			hi += step;
			step *= 2;
		}
		hi = Math.min(hi, sorted.length);
	} else {
		let step = 1;
		hi = hint - 1;
		lo = hint - 2;
		while (lo >= 0 && !(sorted[lo]! < value)) {
			hi = lo;
			lo -= step;
			step *= 2;
		}
		lo = Math.max(lo + 1, 0);
	}
	// Now sorted[lo - 1] < value (or lo = 0) and sorted[hi] >= value (or hi = length).
	return lowerBound(sorted, value, lo, hi);
}

/** upperBound for bigints. */
export function upperBoundBig(sorted: ArrayLike<bigint>, value: bigint, lo = 0, hi = sorted.length): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid]! <= value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * The first index in [lo, hi) where `before` is false (hi when none), for values that are
 * not a plain array (strided pairs, objects); `before` must hold for a prefix of the range.
 */
export function partitionPoint(lo: number, hi: number, before: (index: number) => boolean): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (before(mid)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
