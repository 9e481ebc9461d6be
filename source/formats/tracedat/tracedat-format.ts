// trace-cmd's trace.dat (v6 and v7, any compression, every buffer) behind the FormatReader
// interface (docs/tracedat.md).

import {InputError} from '../../model/errors.js';
import type {FormatReader} from '../format-reader.js';
import {Corrupt} from './bytes.js';
import {hasTraceDatMagic} from './header.js';
import {corruptMessage, readTraceDat} from './reader.js';

export const traceDatFormat: FormatReader = {
	names: ['dat'],
	noun: 'a trace-cmd trace.dat',
	threads: false,
	sniff: (head) => (hasTraceDatMagic(head) ? 'magic' : undefined),
	magic: hasTraceDatMagic,
	read(input, options) {
		if (input.stream) {
			throw new InputError(
				'unreadable',
				`${input.file} is a trace.dat on a pipe, and a trace.dat must be read from a file (its parts are found by offset); save it to a file and give that file.`,
				input.file,
			);
		}
		return readTraceDat(input.file, {instance: options.instance, allowNanoseconds: options.allowNanoseconds, onProgress: options.onProgress});
	},
	damaged: (file, error) => (error instanceof Corrupt ? corruptMessage(file, error) : `${file} is a damaged trace.dat (${error.message}); copy the file again or record a new one.`),
};
