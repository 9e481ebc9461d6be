// The non-interactive commands: load and align the files, print them with the output the
// flags pick (outputs/registry.ts), and exit 0 (all exact), 1 (some ambiguous or unresolved)
// or 2 (usage or input error). HOST GUEST is a pair; HOST GUEST GUEST... aligns each guest.

import type {AlignOptions} from '../core/align.js';
import {closeGuests, loadCapture} from '../loading/load-pair.js';
import type {CommonFlags} from '../loading/options.js';
import {reportError, type Io} from '../outputs/errors.js';
import {Output} from '../outputs/line-output.js';
import {malformedSummaries} from '../outputs/malformed-summary.js';
import {captureNotes} from '../outputs/capture-notes.js';
import type {OutputFormat} from '../outputs/output-format.js';
import {outputFor} from '../outputs/registry.js';

export interface CommandFlags extends CommonFlags {
	json?: boolean;
}

/** `files`: the host file, then one or more guest files. */
async function run(files: readonly string[], flags: CommandFlags, io: Io, output: OutputFormat, overrides: Partial<AlignOptions>, summaries: boolean): Promise<number> {
	try {
		const out = new Output(io.stdout);
		const aligned = await loadCapture(files, flags, overrides);
		try {
			const code = aligned.guests.length === 1 ? await output.write(aligned.guests[0]!, out) : await output.writeGuests(aligned, out);
			if (summaries) io.stderr.write(malformedSummaries(aligned.host, ...aligned.guests.map((a) => a.guest)) + captureNotes(aligned));
			return code;
		} finally {
			closeGuests(aligned);
		}
	} catch (error) {
		return reportError(error, io, files);
	}
}

export function runMerge(files: readonly string[], flags: CommandFlags, io: Io): Promise<number> {
	// The check of an offset against the run windows is for `check`; merge only prints.
	return run(files, flags, io, outputFor('merge', flags.json ? 'json' : 'text'), {crossCheck: false}, true);
}

export function runCheck(files: readonly string[], flags: CommandFlags, io: Io): Promise<number> {
	return run(files, flags, io, outputFor('check', flags.json ? 'json' : 'text'), {}, false);
}
