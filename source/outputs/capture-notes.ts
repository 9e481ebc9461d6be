// What `merge` says on stderr about a capture that its event lines cannot: a guest recorded
// against another host trace, flags that named nothing in it. `check` says the same in its report.

import type {GuestsAlignment} from '../core/align-guests.js';
import {guestName} from '../core/vm-match.js';
import {escapeControl} from '../display/escape.js';
import {otherCaptureWords} from './check-report.js';

/** One `tscalign: ...` line each, ready for stderr; the guest named when there are several. */
export function captureNotes(aligned: Pick<GuestsAlignment, 'guests'>): string {
	const several = aligned.guests.length > 1;
	return aligned.guests
		.flatMap((a, g) => {
			const who = several ? `${escapeControl(guestName(g, a.guest))}: ` : '';
			const warning = a.otherCapture ? [`WARNING: ${otherCaptureWords(a.otherCapture)}`] : [];
			return [...warning, ...a.notes.map((note) => `note: ${escapeControl(note)}`)].map((line) => `tscalign: ${who}${line}\n`);
		})
		.join('');
}
