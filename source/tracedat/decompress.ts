// One compressed block of a v7 file: zlib (RFC 1950, what trace-cmd's compress2 writes) or
// zstd (standalone frames written without a content size, so the size comes from the file).

import zlib from 'node:zlib';
import {decompress as zstdDecompress} from 'fzstd';
import {Corrupt} from './bytes.js';

export type Compression = 'none' | 'zlib' | 'zstd';

const ONE_PIECE = 4 * 1024 * 1024;

export function decompressBlock(
	algorithm: Compression,
	data: Uint8Array,
	uncompressedSize: number,
	offset: number,
	what: string,
): Uint8Array {
	let out: Uint8Array;
	try {
		if (algorithm === 'zlib') {
			// Output in one piece when it fits 4 MB: zlib's default 16 kB pieces cost a call each
			// and a copy to join them (3 ms of the 10 on the real pair's guest). The cap keeps a
			// damaged size field from allocating a huge buffer up front.
			const chunkSize = Math.min(Math.max(64, uncompressedSize), ONE_PIECE);
			out = zlib.inflateSync(data, {maxOutputLength: Math.max(1, uncompressedSize), chunkSize});
		} else if (algorithm === 'zstd') {
			// trace-cmd writes frames without a content size; fzstd grows its output as it
			// goes, so a damaged size field cannot make it allocate a huge buffer up front.
			out = zstdDecompress(data);
		} else {
			out = data;
		}
	} catch (error) {
		throw new Corrupt(offset, `${algorithm} data for ${what} that decompresses to ${uncompressedSize} bytes`, `damaged data (${(error as Error).message})`);
	}
	if (out.length !== uncompressedSize) {
		throw new Corrupt(offset, `${what} to decompress to ${uncompressedSize} bytes`, `${out.length} bytes`);
	}
	return out;
}
