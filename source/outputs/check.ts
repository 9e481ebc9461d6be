// `tscalign check` as an output: the report (check-report.ts) as text for a person or as one
// JSON object; the exit code is the report's.

import {safeJson} from '../display/escape.js';
import {checkReport} from './check-report.js';
import {checkText, guestsCheckText} from './check-text.js';
import {guestsCheckReport} from './check-guests.js';
import type {OutputFormat} from './output-format.js';

export const checkTextOutput: OutputFormat = {
	command: 'check',
	name: 'text',
	async write(alignment, out) {
		const report = checkReport(alignment);
		for (const line of checkText(report)) out.line(line);
		await out.flush();
		return report.exit_code;
	},
	async writeGuests(aligned, out) {
		const report = guestsCheckReport(aligned);
		for (const line of guestsCheckText(report)) out.line(line);
		await out.flush();
		return report.exit_code;
	},
};

export const checkJsonOutput: OutputFormat = {
	command: 'check',
	name: 'json',
	async write(alignment, out) {
		const report = checkReport(alignment);
		out.line(safeJson(report));
		await out.flush();
		return report.exit_code;
	},
	async writeGuests(aligned, out) {
		const report = guestsCheckReport(aligned);
		out.line(safeJson(report));
		await out.flush();
		return report.exit_code;
	},
};
