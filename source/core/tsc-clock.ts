// The TSC's rate, for durations in nanoseconds: from `--tsc-khz`, or from a trace.dat's
// TSC2NSEC option (ns = cycles * mult >> shift), which trace-cmd writes when it records with
// the tsc2nsec clock. Without either, durations stay in cycles.

import type {Trace} from '../model/trace.js';

export interface TscClock {
	/** Nanoseconds in `cycles` (a difference of TSCs), rounded down; exact for any 64-bit span. */
	ns(cycles: bigint): bigint;
	/** Where the rate came from, for the screen: `--tsc-khz 2918400` or `TSC2NSEC of host.dat`. */
	source: string;
}

export function tscClock(host: Trace, guest: Trace, khz: number | undefined): TscClock | undefined {
	if (khz !== undefined) {
		// kHz can have decimals (2918.4 MHz = 2918400 kHz): scale to integers for exact bigint math.
		const milli = BigInt(Math.round(khz * 1000));
		return {ns: (cycles) => (cycles * 1_000_000_000n) / milli, source: `--tsc-khz ${khz}`};
	}
	// The host's TSC is the one every host TSC is on; a guest's TSC2NSEC holds only when unscaled.
	for (const trace of [host, guest]) {
		const rate = trace.meta?.tsc2nsec;
		if (rate && rate.multiplier > 0) {
			const mult = BigInt(rate.multiplier);
			const shift = BigInt(rate.shift);
			const name = trace.file.split('/').pop() ?? trace.file;
			return {ns: (cycles) => (cycles < 0n ? -((-cycles * mult) >> shift) : (cycles * mult) >> shift), source: `TSC2NSEC of ${name}`};
		}
	}
	return undefined;
}
