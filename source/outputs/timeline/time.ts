// Host TSCs as the JSON trace's times: nanoseconds since the first event of the two traces,
// from the TSC's rate (core/tsc-clock.ts), written as microseconds with three decimals.
// Integer arithmetic throughout: a time never passes through a floating-point product. The
// export checks first that its last time fits a double exactly (2^53 ns, 104 days), so the
// numbers below are exact integers.

import type {TscClock} from '../../core/tsc-clock.js';

export const MAX_NS = BigInt(Number.MAX_SAFE_INTEGER);

export class TimeBase {
	readonly origin: bigint;
	readonly #clock: TscClock;

	constructor(origin: bigint, clock: TscClock) {
		this.origin = origin;
		this.#clock = clock;
	}

	/** Exact nanoseconds from the origin to `tsc` (0 for a TSC before it). */
	nsBig(tsc: bigint): bigint {
		return tsc <= this.origin ? 0n : this.#clock.ns(tsc - this.origin);
	}

	/** The same as a number: exact for every time the export writes (see above). */
	ns(tsc: bigint): number {
		return Number(this.nsBig(tsc));
	}

	/** The lowest TSC at or after the origin whose time is at least `ns`. */
	firstTscAt(ns: bigint): bigint {
		let lo = 0n;
		let hi = 1n << 64n;
		while (lo < hi) {
			const mid = (lo + hi) >> 1n;
			if (this.#clock.ns(mid) >= ns) hi = mid;
			else lo = mid + 1n;
		}
		return this.origin + lo;
	}
}

/** `12345.678`: nanoseconds (an exact integer) as microseconds, every nanosecond kept. */
export function microseconds(ns: number): string {
	const us = Math.floor(ns / 1000);
	const rest = ns - us * 1000;
	return `${us}.${rest < 10 ? '00' : rest < 100 ? '0' : ''}${rest}`;
}
