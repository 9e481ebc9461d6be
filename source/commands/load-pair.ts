// Loads the host and guest traces named on the command line and aligns them.

import {align, type Alignment} from '../core/align.js';
import {loadTrace} from '../readers/load.js';
import type {Progress} from '../readers/text-reader.js';
import {alignOptions, parseFormat, type CommonFlags} from './options.js';

export async function loadPair(
	hostFile: string,
	guestFile: string,
	flags: CommonFlags,
	onProgress?: (progress: Progress) => void,
): Promise<Alignment> {
	const options = alignOptions(flags);
	const format = parseFormat(flags.format);
	const [host, guest] = await Promise.all([
		loadTrace(hostFile, {format, instance: flags.instance, onProgress}),
		loadTrace(guestFile, {format, instance: flags.instance, onProgress}),
	]);
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
