// Reads a text trace on another core (see worker.ts), for when two large files are read.

import {Worker} from 'node:worker_threads';
import {InputError, type InputErrorCode} from '../../model/errors.js';
import type {Trace} from '../../model/trace.js';
import {ForeignContent} from '../format-reader.js';
import {textTrace, type TextReadOptions} from './reader.js';
import type {WorkerReply} from './worker.js';

export function readTextTraceInWorker(file: string, options: TextReadOptions = {}): Promise<Trace> {
	const {onProgress, ...rest} = options;
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./worker.js', import.meta.url), {workerData: {file, options: rest}});
		let settled = false;
		worker.on('message', (reply: WorkerReply) => {
			if (reply.kind === 'progress') {
				onProgress?.({file, bytes: reply.bytes, totalBytes: reply.totalBytes, events: reply.events});
				return;
			}
			settled = true;
			if (reply.kind === 'done') resolve(textTrace(reply.columns, reply.text));
			else if (reply.kind === 'foreign') reject(new ForeignContent(reply.head, reply.where));
			else reject(reply.input ? new InputError(reply.code as InputErrorCode, reply.message, reply.file) : new Error(reply.message));
			void worker.terminate();
		});
		worker.on('error', (error) => {
			if (!settled) reject(error);
		});
		worker.on('exit', (code) => {
			if (!settled) reject(new Error(`the reader thread for ${file} stopped (exit code ${code})`));
		});
	});
}
