// A lab-like capture of a chosen size: `tscalign simulate DIR --events N` and the benchmarks.

import type {RandomPlanOptions} from './random-plan.js';

export const MAX_EVENTS = 50_000_000;

/**
 * About `events` events (host + guest) as a lab capture has them: four vCPUs, offset writes
 * forward and back (so epochs, ambiguity and non-monotonic regions), a vCPU without traced run
 * windows, and lost guest events. About 14 events per run and vCPU (entry, exit, guest events).
 */
export function sizedPlanOptions(events: number): RandomPlanOptions {
	return {vcpus: 4, runs: Math.ceil(events / 14), eventsPerRun: [0, 4], forwardWrites: 3, backwardWrites: 3, windowless: [3], guestLosses: 3, noise: 0};
}
