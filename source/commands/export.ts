// `tscalign export HOST GUEST [GUEST...] [-o FILE]`: load and align the files as merge does
// (commands/run.ts), then write the JSON trace (outputs/export.ts) to FILE or standard output.

import {guestName} from '../core/vm-match.js';
import {closeGuests, loadCapture} from '../loading/load-pair.js';
import type {CommonFlags} from '../loading/options.js';
import {escapeControl} from '../display/escape.js';
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

export async function runExport(files: readonly string[], flags: ExportFlags, io: Io): Promise<number> {
	let sink: Sink | undefined;
	try {
		const range: ExportRange = {
			from: flags.from === undefined ? undefined : parseBound(flags.from, '--from'),
			to: flags.to === undefined ? undefined : parseBound(flags.to, '--to'),
		};
		// Opened before the long load, so an unwritable FILE is said at once.
		sink = openSink(flags.output, io);
		const output = outputFor('export', 'chrome-json');
		const out = new Output(sink.stream);
		const aligned = await loadCapture(files, flags, {crossCheck: false});
		const pair = aligned.guests.length === 1;
		try {
			await (pair ? output.write(aligned.guests[0]!, out, {range}) : output.writeGuests(aligned, out, {range}));
			await sink.close();
			sink = undefined;
			const notes = aligned.guests.map((a, g) => {
				const note = unresolvedNote(a);
				return note ? `tscalign: ${escapeControl(`${pair ? '' : `${guestName(g, a.guest)}: `}${note}`)}\n` : '';
			});
			io.stderr.write(`${notes.join('')}${malformedSummaries(aligned.host, ...aligned.guests.map((a) => a.guest))}`);
			return 0;
		} finally {
			closeGuests(aligned);
		}
	} catch (error) {
		// A write that failed stops the export with the stream's error: say it as the file's.
		const failure = sink?.failure();
		sink?.abort();
		return reportError(failure ?? error, io, files);
	}
}
