// formats/gunzip.ts: gzip members read one after another whatever chunks the bytes arrive in,
// and every way the data can stop early named (cut off or damaged) after the text before it.

import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {gunzip, GzipStop} from '../../source/formats/gunzip.js';

const first = Buffer.from('first member line\n'.repeat(3));
const second = Buffer.from('second\n'.repeat(4));

async function* chunks(parts: Buffer[]): AsyncGenerator<Buffer> {
	for (const part of parts) if (part.length > 0) yield part;
}

/** The text gunzipped from `parts`, and the stop if it stopped early. */
async function read(parts: Buffer[]): Promise<{text: string; stop?: GzipStop}> {
	const out: Buffer[] = [];
	try {
		for await (const chunk of gunzip(chunks(parts))) out.push(chunk);
	} catch (error) {
		if (!(error instanceof GzipStop)) throw error;
		return {text: Buffer.concat(out).toString(), stop: error};
	}
	return {text: Buffer.concat(out).toString()};
}

describe('gunzip', () => {
	it('two members and trailing zeros, split into chunks at every byte: always both members whole', async () => {
		const gz = Buffer.concat([zlib.gzipSync(first), zlib.gzipSync(second), Buffer.alloc(3)]);
		for (let k = 0; k <= gz.length; k++) {
			const r = await read([gz.subarray(0, k), gz.subarray(k)]);
			expect([k, r.text, r.stop]).toEqual([k, `${first}${second}`, undefined]);
		}
	});

	it('a header with a name, a comment and a header CRC is skipped whole', async () => {
		const gz = zlib.gzipSync(first);
		const header = Buffer.concat([gz.subarray(0, 10), Buffer.from('name.txt\0a comment\0'), Buffer.alloc(2)]);
		header[3] = 8 | 16 | 2;
		expect(await read([header, gz.subarray(10)])).toEqual({text: `${first}`});
	});

	it('stops after the text before it: cut-off data, trailer or header, and bytes that are not another member', async () => {
		const gz = zlib.gzipSync(first);
		const stored = zlib.gzipSync(first, {level: 0});
		stored[stored.indexOf('first')] = 0x46; // 'F'
		// The text expected: all of it, or (data cut off) the start of it, as much as zlib gives.
		const cases: [Buffer, string, boolean, string][] = [
			[gz.subarray(0, -4), 'the gzip trailer cut off', true, `${first}`],
			[gz.subarray(0, 14), 'unexpected end of file', true, 'start'],
			[Buffer.from([0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3, 65, 66]), 'a gzip header cut off', true, 'start'],
			[Buffer.concat([gz, Buffer.from('garbage')]), 'bytes after the compressed data that are not gzip data', false, `${first}`],
			// A stored (uncompressed) block's byte changed: only the trailer's CRC tells.
			[stored, 'incorrect data check', false, `${first}`.replace('f', 'F')],
		];
		for (const [bytes, message, cut, text] of cases) {
			const r = await read([bytes]);
			expect([r.stop?.message, r.stop?.cut]).toEqual([message, cut]);
			if (text === 'start') expect(`${first}`.startsWith(r.text)).toBe(true);
			else expect(r.text).toBe(text);
		}
	});
});
