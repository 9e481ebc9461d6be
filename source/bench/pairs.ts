// Simulated host/guest pairs for the benchmarks, generated once and cached in .bench-cache/.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {randomPlan, type RandomPlanOptions} from '../sim/random-plan.js';
import {sizedPlanOptions} from '../sim/sized.js';
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

/** A lab-like pair of about `events` events (sim/sized.ts): the viewer bench and the reader and conversion figures share it. */
export function labPair(events: number): PairFiles {
	return cached(`viewer-${events}-v2`, 7, sizedPlanOptions(events));
}

/** The same scale with no offset write traced: the guest's offsets must be recovered. */
export function untracedPair(runs: number): PairFiles {
	return cached(`no-writes-${runs}`, 2026, {vcpus: 4, runs, eventsPerRun: [0, 4], forwardWrites: 1, backwardWrites: 1, noise: 0, untracedWrites: true});
}
