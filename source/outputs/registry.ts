// Every output tscalign prints. A new output: a file holding its OutputFormat
// (output-format.ts), and one line here.

import {checkJsonOutput, checkTextOutput} from './check.js';
import {exportOutput} from './export.js';
import {mergeJsonOutput, mergeTextOutput} from './merge.js';
import type {OutputFormat} from './output-format.js';

export const OUTPUTS: readonly OutputFormat[] = [mergeTextOutput, mergeJsonOutput, checkTextOutput, checkJsonOutput, exportOutput];

/** The output `command` prints under `name` (`text`, `json` for --json, `chrome-json`). */
export function outputFor(command: OutputFormat['command'], name: string): OutputFormat {
	const output = OUTPUTS.find((o) => o.command === command && o.name === name);
	if (!output) throw new Error(`no ${name} output for ${command}`);
	return output;
}
