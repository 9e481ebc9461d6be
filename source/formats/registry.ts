// Every input format tscalign reads, in the order messages list them (and sniff ties go).
// A new format: a folder or file holding its FormatReader (format-reader.ts), and one line here.

import type {FormatReader} from './format-reader.js';
import {textFormat} from './text/text-format.js';
import {traceDatFormat} from './tracedat/tracedat-format.js';

export const FORMATS: readonly FormatReader[] = [textFormat, traceDatFormat];

/** What --format takes: auto, then every reader's names (`ftrace`, `report`, `dat`). */
export function formatNames(formats: readonly FormatReader[] = FORMATS): string[] {
	return ['auto', ...formats.flatMap((r) => r.names)];
}
