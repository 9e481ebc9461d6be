// The viewer's preliminary look at a large pair: the start of each file, read on this thread
// with the same readers and aligned by the same core, while the whole pair loads on the reader
// threads. Host rows of it are final; a guest event's status and place may still change, as
// epochs and windows later in the host trace can bear on it (docs/viewer.md).

import {align, type Alignment} from '../core/align.js';
import {sourceOf} from '../formats/byte-input.js';
import {loadTrace, probeFile} from '../formats/load.js';
import {isGzip} from '../formats/sniff.js';
import {alignOptions, parseFormat, type CommonFlags} from './options.js';

/** Below this much text in all (about 500,000 events) the whole pair loads about as fast as Ink does: no preliminary look. */
export const PREVIEW_MIN_BYTES = 48 * 1024 * 1024;
/**
 * Bytes read of the larger file (the other: the same share of its size), about 15,000 events:
 * pages of host rows, and the same epoch count floor as 4 MiB gave on the bench pair. Read and
 * aligned on the main thread before the first frame, so each MiB more is about 25 ms of its CPU.
 */
export const PREVIEW_BYTES = 1024 * 1024;

export interface Preview {
	alignment: Alignment;
	/** The share of each file read, 0 to 1. */
	share: number;
}

/**
 * The start of HOST and GUEST aligned, or undefined when the pair is small, a pipe, gzip'd,
 * or in a format that cannot be read in part, or when its start cannot be aligned (the whole load then
 * says why, or shows what it finds).
 */
export async function loadPreview(hostFile: string, guestFile: string, flags: CommonFlags, limits: {bytes?: number; minBytes?: number} = {}): Promise<Preview | undefined> {
	const {bytes = PREVIEW_BYTES, minBytes = PREVIEW_MIN_BYTES} = limits;
	const files = [hostFile, guestFile];
	const format = parseFormat(flags.format);
	let sizes: number[];
	try {
		if (files.some((f) => f === '-' || sourceOf(f) !== undefined)) return undefined;
		const probes = files.map((f) => probeFile(f, {format}));
		// gzip'd text: its size says little of its events, and its start costs a gunzip.
		if (!probes.every((p) => p.reader.prefix && !isGzip(p.head))) return undefined;
		sizes = probes.map((p) => p.size);
	} catch {
		return undefined;
	}
	const larger = Math.max(...sizes);
	if (sizes[0]! + sizes[1]! < minBytes) return undefined;
	// The same share of each: a host and a guest trace of one capture span about the same time.
	const share = Math.min(1, bytes / larger);
	const read = await Promise.allSettled(files.map((f, k) => loadTrace(f, {format, instance: flags.instance, prefixBytes: Math.ceil(share * sizes[k]!)})));
	const traces = read.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
	const close = (): void => {
		for (const t of traces) t.close();
	};
	if (traces.length < 2) {
		close();
		return undefined;
	}
	try {
		return {alignment: align(traces[0]!, traces[1]!, alignOptions(flags)), share};
	} catch {
		close();
		return undefined;
	}
}
