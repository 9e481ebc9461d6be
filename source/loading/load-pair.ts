// Loads the host and guest traces named on the command line and aligns them.

import {align, type AlignOptions, type Alignment} from '../core/align.js';
import {indexHost, type HostIndex} from '../core/host-index.js';
import type {Trace} from '../model/trace.js';
import {InputError} from '../model/errors.js';
import {sourceOf} from '../formats/byte-input.js';
import {loadTrace, probeFile, type FormatChoice} from '../formats/load.js';
import type {FormatReader, Progress} from '../formats/format-reader.js';
import {alignOptions, parseFormat, type CommonFlags} from './options.js';

const PARALLEL_BYTES = 16 * 1024 * 1024;

export interface PairReadOptions {
	format?: FormatChoice;
	instance?: string;
	onProgress?: (progress: Progress) => void;
	/** Parse each text file on a thread of its own (default: when both are large). */
	workers?: boolean;
	/** Called with the host trace as soon as it is read, maybe while the guest still is. */
	onHost?: (host: Trace) => void;
	/** The formats to choose from (default: every registered one). */
	formats?: readonly FormatReader[];
}

/** Reads both traces; when either fails, closes the other and throws the failure. */
export async function readPair(hostFile: string, guestFile: string, options: PairReadOptions = {}): Promise<[Trace, Trace]> {
	const {format, instance, onProgress, formats} = options;
	// Two large text files parse on two cores, both off the main thread, which stays free
	// for the caller (the viewer loads Ink meanwhile). Below a few MB a thread costs more
	// than it saves.
	if (hostFile === '-' && guestFile === '-') {
		throw new InputError('usage', 'HOST and GUEST cannot both be standard input (-); give one of them as a file.');
	}
	// A pipe is read once as a stream, on this thread.
	const piped = sourceOf(hostFile) !== undefined || sourceOf(guestFile) !== undefined;
	const [h, g] = piped ? [undefined, undefined] : [probeFile(hostFile, {format, formats}), probeFile(guestFile, {format, formats})];
	const workers = options.workers ?? (h !== undefined && g !== undefined && h.reader.threads && g.reader.threads && Math.min(h.size, g.size) >= PARALLEL_BYTES);
	const loaded = await Promise.allSettled([
		loadTrace(hostFile, {format, instance, onProgress, worker: workers, formats}).then((host) => {
			try {
				options.onHost?.(host);
			} catch (error) {
				host.close();
				throw error;
			}
			return host;
		}),
		loadTrace(guestFile, {format, instance, onProgress, worker: workers, formats}),
	]);
	const failed = loaded.find((r) => r.status === 'rejected');
	if (failed) {
		for (const r of loaded) if (r.status === 'fulfilled') r.value.close();
		throw failed.reason;
	}
	return loaded.map((r) => (r as PromiseFulfilledResult<Trace>).value) as [Trace, Trace];
}

export async function loadPair(
	hostFile: string,
	guestFile: string,
	flags: CommonFlags,
	onProgress?: (progress: Progress) => void,
	overrides: Partial<AlignOptions> = {},
): Promise<Alignment> {
	const options = {...alignOptions(flags), ...overrides};
	// The host-only part of align runs while the guest still parses, when the host is first.
	let side: HostIndex | undefined;
	const [host, guest] = await readPair(hostFile, guestFile, {
		format: parseFormat(flags.format),
		instance: flags.instance,
		onProgress,
		onHost: (trace) => (side = indexHost(trace)),
	});
	try {
		return align(host, guest, options, side);
	} catch (error) {
		host.close();
		guest.close();
		throw error;
	}
}

export function closePair(alignment: Alignment): void {
	alignment.host.close();
	alignment.guest.close();
}
