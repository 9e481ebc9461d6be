// The one shape of every output: an aligned pair in, lines out, an exit code back. A new
// output is a file holding an OutputFormat plus one line in registry.ts (docs/architecture.md).

import type {Alignment} from '../core/align.js';
import type {Output} from './line-output.js';
import type {ExportRange} from './timeline/range.js';

/** What some outputs take from the command line besides the pair. */
export interface OutputOptions {
	/** `export`: the stretch of host time to write (--from, --to). */
	range?: ExportRange;
}

export interface OutputFormat {
	/** The command that prints it. */
	readonly command: 'merge' | 'check' | 'export';
	/** `text`, `json` for --json, or `chrome-json` (export's only one). */
	readonly name: string;
	/** Writes the whole output and returns the exit code (0, or 1 when check finds doubt). */
	write(alignment: Alignment, out: Output, options?: OutputOptions): Promise<number>;
}
