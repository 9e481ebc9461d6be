// Writes test bytes to a temporary file and reads them back with the trace.dat reader.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';
import type {Trace} from '../../../source/model/trace.js';
import {readFileAs} from '../../../source/formats/load.js';
import type {DatReadOptions} from '../../../source/formats/tracedat/reader.js';
import {traceDatFormat} from '../../../source/formats/tracedat/tracedat-format.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-dat-'));
let counter = 0;
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

export function tempFile(bytes: Uint8Array, name = 'trace.dat'): string {
	const file = path.join(dir, `${counter++}-${name}`);
	fs.writeFileSync(file, bytes);
	return file;
}

/** Reads the bytes as a trace.dat through the format boundary, as the loader does. */
export async function readBytes(bytes: Uint8Array, options: DatReadOptions = {}): Promise<Trace> {
	return readFileAs(traceDatFormat, tempFile(bytes), options);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & {code?: string}> {
	try {
		const value = await promise;
		(value as Trace | undefined)?.close?.();
	} catch (error) {
		return error as Error & {code?: string};
	}
	throw new Error('expected the read to fail');
}
