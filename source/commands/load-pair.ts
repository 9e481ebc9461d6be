// Loads the host and guest traces named on the command line and aligns them.

import {align, type AlignOptions, type Alignment} from '../core/align.js';
import type {Trace} from '../core/trace.js';
import {sniffFile} from '../readers/detect.js';
import {loadTrace} from '../readers/load.js';
import type {Progress} from '../readers/text-reader.js';
import {alignOptions, parseFormat, type CommonFlags} from './options.js';

const PARALLEL_BYTES = 16 * 1024 * 1024;

export async function loadPair(
	hostFile: string,
	guestFile: string,
	flags: CommonFlags,
	onProgress?: (progress: Progress) => void,
	overrides: Partial<AlignOptions> = {},
): Promise<Alignment> {
	const options = {...alignOptions(flags), ...overrides};
	const format = parseFormat(flags.format);
	// Two large text files parse on two cores; below a few MB a thread costs more than it saves.
	const [h, g] = [sniffFile(hostFile), sniffFile(guestFile)];
	const parallel = h.kind !== 'dat' && g.kind !== 'dat' && Math.min(h.size, g.size) >= PARALLEL_BYTES;
	const loaded = await Promise.allSettled([
		loadTrace(hostFile, {format, instance: flags.instance, onProgress, worker: parallel}),
		loadTrace(guestFile, {format, instance: flags.instance, onProgress}),
	]);
	const failed = loaded.find((r) => r.status === 'rejected');
	if (failed) {
		for (const r of loaded) if (r.status === 'fulfilled') r.value.close();
		throw failed.reason;
	}
	const [host, guest] = loaded.map((r) => (r as PromiseFulfilledResult<Trace>).value) as [Trace, Trace];
	try {
		return align(host, guest, options);
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
