// Where a vCPU's TSC offset comes from, highest precedence first: align uses the first that
// finds one. check, the viewer and docs/conversion.md read this list (a test holds the docs to
// it). A new source: a file holding its OffsetSourceEntry (offset-source.ts), a line here.

import {flagSource} from './flag.js';
import type {OffsetSourceEntry} from './offset-source.js';
import {recoveredSource} from './recovered.js';
import {timeShiftSource} from './time-shift.js';
import {writeSource} from './writes.js';

export const OFFSET_SOURCES: readonly OffsetSourceEntry[] = [writeSource, flagSource, timeShiftSource, recoveredSource];

/** The entry of an epoch's source. */
export function offsetSource(name: string): OffsetSourceEntry | undefined {
	return OFFSET_SOURCES.find((s) => s.name === name);
}
