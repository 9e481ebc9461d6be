// Issue 14, memory and time bombs in trace.dat: a zstd chunk that declares 4 KB and holds GBs
// of zeros (8.4 GB of memory and 30 s before), the same in a metadata section of a file later
// refused for its clock, a zlib section declared as 512 MiB. Small but faithful: each bomb is
// far past what the reader may spend, and the target holds for any file up to 10 MB: under
// 300 MB of memory and 5 s, one sentence, exit 2. Also page sizes that are damage, not
// "no events" and not an internal error.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {example} from '../../helpers/cli.js';
import {MB, runMeasured} from '../../helpers/measured.js';
import {tempDir} from '../../helpers/traces.js';
import {buildDat, zstdRaw, zstdZeros, type DatSpec} from './build-dat.js';
import {rejection, readBytes} from './helpers.js';
import {scenario} from './scenario.js';

const GUEST = example('demo', 'guest.txt');
const order = {little: true, longSize: 8 as const};

function spec(extra: Partial<DatSpec>): DatSpec {
	return {version: 7, ...order, compression: 'zstd', cpuCount: 2, clock: 'x86-tsc', cmdlines: '100 a\n', instances: [{name: '', cpus: scenario(order).cpus}], ...extra};
}

function write(bytes: Buffer, name: string): string {
	const file = path.join(tempDir(), name);
	fs.writeFileSync(file, bytes);
	return file;
}

/** The installed command refuses the file in one sentence naming `where`, within the memory and time target. */
async function expectRefused(file: string, where: string): Promise<void> {
	const r = await runMeasured(['check', file, GUEST]);
	expect(r.code).toBe(2);
	expect(r.stderr).toMatch(DAMAGED);
	expect(r.stderr).toContain(where);
	expect(r.peak).toBeGreaterThan(0);
	expect(r.peak).toBeLessThan(300 * MB);
	expect(r.seconds).toBeLessThan(5);
}

const DAMAGED = /^tscalign: \S+ is a damaged or truncated trace\.dat: at byte \d+ it expected .*; copy the file again or record a new one\.\n$/;

describe('decompression bombs in trace.dat', () => {
	it('a zstd CPU chunk that declares its real size but holds 512 MiB of zeros: refused, memory and time bounded', async () => {
		let first = true;
		const file = write(
			buildDat(
				spec({
					pack: (data, what) => {
						if (what !== 'chunk' || !first) return {packed: zstdRaw(data), size: data.length};
						first = false;
						return {packed: zstdZeros(512 * MB), size: data.length};
					},
				}),
			),
			'chunk-bomb.dat',
		);
		expect(fs.statSync(file).size).toBeLessThan(64 * 1024);
		await expectRefused(file, 'a chunk of CPU 0');
	}, 60_000);

	it('the same bomb in a metadata section is refused before the file is refused for its clock', async () => {
		const file = write(
			buildDat(spec({clock: 'local', pack: (data, what) => (what === 18 ? {packed: zstdZeros(512 * MB), size: data.length} : {packed: zstdRaw(data), size: data.length})})),
			'section-bomb.dat',
		);
		await expectRefused(file, 'EVENT_FORMATS');
	}, 60_000);

	it('a zlib section declared as 320 MiB (and holding it) is refused before it is inflated', async () => {
		const zeros = zlib.deflateSync(Buffer.alloc(320 * MB), {level: 1});
		const file = write(
			buildDat(spec({compression: 'zlib', pack: (data, what) => (what === 21 ? {packed: zeros, size: 320 * MB} : {packed: zlib.deflateSync(data), size: data.length})})),
			'zlib-bomb.dat',
		);
		await expectRefused(file, 'CMDLINES');
	}, 60_000);

	it('a chunk declared larger than deflate can produce from its bytes is refused at once', async () => {
		const file = buildDat(spec({compression: 'zlib', pack: (data, what) => ({packed: zlib.deflateSync(data), size: what === 'chunk' ? 15 * MB : data.length})}));
		const error = await rejection(readBytes(file));
		expect(error.code).toBe('corrupt');
		expect(error.message).toContain('inflate to at most');
	});

	it('the zstd reader still reads what it should: every record of a zstd file', async () => {
		const t = await readBytes(buildDat(spec({})));
		expect(t.count).toBe(scenario(order).expected.length);
		expect(t.text(0)).toBe(scenario(order).expected[0]!.text);
		t.close();
	});
});

describe('page sizes that are damage', () => {
	for (const size of [1, 64, 4097]) {
		it(`a BUFFER option page size of ${size} says the file is damaged (not "no events", not an internal error)`, async () => {
			const error = await rejection(readBytes(buildDat(spec({compression: 'zlib', bufferPageSize: size}))));
			expect(error.code).toBe('corrupt');
			expect(error.message).toContain('a BUFFER option page size that is a power of two from 4 KiB to 1 MiB, found ' + size);
			expect(error.message).not.toMatch(/DataView|holds no events|internal/);
		});
	}
});

