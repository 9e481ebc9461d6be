// Where `export -o FILE` writes: a file in FILE's folder under a temporary name, gzip'd when
// FILE ends in .gz, renamed to FILE only once every byte is written, so a failed export
// never leaves a cut file that looks whole. `-o -` (or no -o) is standard output.

import fs from 'node:fs';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import type {Writable} from 'node:stream';
import zlib from 'node:zlib';
import {InputError} from '../model/errors.js';
import {escapeControl} from '../display/escape.js';
import {writeFailure, writeReason} from '../display/write-failure.js';
import type {Io} from '../outputs/errors.js';

export interface Sink {
	stream: Writable;
	/** Ends the output; throws the sentence for a write that failed. */
	close(): Promise<void>;
	/** Gives up: nothing is left behind under FILE's name. */
	abort(): void;
	/** The sentence for a write that failed so far, if one did. */
	failure(): InputError | undefined;
}

function special(file: string): boolean {
	try {
		return !fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

export function openSink(target: string | undefined, io: Io): Sink {
	if (target === undefined || target === '-') {
		if (target === undefined && (io.stdout as {isTTY?: boolean}).isTTY) {
			throw new InputError('usage', 'export writes a JSON trace for a timeline GUI, not text for a terminal: give -o FILE (FILE.json.gz compresses it), or -o - to print it here anyway.');
		}
		// Failures on standard output are the CLI's to report (cli.tsx).
		return {stream: io.stdout, close: async () => undefined, abort: () => undefined, failure: () => undefined};
	}
	const shown = escapeControl(target);
	// A FIFO or a device (/dev/null) is written as it is: it cannot be renamed onto.
	const direct = special(target);
	const temp = direct ? target : path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
	let fd: number;
	try {
		fd = fs.openSync(temp, 'w');
	} catch (error) {
		throw new InputError('output', `cannot write ${shown} (${writeReason(error)}): check the folder exists and is writable, or give another -o FILE.`);
	}
	const file = fs.createWriteStream('', {fd});
	const gzip = target.endsWith('.gz') ? zlib.createGzip() : undefined;
	let failure: unknown;
	const done = (gzip ? pipeline(gzip, file) : new Promise<void>((resolve, reject) => file.on('finish', resolve).on('error', reject))).catch(
		(error: unknown) => {
			failure = error;
		},
	);
	// The file's own error, as soon as it happens: the gzip stream before it only sees it closed.
	file.on('error', (error) => {
		failure ??= error;
	});
	const stream = gzip ?? file;
	const remove = (): void => {
		if (!direct) fs.rmSync(temp, {force: true});
	};
	return {
		stream,
		async close() {
			stream.end();
			await done;
			if (failure !== undefined) {
				remove();
				throw new InputError('output', writeFailure(shown, failure));
			}
			if (!direct) fs.renameSync(temp, target);
		},
		failure: () => (failure === undefined ? undefined : new InputError('output', writeFailure(shown, failure))),
		abort() {
			stream.destroy();
			file.destroy();
			remove();
		},
	};
}
