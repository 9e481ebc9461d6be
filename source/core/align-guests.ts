// Several guest files against one host trace: each guest is matched to its VM (vm-match.ts)
// and aligned on its own, sharing the host index, so N guests cost about N times one.

import {align, type AlignOptions, type Alignment} from './align.js';
import {indexHost, type HostIndex} from './host-index.js';
import {InputError} from '../model/errors.js';
import type {Trace} from '../model/trace.js';
import {guestName, matchVms, sampleTrace} from './vm-match.js';

export interface GuestsAlignment {
	host: Trace;
	/** One per guest file, in command-line order; each `.host` is `host`. */
	guests: Alignment[];
}

/** `options[i]`: guest i's options (loading/guest-flags.ts). */
export function alignGuests(host: Trace, guests: Trace[], options: AlignOptions[], side: HostIndex = indexHost(host)): GuestsAlignment {
	const matched = matchVms(
		side,
		guests.map((guest, i) => ({guest, sample: sampleTrace(guest), options: options[i]!})),
	);
	const aligned = guests.map((guest, i) => {
		try {
			// A VM found by trying it was aligned with already.
			return matched[i]!.alignment ?? align(host, guest, {...options[i]!, vm: matched[i]!.vm}, side);
		} catch (error) {
			// Which guest a message is about, when there are several.
			if (error instanceof InputError) throw new InputError(error.code, `${guestName(i, guest)}: ${error.message}`, error.file);
			throw error;
		}
	});
	return {host, guests: aligned};
}
