// Worker thread entry: parses one text trace and hands its columns back without copying
// (the typed arrays' buffers are transferred), so host and guest parse on two cores.

import os from 'node:os';
import {parentPort, workerData} from 'node:worker_threads';
import {isInputError} from '../../model/errors.js';
import {ForeignContent} from '../format-reader.js';
import {readFailure} from '../sniff.js';
import type {TraceColumns} from '../../model/trace.js';
import {parseTextFile, type TextReadOptions, type TextSource} from './reader.js';

export type WorkerReply =
	| {kind: 'progress'; bytes: number; totalBytes: number; events: number}
	| {kind: 'done'; columns: TraceColumns; text: TextSource}
	| {kind: 'error'; code: string; message: string; file: string | undefined; input: boolean}
	| {kind: 'foreign'; head: Uint8Array; where: string};

/** How much lower than the main thread a background reader runs: about a third of its CPU share when they compete. */
const BACKGROUND_NICE = 5;

const {file, options} = workerData as {file: string; options: Omit<TextReadOptions, 'onProgress'>};
const port = parentPort!;

// The viewer's first frame and keys run on the main thread, which otherwise waits for a core
// behind this thread and its twin (docs/performance.md, "The first frame under load"). On
// Linux a nice value is a thread's own, so this lowers only this thread; elsewhere it would
// lower the whole process.
if (options.background && process.platform === 'linux') {
	try {
		os.setPriority(0, Math.min(19, os.getPriority(0) + BACKGROUND_NICE));
	} catch {
		// Only a head start lost.
	}
}

function buffersOf(columns: TraceColumns): ArrayBuffer[] {
	const views = [columns.tsc, columns.cpu, columns.pid, columns.tgid, columns.line, columns.name, columns.comm, columns.locA, columns.locB, columns.locC, columns.kvm.index, columns.kvm.kind, columns.kvm.vcpu];
	return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

try {
	// A descriptor (the unlinked copy of gzipped text) is the process's, so it means the same on the main thread.
	const {columns, text} = await parseTextFile(file, {
		...options,
		onProgress: (p) => port.postMessage({kind: 'progress', bytes: p.bytes, totalBytes: p.totalBytes, events: p.events} satisfies WorkerReply),
	});
	port.postMessage({kind: 'done', columns, text} satisfies WorkerReply, buffersOf(columns));
} catch (thrown) {
	// A system error reading the file keeps its code only as an InputError across the thread boundary.
	const error = readFailure(file, thrown) ?? thrown;
	const input = isInputError(error);
	port.postMessage(
		error instanceof ForeignContent
			? ({kind: 'foreign', head: error.head, where: error.where} satisfies WorkerReply)
			: ({
					kind: 'error',
					code: input ? error.code : 'internal',
					message: error instanceof Error ? error.message : String(error),
					file: input ? error.file : undefined,
					input,
				} satisfies WorkerReply),
	);
}
