// Opens a trace file of any supported kind, decided by its first bytes.

import type {Trace} from '../core/trace.js';
import {readTraceDat} from '../tracedat/reader.js';
import {sniffFile} from './detect.js';
import {readTextTraceInWorker} from './text-in-worker.js';
import {readTextTrace, type Progress, type TextFormat} from './text-reader.js';

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

export async function loadTrace(file: string, options: LoadOptions = {}): Promise<Trace> {
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
