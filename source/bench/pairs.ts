// Simulated host/guest pairs for the benchmarks, generated once and cached in .bench-cache/.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {randomPlan, type RandomPlanOptions} from '../sim/random-plan.js';
import {writeCapture} from '../sim/write-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface PairFiles {
	host: string;
	guest: string;
}

function cached(name: string, seed: number, options: RandomPlanOptions): PairFiles {
	const dir = path.join(root, '.bench-cache', name);
	const files = {host: path.join(dir, 'host.txt'), guest: path.join(dir, 'guest.txt')};
	if (!fs.existsSync(path.join(dir, 'done'))) {
		process.stdout.write(`generating ${dir} (cached for later runs) ...\n`);
		writeCapture(randomPlan(seed, options), dir, {truth: false});
		fs.writeFileSync(path.join(dir, 'done'), '');
	}
	return files;
}

/**
 * About `events` events (host + guest) as a lab capture has them: offset writes forward and
 * back (so epochs, ambiguity and non-monotonic regions), a vCPU without traced run windows,
 * and lost guest events. The viewer bench and the reader and conversion figures share it.
 */
export function labPair(events: number): PairFiles {
	// About 14 events per run and vCPU (entry, exit, guest events).
	return cached(`viewer-${events}-v2`, 7, {vcpus: 4, runs: Math.ceil(events / 14), eventsPerRun: [0, 4], forwardWrites: 3, backwardWrites: 3, windowless: [3], guestLosses: 3, noise: 0});
}

/** The same scale with no offset write traced: the guest's offsets must be recovered. */
export function untracedPair(runs: number): PairFiles {
	return cached(`no-writes-${runs}`, 2026, {vcpus: 4, runs, eventsPerRun: [0, 4], forwardWrites: 1, backwardWrites: 1, noise: 0, untracedWrites: true});
}
