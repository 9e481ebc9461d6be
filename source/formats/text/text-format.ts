// ftrace text and `trace-cmd report` text (plain or gzip'd) behind the FormatReader interface.

import type {FormatReader} from '../format-reader.js';
import {isGzip} from '../sniff.js';
import {textClaim} from './claim.js';
import {readTextTraceInWorker} from './in-worker.js';
import {readTextTrace, type TextFormat} from './reader.js';

export const textFormat: FormatReader = {
	names: ['ftrace', 'report'],
	noun: 'ftrace or trace-cmd report text',
	threads: true,
	prefix: true,
	sniff: textClaim,
	read(input, options) {
		// A pipe is read once, as a stream, on this thread.
		const read = options.worker && !input.stream ? readTextTraceInWorker : readTextTrace;
		return read(input.file, {
			format: options.format as TextFormat | undefined,
			gzip: isGzip(input.head),
			stream: input.stream,
			allowNanoseconds: options.allowNanoseconds,
			onProgress: options.onProgress,
			limit: options.prefixBytes,
			background: options.background,
		});
	},
};
