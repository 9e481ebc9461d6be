// One line on stderr per file with malformed lines, for commands that otherwise say nothing
// about them (merge, the viewer on exit): a skipped line is never lost without a word.

import type {Trace} from '../model/trace.js';
import {escapeControl} from '../display/escape.js';

export function malformedSummary(trace: Trace): string | undefined {
	const {count, samples} = trace.malformed;
	const first = samples[0];
	if (count === 0 || !first) return undefined;
	const file = escapeControl(trace.file);
	return `${count} malformed ${count === 1 ? 'line' : 'lines'} skipped in ${file}; first at ${file}:${first.line}: ${escapeControl(first.reason)}`;
}

/** The summary lines of both files, each with the program's name, ready for stderr. */
export function malformedSummaries(...traces: Trace[]): string {
	return traces
		.map(malformedSummary)
		.filter((line) => line !== undefined)
		.map((line) => `tscalign: ${line}\n`)
		.join('');
}
