// How an error reaches the user: one message on stderr, no stack trace, exit code 2. Bad
// input says what, where and what to do; a fault of ours says so and asks for a report.

import {isInputError} from '../model/errors.js';
import {escapeControl} from '../display/escape.js';

export interface Io {
	stdout: NodeJS.WritableStream & import('node:stream').Writable;
	stderr: NodeJS.WritableStream;
}

/**
 * A message for the terminal. Core messages quote trace text (task names in a VM listing, a
 * damaged file's bytes) and file names, which may hold line breaks of their own: everything
 * goes through the one escaping function, line breaks included, so a name can never start a
 * line of its own. Only a VM choice (`listing`) keeps its line breaks, one line a choice; the
 * input files' `names` in it are escaped whole first, their line breaks with them.
 */
export function terminalText(message: string, listing = false, names: readonly string[] = []): string {
	if (!listing) return escapeControl(message);
	let text = message;
	for (const name of names) if (name.includes('\n')) text = text.split(name).join(escapeControl(name));
	return text.split('\n').map(escapeControl).join('\n');
}

/** Prints an error as one message with no stack trace and returns exit code 2; `names`: the input files it may quote. */
export function reportError(error: unknown, io: Io, names: readonly string[] = []): 2 {
	if (isInputError(error)) {
		io.stderr.write(`tscalign: ${terminalText(error.message, error.code === 'vm-choice', names)}\n`);
	} else {
		const message = error instanceof Error ? error.message : String(error);
		io.stderr.write(`tscalign: internal error: ${terminalText(message)}; please report it with the command you ran.\n`);
		if (process.env['TSCALIGN_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack}\n`);
	}
	return 2;
}
