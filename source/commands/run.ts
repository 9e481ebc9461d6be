// The non-interactive commands: load and align the pair, print it with the output the flags
// pick (outputs/registry.ts), and exit 0 (all exact), 1 (some ambiguous or unresolved) or 2
// (usage or input error).

import {closePair, loadPair} from '../loading/load-pair.js';
import type {CommonFlags} from '../loading/options.js';
import {reportError, type Io} from '../outputs/errors.js';
import {Output} from '../outputs/line-output.js';
import {malformedSummaries} from '../outputs/malformed-summary.js';
import {outputFor} from '../outputs/registry.js';

export interface CommandFlags extends CommonFlags {
	json?: boolean;
}

export async function runMerge(files: [string, string], flags: CommandFlags, io: Io): Promise<number> {
	try {
		// The check of an offset against the run windows is for `check`; merge only prints.
		const alignment = await loadPair(files[0], files[1], flags, undefined, {crossCheck: false});
		try {
			const code = await outputFor('merge', flags.json ? 'json' : 'text').write(alignment, new Output(io.stdout));
			io.stderr.write(malformedSummaries(alignment.host, alignment.guest));
			return code;
		} finally {
			closePair(alignment);
		}
	} catch (error) {
		return reportError(error, io);
	}
}

export async function runCheck(files: [string, string], flags: CommandFlags, io: Io): Promise<number> {
	try {
		const alignment = await loadPair(files[0], files[1], flags);
		try {
			return await outputFor('check', flags.json ? 'json' : 'text').write(alignment, new Output(io.stdout));
		} finally {
			closePair(alignment);
		}
	} catch (error) {
		return reportError(error, io);
	}
}
