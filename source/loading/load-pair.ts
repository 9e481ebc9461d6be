// Loads the host and guest traces named on the command line and aligns them.

import {align, type AlignOptions, type Alignment} from '../core/align.js';
import {alignGuests, type GuestsAlignment} from '../core/align-guests.js';
import {indexHost, type HostIndex} from '../core/host-index.js';
import type {Trace} from '../model/trace.js';
import {InputError} from '../model/errors.js';
import {sourceOf} from '../formats/byte-input.js';
import {loadTrace, probeFile, type FormatChoice} from '../formats/load.js';
import type {FormatReader, Progress} from '../formats/format-reader.js';
import {alignOptions, guestAlignOptions, parseFormat, type CommonFlags} from './options.js';

const PARALLEL_BYTES = 16 * 1024 * 1024;

export interface PairReadOptions {
	format?: FormatChoice;
	instance?: string;
	onProgress?: (progress: Progress) => void;
	/** Parse each text file on a thread of its own (default: when both are large). */
	workers?: boolean;
	/** Those threads yield the cores to the main thread (the viewer's, drawing meanwhile). */
	background?: boolean;
	/** Called with the host trace as soon as it is read, maybe while the guest still is. */
	onHost?: (host: Trace) => void;
	/** The formats to choose from (default: every registered one). */
	formats?: readonly FormatReader[];
}

/** Reads both traces; when either fails, closes the other and throws the failure. */
export async function readPair(hostFile: string, guestFile: string, options: PairReadOptions = {}): Promise<[Trace, Trace]> {
	return (await readTraces([hostFile, guestFile], options)) as [Trace, Trace];
}

/** Reads the host trace (first) and every guest trace; when one fails, closes the rest and throws the failure. */
export async function readTraces(files: readonly string[], options: PairReadOptions = {}): Promise<Trace[]> {
	const {format, instance, onProgress, formats, background} = options;
	// Large text files parse on both cores, off the main thread, which stays free for the
	// caller (the viewer loads Ink meanwhile). Below a few MB a thread costs more than it saves.
	if (files.filter((f) => f === '-').length > 1) {
		throw new InputError(
			'usage',
			files.length === 2 ? 'HOST and GUEST cannot both be standard input (-); give one of them as a file.' : 'Only one of the files can be standard input (-); give the others as files.',
		);
	}
	// A pipe is read once as a stream, on this thread.
	const piped = files.some((f) => sourceOf(f) !== undefined);
	const probes = piped ? [] : files.map((f) => probeFile(f, {format, formats}));
	const workers = options.workers ?? (probes.length > 0 && probes.every((p) => p !== undefined && p.reader.threads) && Math.min(...probes.map((p) => p!.size)) >= PARALLEL_BYTES);
	const loaded = await Promise.allSettled(
		files.map((file, k) => {
			const read = loadTrace(file, {format, instance, onProgress, worker: workers, background, formats});
			if (k > 0) return read;
			return read.then((host) => {
				try {
					options.onHost?.(host);
				} catch (error) {
					host.close();
					throw error;
				}
				return host;
			});
		}),
	);
	const failed = loaded.find((r) => r.status === 'rejected');
	if (failed) {
		for (const r of loaded) if (r.status === 'fulfilled') r.value.close();
		throw failed.reason;
	}
	const traces = loaded.map((r) => (r as PromiseFulfilledResult<Trace>).value);
	if (instance !== undefined && !traces.some((t) => t.format === 'dat')) {
		// Text holds one buffer as it was printed: a name given for nothing is said, not dropped.
		for (const t of traces) t.close();
		throw new InputError('usage', `--instance picks a buffer instance of a trace.dat, and none of ${files.join(', ')} is one; leave it out for text traces.`);
	}
	return traces;
}

export async function loadPair(
	hostFile: string,
	guestFile: string,
	flags: CommonFlags,
	onProgress?: (progress: Progress) => void,
	overrides: Partial<AlignOptions> = {},
	read: Pick<PairReadOptions, 'background'> = {},
): Promise<Alignment> {
	const options = {...alignOptions(flags), ...overrides};
	// The host-only part of align runs while the guest still parses, when the host is first.
	let side: HostIndex | undefined;
	const [host, guest] = await readPair(hostFile, guestFile, {
		format: parseFormat(flags.format),
		instance: flags.instance,
		onProgress,
		onHost: (trace) => (side = indexHost(trace)),
		...read,
	});
	try {
		return align(host, guest, options, side);
	} catch (error) {
		host.close();
		guest.close();
		throw error;
	}
}

/** Loads the host trace and several guest traces and aligns each guest (core/align-guests.ts). */
export async function loadGuests(
	hostFile: string,
	guestFiles: readonly string[],
	flags: CommonFlags,
	onProgress?: (progress: Progress) => void,
	overrides: Partial<AlignOptions> = {},
	read: Pick<PairReadOptions, 'background'> = {},
): Promise<GuestsAlignment> {
	const options = guestAlignOptions(flags, guestFiles.length).map((o) => ({...o, ...overrides}));
	let side: HostIndex | undefined;
	const [host, ...guests] = await readTraces([hostFile, ...guestFiles], {
		format: parseFormat(flags.format),
		instance: flags.instance,
		onProgress,
		onHost: (trace) => (side = indexHost(trace)),
		...read,
	});
	try {
		return alignGuests(host!, guests, options, side);
	} catch (error) {
		host!.close();
		for (const guest of guests) guest.close();
		throw error;
	}
}

/**
 * HOST GUEST... as the commands take them: one guest is loaded as a pair (its VM picked the
 * single-guest way, docs/several-guests.md), several with loadGuests; either way as guests.
 */
export async function loadCapture(files: readonly string[], flags: CommonFlags, overrides: Partial<AlignOptions> = {}): Promise<GuestsAlignment> {
	if (files.length > 2) return loadGuests(files[0]!, files.slice(1), flags, undefined, overrides);
	const alignment = await loadPair(files[0]!, files[1]!, flags, undefined, overrides);
	return {host: alignment.host, guests: [alignment]};
}

export function closeGuests(aligned: GuestsAlignment): void {
	aligned.host.close();
	for (const a of aligned.guests) a.guest.close();
}

export function closePair(alignment: Alignment): void {
	alignment.host.close();
	alignment.guest.close();
}
