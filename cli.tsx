#!/usr/bin/env node
// Entry point: parse the command line and dispatch. The work lives in source/.

import fs from 'node:fs';
import meow from 'meow';
import {misplacedOption, repeatedOption, unknownOption} from './source/commands/argv.js';
import {helpText} from './source/commands/help.js';
import {runExport} from './source/commands/export.js';
import {meowFlags, OPTIONS} from './source/commands/option-table.js';
import {runCheck, runMerge} from './source/commands/run.js';
import type {Io} from './source/outputs/errors.js';
import {writeFailure} from './source/display/write-failure.js';

const flags = meowFlags(OPTIONS);

const repeated = repeatedOption(process.argv.slice(2), flags);
if (repeated) {
	process.stderr.write(`tscalign: ${repeated} is given twice, and it takes one value; give it once (see tscalign --help)\n`);
	process.exit(2);
}

// Help and unknown options are answered here (per command, with a pointer to --help), so
// meow neither prints its own nor exits on an unknown flag.
const cli = meow(helpText(undefined), {importMeta: import.meta, autoHelp: false, allowUnknownFlags: true, flags});

const io: Io = {stdout: process.stdout, stderr: process.stderr};
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	// A closed pipe (`| head`) is a normal way to stop reading.
	if (error.code === 'EPIPE') process.exit(0);
	// A terminal that hung up: the viewer's own handler ends the process by SIGHUP.
	if (process.stdout.isTTY && (error.code === 'EIO' || error.code === 'ENXIO')) throw error;
	// A full disk or a write error: one sentence and exit 2, never a stack trace or a verdict.
	process.stderr.write(`tscalign: ${writeFailure('to standard output', error)}\n`);
	process.exit(2);
});

function usageError(message: string): never {
	process.stderr.write(`tscalign: ${message}\nRun \`tscalign --help\` for usage.\n`);
	process.exit(2);
}

const COMMANDS = ['merge', 'check', 'export', 'simulate'];

/** A first word that is no command and no file: a mistyped command (`chek`), not a missing trace. */
function mistypedCommand(word: string | undefined): boolean {
	return word !== undefined && /^[a-z][a-z-]*$/.test(word) && !fs.existsSync(word);
}

function showHelp(command: string | undefined, code: number): never {
	(code === 0 ? process.stdout : process.stderr).write(helpText(command));
	process.exit(code);
}

async function main(): Promise<number> {
	const [first, ...rest] = cli.input;
	const command = first !== undefined && COMMANDS.includes(first) ? first : undefined;
	if (cli.flags.help) showHelp(command, 0);
	const unknown = unknownOption(process.argv.slice(2), flags);
	if (unknown) {
		process.stderr.write(`tscalign: unknown option ${unknown} (see tscalign ${command ? `${command} ` : ''}--help)\n`);
		return 2;
	}
	if (!command && mistypedCommand(first)) usageError(`${first} is neither a command (${COMMANDS.join(', ')}) nor a file.`);
	const misplaced = misplacedOption(process.argv.slice(2), OPTIONS, command ?? 'viewer');
	if (misplaced) {
		const names = misplaced.takenBy.map((c) => (c === 'viewer' ? 'the viewer' : c));
		const takers = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
		process.stderr.write(`tscalign: ${command ?? 'the viewer'} does not take ${misplaced.option}; it is for ${takers} (see tscalign ${command ? `${command} ` : ''}--help)\n`);
		return 2;
	}
	if (command === 'simulate') {
		if (rest.length !== 1) usageError(`simulate needs one folder to write into; got ${rest.length}.`);
		// Loaded only here: merge and check start sooner without the simulator.
		const {runSimulate} = await import('./source/commands/simulate.js');
		return runSimulate(rest[0]!, cli.flags, io);
	}
	const files = command ? rest : cli.input;
	if (files.length < 2) {
		if (cli.input.length === 0) showHelp(undefined, 2);
		usageError(`${command ?? 'tscalign'} needs two files, HOST and GUEST; got ${files.length}.`);
	}
	if (command === 'merge') return runMerge(files, cli.flags, io);
	if (command === 'check') return runCheck(files, cli.flags, io);
	if (command === 'export') return runExport(files, cli.flags, io);
	return runViewer(files);
}

/** The viewer on a terminal (Ink is loaded only here); elsewhere the check summary, as a pipe cannot browse. */
async function runViewer(pair: string[]): Promise<number> {
	if (process.stdout.isTTY) {
		const {openViewer} = await import('./source/viewer/open.js');
		const code = await openViewer(pair, cli.flags, io);
		if (code !== undefined) return code;
	}
	const code = await runCheck(pair, cli.flags, io);
	if (code !== 2) {
		process.stderr.write(
			'tscalign: not on a terminal, so this is the `check` summary; the viewer needs one, and `tscalign merge HOST GUEST` prints every event on the host clock.\n',
		);
	}
	return code;
}

// No top-level await: the launcher also runs this file bundled as CommonJS, which has none.
void main().then((code) => {
	process.exitCode = code;
});
