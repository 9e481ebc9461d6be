// The non-interactive commands: load, align, print, and an exit code (0 all exact, 1 some
// ambiguous or unresolved, 2 usage or input error).

import {isInputError} from '../model/errors.js';
import {checkReport} from '../outputs/check-report.js';
import {escapeControl, safeJson} from '../display/escape.js';
import {checkText} from '../outputs/check-text.js';
import {closePair, loadPair} from '../loading/load-pair.js';
import {malformedSummaries} from '../outputs/malformed-summary.js';
import {writeMerge} from '../outputs/merge.js';
import type {CommonFlags} from '../loading/options.js';
import {Output} from '../outputs/line-output.js';

export interface CommandFlags extends CommonFlags {
	json?: boolean;
}

export interface Io {
	stdout: NodeJS.WritableStream & import('node:stream').Writable;
	stderr: NodeJS.WritableStream;
}

/**
 * A message for the terminal. Core messages quote trace text (task names in a VM listing, a
 * damaged file's bytes): each line goes through the one escaping function, and only the
 * message's own line breaks stay.
 */
export function terminalText(message: string): string {
	return message.split('\n').map(escapeControl).join('\n');
}

/** Prints an error as one message with no stack trace and returns exit code 2. */
export function reportError(error: unknown, io: Io): 2 {
	if (isInputError(error)) {
		io.stderr.write(`tscalign: ${terminalText(error.message)}\n`);
	} else {
		const message = error instanceof Error ? error.message : String(error);
		io.stderr.write(`tscalign: internal error: ${terminalText(message)}; please report it with the command you ran.\n`);
		if (process.env['TSCALIGN_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack}\n`);
	}
	return 2;
}

export async function runMerge(files: [string, string], flags: CommandFlags, io: Io): Promise<number> {
	try {
		// The check of an offset against the run windows is for `check`; merge only prints.
		const alignment = await loadPair(files[0], files[1], flags, undefined, {crossCheck: false});
		try {
			await writeMerge(alignment, flags.json ?? false, new Output(io.stdout));
			io.stderr.write(malformedSummaries(alignment.host, alignment.guest));
			return 0;
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
			const report = checkReport(alignment);
			const out = new Output(io.stdout);
			if (flags.json) out.line(safeJson(report));
			else for (const line of checkText(report)) out.line(line);
			await out.flush();
			return report.exit_code;
		} finally {
			closePair(alignment);
		}
	} catch (error) {
		return reportError(error, io);
	}
}
