// Opens a trace file of any supported kind, decided by its first bytes.

import {InputError} from '../core/errors.js';
import type {Trace} from '../core/trace.js';
import {sniffFile} from './detect.js';
import {readTextTrace, type Progress, type TextFormat} from './text-reader.js';

export type FormatChoice = 'auto' | TextFormat | 'dat';

export interface LoadOptions {
	format?: FormatChoice;
	onProgress?: (progress: Progress) => void;
}

export async function loadTrace(file: string, options: LoadOptions = {}): Promise<Trace> {
	const {kind} = sniffFile(file);
	const format = options.format ?? 'auto';
	if (kind === 'dat' || format === 'dat') {
		throw new InputError(
			'unreadable',
			`${file} is a trace-cmd trace.dat, which this version cannot read yet; render it with \`trace-cmd report --raw-ts -N -i ${file} > ${file}.txt\` and give the text.`,
			file,
		);
	}
	return readTextTrace(file, {
		format: format === 'auto' ? undefined : format,
		gzip: kind === 'gzip',
		onProgress: options.onProgress,
	});
}
