// The FormatReader boundary (formats/load.ts): which reader a file gets, and what leaves it
// when a reader fails. Damaged input is one sentence, never an internal error; a fault of
// ours is an internal error asking for a report, never "the file is damaged".

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {DamagedInput, type FormatReader} from '../../source/formats/format-reader.js';
import {loadTrace} from '../../source/formats/load.js';
import {FORMATS} from '../../source/formats/registry.js';
import {parseFormat} from '../../source/loading/options.js';
import {InputError, InternalError} from '../../source/model/errors.js';
import {reportError} from '../../source/outputs/errors.js';
import {buildDat, type DatSpec} from './tracedat/build-dat.js';
import {scenario} from './tracedat/scenario.js';
import {rejection} from './tracedat/helpers.js';
import {ROOT} from '../helpers/cli.js';
import {entry, exit, tempDir, writeFile} from '../helpers/traces.js';

const spec: DatSpec = {version: 7, little: true, longSize: 8, cpuCount: 2, clock: 'x86-tsc', cmdlines: '100 a\n', instances: [{name: '', cpus: scenario({little: true, longSize: 8}).cpus}]};

/** A reader that claims files starting with `#fail` and fails as told. */
function failing(fail: () => never): FormatReader {
	return {names: ['fail'], noun: 'a failing trace', threads: false, sniff: (head) => (head.toString('latin1').startsWith('#fail') ? 'magic' : undefined), read: async () => fail()};
}

function stderrOf(error: unknown): string {
	let text = '';
	reportError(error, {stdout: process.stdout, stderr: {write: (chunk: string) => ((text += chunk), true)} as unknown as NodeJS.WritableStream});
	return text;
}

describe('the reader boundary', () => {
	const dir = tempDir();
	const file = path.join(dir, 'x.fail');
	fs.writeFileSync(file, '#fail\n');

	it('an unexpected exception inside a reader is an internal error that asks for a report', async () => {
		const reader = failing(() => {
			throw new TypeError("Cannot read properties of undefined (reading 'x')");
		});
		const error = await rejection(loadTrace(file, {formats: [reader]}));
		expect(error).toBeInstanceOf(InternalError);
		expect(stderrOf(error)).toBe(
			`tscalign: internal error: Cannot read properties of undefined (reading 'x') (while reading ${file} as fail); please report it with the command you ran.\n`,
		);
	});

	it('damage a reader finds is one sentence in its words, never an internal error', async () => {
		const reader: FormatReader = {
			...failing(() => {
				throw new DamagedInput('a record past the end');
			}),
			damaged: (name, error) => `${name} is a damaged failing trace (${error.message}); record it again.`,
		};
		const error = await rejection(loadTrace(file, {formats: [reader]}));
		expect([error instanceof InputError, error.code]).toEqual([true, 'corrupt']);
		expect(stderrOf(error)).toBe(`tscalign: ${file} is a damaged failing trace (a record past the end); record it again.\n`);
	});

	it('a system error while a reader reads (EIO from a failing disk) is one sentence about the file, not an internal error', async () => {
		const reader = failing(() => {
			throw Object.assign(new Error('EIO: i/o error, read'), {code: 'EIO', syscall: 'read'});
		});
		const error = await rejection(loadTrace(file, {formats: [reader]}));
		expect([error instanceof InputError, error.code]).toEqual([true, 'unreadable']);
		expect(stderrOf(error)).toBe(
			`tscalign: ${file} cannot be read (an input/output error, EIO); check the disk or network it is on, or copy it elsewhere, and run the command again.\n`,
		);
	});

	it("a gzip'd trace.dat is named as one, read on this thread or on a reader thread", async () => {
		const gz = path.join(dir, 'trace.dat.gz');
		fs.writeFileSync(gz, zlib.gzipSync(buildDat(spec)));
		// The reader thread runs the built worker: read through dist/, as the command does.
		const built = (await import(path.join(ROOT, 'dist/source/formats/load.js'))) as typeof import('../../source/formats/load.js');
		for (const worker of [false, true]) {
			const error = await rejection(built.loadTrace(gz, {worker}));
			expect([error.code, error.message]).toEqual(['binary', `${gz} holds a trace-cmd trace.dat inside its gzip data; gunzip it and give the result.`]);
		}
	});
});

describe('--format', () => {
	const dir = tempDir();
	const text = writeFile(dir, 'host.txt', [entry(1001), exit(1100)]);
	const dat = path.join(dir, 'trace.dat');
	fs.writeFileSync(dat, buildDat(spec));

	it('takes auto and every registered name, and says so otherwise', () => {
		expect(FORMATS.flatMap((f) => f.names)).toEqual(['ftrace', 'report', 'dat']);
		expect(() => parseFormat('csv')).toThrow('--format takes auto, ftrace, report or dat, not "csv".');
	});

	it('names the text format; a trace.dat stays a trace.dat (its magic decides); dat on text is refused at the magic', async () => {
		expect((await loadTrace(text)).format).toBe('ftrace');
		expect((await loadTrace(text, {format: 'report'})).format).toBe('report');
		expect((await loadTrace(dat, {format: 'ftrace'})).format).toBe('dat');
		const error = await rejection(loadTrace(text, {format: 'dat'}));
		expect([error.code, error.message]).toEqual([
			'corrupt',
			`${text} is a damaged or truncated trace.dat: at byte 0 it expected the trace.dat magic bytes 17 08 44 "tracing"; copy the file again or record a new one.`,
		]);
	});
});
