// Bad bytes never crash the reader: random files, truncations and byte mutations of real and
// built trace.dat files either read (every text still renders) or fail with one InputError.

import fs from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {InputError} from '../../../source/model/errors.js';
import {buildDat, type DatSpec} from './build-dat.js';
import {readBytes} from './helpers.js';
import {scenario} from './scenario.js';
import {corpusFile} from '../../helpers/corpus.js';

const MAGIC = Buffer.from([0x17, 0x08, 0x44, ...Buffer.from('tracing')]);

/** Reads the bytes; returns 'read' or the InputError code, and rethrows anything else. */
async function outcome(bytes: Uint8Array): Promise<string> {
	try {
		const trace = await readBytes(bytes, {allowNanoseconds: true});
		for (let i = 0; i < Math.min(trace.count, 300); i++) {
			expect(typeof trace.text(i)).toBe('string');
			expect(typeof trace.raw(i)).toBe('string');
		}
		trace.close();
		return 'read';
	} catch (error) {
		if (error instanceof InputError) {
			expect(error.message).not.toContain('\n');
			// Every damage is recognised where it is, not caught by the reader's last-resort net.
			expect(error.message).not.toContain('cannot be read as a trace.dat');
			return error.code;
		}
		throw error;
	}
}

function built(version: 6 | 7, little: boolean, longSize: 4 | 8, compression?: 'zlib'): Buffer {
	const spec: DatSpec = {version, little, longSize, compression, cpuCount: 2, clock: 'x86-tsc', cmdlines: '100 a\n', instances: [{name: '', cpus: scenario({little, longSize}).cpus}]};
	return buildDat(spec);
}

const samples = [built(6, true, 8), built(7, false, 4), built(7, true, 8, 'zlib'), built(6, false, 8), built(7, true, 4, 'zlib')];

function mutate(base: Uint8Array, edits: [number, number][]): Buffer {
	const out = Buffer.from(base);
	for (const [at, value] of edits) out[at % out.length] = value;
	return out;
}

describe('the trace.dat reader on bad bytes', () => {
	it('random bytes after the magic and a version', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('6', '7'), fc.uint8Array({maxLength: 3000}), async (version, tail) => {
				await outcome(Buffer.concat([MAGIC, Buffer.from(`${version}\0`), tail]));
			}),
			{numRuns: 300},
		);
	});

	it('random bytes with no magic are refused as corrupt', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({minLength: 1, maxLength: 500}), async (bytes) => {
				fc.pre(!Buffer.from(bytes).subarray(0, 10).equals(MAGIC));
				expect(await outcome(bytes)).toBe('corrupt');
			}),
			{numRuns: 100},
		);
	});

	it('every truncation of built v6/v7 files (both byte orders, zlib)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat(samples.length - 1), fc.double({min: 0, max: 1, noNaN: true}), async (which, fraction) => {
				const base = samples[which]!;
				await outcome(base.subarray(0, Math.floor(base.length * fraction)));
			}),
			{numRuns: 300},
		);
	});

	it('a record length word above 2^31 (a found case) is a damaged record, not a crash', async () => {
		// Big-endian v6 file: byte 4112 is the top byte of a type_len-0 record's length word.
		expect(await outcome(mutate(samples[3]!, [[4112, 152]]))).toBe('read');
	});

	it('a damaged length that reads the cmdlines as a system name (a found case) gives one escaped line', async () => {
		expect(await outcome(mutate(samples[3]!, [[278, 1], [264, 0]]))).toBe('corrupt');
	});

	it('byte mutations of built files', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat(samples.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), {minLength: 1, maxLength: 8}), async (which, edits) => {
				await outcome(mutate(samples[which]!, edits));
			}),
			{numRuns: 400},
		);
	});

	const real = [
		'tracedat-made/synth-le64-v7zstd.dat',
		'tracedat-made/real-restored-v7zstd.dat',
		'tracedat-made/real-restored-v6.dat',
		'tracedat-made/guest-ts3.dat',
		'tracedat-made/synth-le32-v7.dat',
		'tracedat-public/lisa-trappy-tests-trace-32bit.dat',
	]
		.map((name) => corpusFile(name))
		.filter((file): file is string => file !== undefined)
		.map((file) => fs.readFileSync(file));

	it.skipIf(real.length === 0)('truncations and byte mutations of real files (metadata and pages)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.nat(real.length - 1),
				fc.double({min: 0, max: 1, noNaN: true}),
				fc.array(fc.tuple(fc.nat(), fc.nat(255)), {maxLength: 6}),
				fc.boolean(),
				async (which, fraction, edits, metadataOnly) => {
					const base = real[which]!;
					// Half of the edits land in the first 16 KiB, where the metadata is.
					const bounded = edits.map(([at, value]): [number, number] => [metadataOnly ? at % Math.min(base.length, 16384) : at, value]);
					const cut = fraction > 0.5 ? base.length : Math.floor(base.length * fraction * 2);
					await outcome(mutate(base.subarray(0, cut), bounded));
				},
			),
			{numRuns: 300},
		);
	}, 120_000);

	const pair = corpusFile('real/hip24-masterarbeit/pair1-host.trace.dat');
	it.skipIf(!pair)('byte mutations of the real zlib host file', async () => {
		const base = fs.readFileSync(pair!);
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat(255)), {minLength: 1, maxLength: 4}), async (edits) => {
				// Aim at the compressed page chunks and the options at the end of the file.
				const tail = edits.map(([at, value]): [number, number] => [base.length - 1 - (at % 100_000), value]);
				await outcome(mutate(base, tail));
			}),
			{numRuns: 40},
		);
	}, 120_000);
});
