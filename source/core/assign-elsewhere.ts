// Assigns some vCPUs' guest events on a second thread (assign-worker.ts) while align's own
// thread assigns the rest: a vCPU's assignment needs only its events' guest TSCs, its epochs
// and its run windows, and writes only its own events' results. Those columns are in shared
// memory, so the thread writes them in place; only the candidates of ambiguous events come
// back, as arrays. The thread is started ahead (loadPair starts it once the host is read,
// while the guest still is), so its start-up overlaps the reading.

import {Worker} from 'node:worker_threads';
import type {GuestResults} from './assign.js';
import type {ExportedCandidates} from './candidates.js';
import type {Epoch} from './epochs.js';
import type {RunWindows} from './windows.js';
import type {Scaling} from '../model/u64.js';

/** One vCPU to assign: its guest event indexes, epochs and run windows. */
export interface HelperJob {
	events: Uint32Array;
	epochs: readonly Epoch[];
	windows: RunWindows | undefined;
}

/** The results' columns the thread writes: shared memory (newGuestResults(count, true)). */
export type SharedColumns = Pick<GuestResults, 'hostTsc' | 'status' | 'epoch' | 'reason'>;

export interface HelperRequest {
	guestTsc: BigUint64Array;
	jobs: HelperJob[];
	scaling: Scaling | undefined;
	results: SharedColumns;
}

export type HelperReply = {kind: 'done'; candidates: ExportedCandidates} | {kind: 'error'; message: string};

/** Below this many guest events the thread's start and the copies cost more than it saves. */
export const HELPER_EVENTS = 400_000;

/** A thread started ahead, for one assign(); close() ends it when it is not needed. */
export class AssignHelper {
	readonly #worker: Worker;
	#error: Error | undefined;

	constructor() {
		this.#worker = new Worker(new URL('./assign-worker.js', import.meta.url));
		// Never what keeps the process alive, but while a job runs (assign refs it).
		this.#worker.unref();
		this.#worker.on('error', (error) => (this.#error = error));
	}

	/** Assigns the jobs into `results` (made shared); resolves once their candidates are in it too. */
	assign(guestTsc: BigUint64Array, jobs: readonly HelperJob[], scaling: Scaling | undefined, results: GuestResults): Promise<void> {
		if (this.#error) return Promise.reject(this.#error);
		if (!(results.hostTsc.buffer instanceof SharedArrayBuffer)) return Promise.reject(new Error('assign: the results are not in shared memory'));
		const worker = this.#worker;
		const {hostTsc, status, epoch, reason} = results;
		const request: HelperRequest = {
			guestTsc,
			jobs: jobs.map((job) => ({events: job.events, epochs: job.epochs, windows: job.windows && compactWindows(job.windows)})),
			scaling,
			results: {hostTsc, status, epoch, reason},
		};
		return new Promise<void>((resolve, reject) => {
			worker.ref();
			worker.once('error', reject);
			worker.once('exit', () => reject(new Error('the assignment thread stopped')));
			worker.once('message', (reply: HelperReply) => {
				this.close();
				if (reply.kind === 'error') return reject(new Error(reply.message));
				for (const {events} of jobs) adoptAll(results, reply.candidates, events);
				resolve();
			});
			worker.postMessage(request);
		});
	}

	close(): void {
		void this.#worker.terminate();
	}
}

/**
 * The vCPUs to hand to the helper: about half the work, counting a vCPU without run windows
 * double (about 1.6 candidates an event, and chains) and this thread's own share of what
 * follows (non-monotonic regions, summaries). None when the guest is small.
 */
export function shareOfHelper<T extends HelperJob>(vcpus: readonly T[], guestEvents: number): T[] {
	if (guestEvents < HELPER_EVENTS || vcpus.length < 2) return [];
	const cost = (v: T): number => v.events.length * (v.windows ? 1 : 2);
	let here = guestEvents / 4;
	let there = 0;
	const away = new Set<T>();
	for (const v of [...vcpus].sort((a, b) => cost(b) - cost(a))) {
		if (there < here) {
			away.add(v);
			there += cost(v);
		} else here += cost(v);
	}
	return vcpus.filter((v) => away.has(v));
}

/** The windows with arrays of their own: a view of a larger buffer would send all of it. */
function compactWindows(windows: RunWindows): RunWindows {
	const own = (a: BigUint64Array): BigUint64Array => (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice());
	return {count: windows.count, start: own(windows.start), end: own(windows.end), openStart: windows.openStart, openEnd: windows.openEnd};
}

/** The helper's candidates of these events, in event order (as assigning them here adds them). */
function adoptAll(results: GuestResults, from: ExportedCandidates, events: Uint32Array): void {
	const slotOf = from.slotOf;
	if (!slotOf) return;
	for (let j = 0; j < events.length; j++) {
		const i = events[j]!;
		if (slotOf[i]! >= 0) results.candidates.adopt(from, i, i);
	}
}
