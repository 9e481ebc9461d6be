// Opens a trace of any registered format, decided by its first bytes, and reads it. This is
// the FormatReader boundary: what a reader throws leaves here as an InputError (bad input,
// one sentence) or an InternalError (a fault of ours), never the one taken for the other.

import {InputError, InternalError, isInputError} from '../model/errors.js';
import type {Trace} from '../model/trace.js';
import {openStream, sourceOf} from './byte-input.js';
import {DamagedInput, ForeignContent, type FormatInput, type FormatOptions, type FormatReader} from './format-reader.js';
import {FORMATS} from './registry.js';
import {binaryRefusal, chooseReader, HEAD_BYTES, readFailure, readHead, strongestClaim} from './sniff.js';

/** `auto` or a name a reader goes by (formatNames() in registry.ts). */
export type FormatChoice = string;

export interface LoadOptions extends Omit<FormatOptions, 'format'> {
	format?: FormatChoice;
	/** The formats to choose from (default: every registered one). */
	formats?: readonly FormatReader[];
}

export async function loadTrace(file: string, options: LoadOptions = {}): Promise<Trace> {
	const formats = options.formats ?? FORMATS;
	const pipe = sourceOf(file);
	if (pipe) return loadStream(pipe.name, pipe.open(), options, formats);
	const {head} = readHead(file);
	return readWith(formats, chooseReader(formats, head, file, chosen(options.format)), {file, head}, options);
}

/** The reader a file would be read with, its size (for deciding on reader threads) and its first bytes. */
export function probeFile(file: string, options: LoadOptions = {}): {reader: FormatReader; size: number; head: Buffer} {
	const formats = options.formats ?? FORMATS;
	const {head, size} = readHead(file);
	return {reader: chooseReader(formats, head, file, chosen(options.format)), size, head};
}

/** Reads a file with the reader given, whatever its first bytes say (through the same boundary). */
export function readFileAs(reader: FormatReader, file: string, options: LoadOptions = {}): Promise<Trace> {
	return readWith(options.formats ?? FORMATS, reader, {file, head: readHead(file).head}, options);
}

function chosen(format: FormatChoice | undefined): string | undefined {
	return format === undefined || format === 'auto' ? undefined : format;
}

/** A pipe (`-`, a FIFO, `<(...)`): read once as a stream, its first bytes deciding what it is. */
async function loadStream(name: string, readable: import('node:stream').Readable, options: LoadOptions, formats: readonly FormatReader[]): Promise<Trace> {
	let stream: Awaited<ReturnType<typeof openStream>>;
	try {
		stream = await openStream(readable, HEAD_BYTES);
	} catch (error) {
		throw readFailure(name, error) ?? error;
	}
	let reader: FormatReader;
	try {
		if (stream.head.length === 0) throw new InputError('empty', `${name} is empty; record the trace again (it holds no events).`, name);
		reader = chooseReader(formats, stream.head, name, chosen(options.format));
	} catch (error) {
		stream.close();
		throw error;
	}
	return readWith(formats, reader, {file: name, head: stream.head, stream}, options);
}

/** Reads `input` with `reader`: bad input leaves as an InputError, anything else unexpected as an InternalError. */
async function readWith(formats: readonly FormatReader[], reader: FormatReader, input: FormatInput, options: LoadOptions): Promise<Trace> {
	const {file} = input;
	try {
		const format = chosen(options.format);
		return await reader.read(input, {...options, format: format !== undefined && reader.names.includes(format) ? format : undefined});
	} catch (error) {
		input.stream?.close();
		if (isInputError(error)) throw error;
		if (error instanceof DamagedInput) {
			const sentence = reader.damaged?.(file, error) ?? `${file} is damaged (${error.message}); copy the file again or record a new one.`;
			throw new InputError('corrupt', sentence, file);
		}
		if (error instanceof ForeignContent) throw foreign(formats, error, file);
		const failed = readFailure(file, error);
		if (failed) throw failed;
		const message = error instanceof Error ? error.message : String(error);
		throw new InternalError(`${message} (while reading ${file} as ${reader.names.join(' or ')})`, error);
	}
}

/** Bytes found inside an input (gzip'd): another format's, by its magic, or binary. */
function foreign(formats: readonly FormatReader[], error: ForeignContent, file: string): InputError {
	const head = Buffer.from(error.head);
	const claim = strongestClaim(formats, head);
	if (claim?.claim === 'magic') return new InputError('binary', `${file} holds ${claim.reader.noun} ${error.where}; gunzip it and give the result.`, file);
	return binaryRefusal(formats, head, file);
}
