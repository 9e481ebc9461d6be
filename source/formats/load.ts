// Opens a trace file of any supported kind, decided by its first bytes.

import {InputError} from '../model/errors.js';
import type {Trace} from '../model/trace.js';
import {readTraceDat} from './tracedat/reader.js';
import {openStream, sourceOf} from './byte-input.js';
import {classifyHead, sniffFile} from './sniff.js';
import {readTextTraceInWorker} from './text/in-worker.js';
import {readTextTrace, type Progress, type TextFormat} from './text/reader.js';

export type FormatChoice = 'auto' | TextFormat | 'dat';

export interface LoadOptions {
	format?: FormatChoice;
	/** trace.dat: the one buffer to read (an instance's name, or "top"); every buffer when absent. */
	instance?: string;
	/** Read a nanosecond-clock trace instead of refusing it (for measuring readers, not for conversion). */
	allowNanoseconds?: boolean;
	onProgress?: (progress: Progress) => void;
	/** Parse a text file on another thread (worth it when another large file is read at once). */
	worker?: boolean;
}

const STREAM_HEAD = 64 * 1024;

export async function loadTrace(file: string, options: LoadOptions = {}): Promise<Trace> {
	const pipe = sourceOf(file);
	if (pipe) return loadStream(pipe.name, pipe.open(), options);
	const {kind} = sniffFile(file);
	const format = options.format ?? 'auto';
	if (kind === 'dat' || format === 'dat') {
		return readTraceDat(file, {instance: options.instance, allowNanoseconds: options.allowNanoseconds, onProgress: options.onProgress});
	}
	const read = options.worker ? readTextTraceInWorker : readTextTrace;
	return read(file, {
		format: format === 'auto' ? undefined : format,
		gzip: kind === 'gzip',
		allowNanoseconds: options.allowNanoseconds,
		onProgress: options.onProgress,
	});
}

/** A pipe (`-`, a FIFO, `<(...)`): read once as a stream, its first bytes deciding what it is. */
async function loadStream(name: string, readable: import('node:stream').Readable, options: LoadOptions): Promise<Trace> {
	const stream = await openStream(readable, STREAM_HEAD);
	try {
		if (stream.head.length === 0) throw new InputError('empty', `${name} is empty; record the trace again (it holds no events).`, name);
		const kind = classifyHead(stream.head, name);
		if (kind === 'dat' || options.format === 'dat') {
			throw new InputError('unreadable', `${name} is a trace.dat on a pipe, and a trace.dat must be read from a file (its parts are found by offset); save it to a file and give that file.`, name);
		}
	} catch (error) {
		stream.close();
		throw error;
	}
	const format = options.format ?? 'auto';
	return readTextTrace(name, {
		format: format === 'auto' ? undefined : format,
		gzip: stream.head[0] === 0x1f && stream.head[1] === 0x8b,
		stream,
		allowNanoseconds: options.allowNanoseconds,
		onProgress: options.onProgress,
	});
}
