// `tscalign export HOST GUEST [-o FILE]`: load and align the pair as merge does, then write
// the JSON trace (outputs/export.ts) to FILE or standard output.

import {closePair, loadPair} from '../loading/load-pair.js';
import type {CommonFlags} from '../loading/options.js';
import {reportError, type Io} from '../outputs/errors.js';
import {Output} from '../outputs/line-output.js';
import {malformedSummaries} from '../outputs/malformed-summary.js';
import {outputFor} from '../outputs/registry.js';
import {unresolvedNote} from '../outputs/timeline/names.js';
import {parseBound, type ExportRange} from '../outputs/timeline/range.js';
import {openSink, type Sink} from './output-file.js';

export interface ExportFlags extends CommonFlags {
	output?: string;
	from?: string;
	to?: string;
}

export async function runExport(files: [string, string], flags: ExportFlags, io: Io): Promise<number> {
	let sink: Sink | undefined;
	try {
		const range: ExportRange = {
			from: flags.from === undefined ? undefined : parseBound(flags.from, '--from'),
			to: flags.to === undefined ? undefined : parseBound(flags.to, '--to'),
		};
		// Opened before the long load, so an unwritable FILE is said at once.
		sink = openSink(flags.output, io);
		const alignment = await loadPair(files[0], files[1], flags, undefined, {crossCheck: false});
		try {
			await outputFor('export', 'chrome-json').write(alignment, new Output(sink.stream), {range});
			await sink.close();
			sink = undefined;
			const note = unresolvedNote(alignment);
			io.stderr.write(`${note ? `tscalign: ${note}\n` : ''}${malformedSummaries(alignment.host, alignment.guest)}`);
			return 0;
		} finally {
			closePair(alignment);
		}
	} catch (error) {
		// A write that failed stops the export with the stream's error: say it as the file's.
		const failure = sink?.failure();
		sink?.abort();
		return reportError(failure ?? error, io);
	}
}
