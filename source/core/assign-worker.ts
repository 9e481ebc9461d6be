// Thread entry of assign-elsewhere.ts: assigns the vCPUs it is sent into the shared result
// columns and hands back the candidates of ambiguous events (their buffers transferred).

import {parentPort} from 'node:worker_threads';
import {assignVcpu, type GuestResults} from './assign.js';
import {CandidateTable} from './candidates.js';
import type {HelperReply, HelperRequest} from './assign-elsewhere.js';

const port = parentPort!;

port.once('message', ({guestTsc, jobs, scaling, results}: HelperRequest) => {
	try {
		const out: GuestResults = {...results, vcpu: new Int32Array(0), candidates: new CandidateTable(guestTsc.length)};
		for (const job of jobs) assignVcpu(guestTsc, job.events, job.epochs, job.windows, scaling, out);
		const candidates = out.candidates.exported();
		const views = [candidates.first, candidates.tsc, candidates.epoch, candidates.slotOf];
		port.postMessage({kind: 'done', candidates} satisfies HelperReply, [...new Set(views.flatMap((v) => (v ? [v.buffer as ArrayBuffer] : [])))]);
	} catch (error) {
		port.postMessage({kind: 'error', message: error instanceof Error ? error.message : String(error)} satisfies HelperReply);
	}
});
