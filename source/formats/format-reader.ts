// The one interface every input format implements, and what a reader may throw. A new format
// is a folder (or a file) holding a FormatReader plus one line in registry.ts; the loader
// (load.ts) sniffs, picks the reader and turns what it throws into sentences for a person
// (docs/architecture.md).

import type {Trace} from '../model/trace.js';
import type {OpenStream} from './byte-input.js';

/** How far a reader has got, for the viewer's loading screen. */
export interface Progress {
	file: string;
	bytes: number;
	totalBytes: number;
	events: number;
}

/**
 * How sure a reader is that an input's first bytes are its format: `magic` (its magic bytes:
 * nothing else starts so, and --format cannot overrule it), `content` (they read as this
 * format), `fallback` (nothing rules it out).
 */
export type Claim = 'magic' | 'content' | 'fallback';

export interface FormatInput {
	/** The name messages use: the path, or "standard input". */
	file: string;
	/** The first bytes (up to 64 KiB), as the sniff saw them. */
	head: Buffer;
	/** A pipe, read once as a stream (its head already read); undefined for a regular file, read by path. */
	stream?: OpenStream;
}

export interface FormatOptions {
	/** The name --format gave, when it is one of this reader's (text: ftrace or report). */
	format?: string;
	/** trace.dat: the one buffer to read (an instance's name, or "top"); every buffer when absent. */
	instance?: string;
	/** Read a nanosecond-clock trace instead of refusing it (for measuring readers, not for conversion). */
	allowNanoseconds?: boolean;
	onProgress?: (progress: Progress) => void;
	/** Parse on another thread, when the reader can (another large file is read at once). */
	worker?: boolean;
	/** With `worker`: that thread yields the cores to the main thread (the viewer drawing and answering keys meanwhile). */
	background?: boolean;
	/** Read only about the first this many bytes (a reader with `prefix`): the viewer's preliminary look. */
	prefixBytes?: number;
}

export interface FormatReader {
	/** What --format calls it (a reader may read several: text reads ftrace and report). */
	readonly names: readonly string[];
	/** What a person should give, for messages: `ftrace or trace-cmd report text`. */
	readonly noun: string;
	/** Whether parsing it on a thread of its own pays off when two large files are read at once. */
	readonly threads: boolean;
	/** Whether it can read just the start of an input (FormatOptions.prefixBytes), cut at a record's end. */
	readonly prefix?: boolean;
	/** What the first bytes say: undefined when they are not this format. */
	sniff(head: Buffer): Claim | undefined;
	/**
	 * Whether the first bytes hold this format's magic: exactly when `sniff` says `magic`. A
	 * reader whose sniff can say `magic` has it; the others' (costlier) sniffs are then not asked.
	 */
	magic?(head: Buffer): boolean;
	/**
	 * Reads the input into a Trace (model/trace.ts: fill a TraceBuilder, then finish it).
	 * A malformed line or record is counted with builder.bad(line, reason) and the rest read;
	 * an unusable input throws an InputError (one sentence: what, where, what to do); damage
	 * found deep inside may throw DamagedInput, which `damaged` words. Anything else that it
	 * throws is a fault of tscalign's, reported as an internal error.
	 */
	read(input: FormatInput, options: FormatOptions): Promise<Trace>;
	/** The sentence for a DamagedInput this reader threw. */
	damaged?(file: string, error: DamagedInput): string;
}

/** Damage a reader found deep inside its input; the loader asks the reader's `damaged` for the sentence. */
export class DamagedInput extends Error {}

/**
 * Bytes a reader found inside its input that are not its format (gzip'd binary, or another
 * format gzip'd): the loader, which knows every format, says what they are.
 */
export class ForeignContent extends Error {
	readonly head: Uint8Array;
	/** Where they were found: `inside its gzip data`. */
	readonly where: string;

	constructor(head: Uint8Array, where: string) {
		super(`content that is not a trace ${where}`);
		this.name = 'ForeignContent';
		this.head = head;
		this.where = where;
	}
}
