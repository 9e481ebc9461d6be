// One compressed block of a v7 file: zlib (RFC 1950, what trace-cmd's compress2 writes) or
// zstd (standalone frames written without a content size, so the size comes from the file).
// A crafted file must not be able to spend memory or time: each block stops at its declared
// size, and declared sizes are checked against what the file could hold before anything is
// allocated (see Budget).

import zlib from 'node:zlib';
import {Corrupt} from './bytes.js';
import {assertZstdReady, zstdDecode} from './zstd.js';

export type Compression = 'none' | 'zlib' | 'zstd';

const ONE_PIECE = 4 * 1024 * 1024;
/** Deflate's own limit: no zlib stream decompresses to more than 1032 times its size. */
const ZLIB_MAX_RATIO = 1032;

/** Decompressed bytes one trace.dat may hold at once, and produce in all, while it is read. */
export const HELD_LIMIT = 128 * 1024 * 1024;
const TOTAL_FLOOR = 1024 * 1024 * 1024;
const TOTAL_PER_FILE_BYTE = 64;

/**
 * What a file's compressed blocks may cost. Held: the CPUs' current chunks together (one
 * per CPU at a time, real files hold tens of KB each) and the metadata section being read.
 * In all: 1 GiB, or 64 times the file's size for larger files (real traces compress 5 to
 * 15 times), which bounds the time a bomb of zeros can take.
 */
export class Budget {
	readonly #total: number;
	#held = 0;
	#produced = 0;

	constructor(fileSize: number) {
		this.#total = Math.max(TOTAL_FLOOR, TOTAL_PER_FILE_BYTE * fileSize);
	}

	/** Takes `size` bytes (releasing `released`), or throws Corrupt: the file cannot be that large. */
	take(size: number, released: number, offset: number, what: string): void {
		const held = this.#held - released + size;
		if (held > HELD_LIMIT) {
			throw new Corrupt(offset, `${what} of a size the file can hold, but with it the decompressed data in use at once would pass ${HELD_LIMIT >> 20} MiB`, `${size} bytes declared`);
		}
		if (this.#produced + size > this.#total) {
			throw new Corrupt(offset, `${what} of a size the file can hold, but its blocks would decompress to more than ${Math.round(this.#total / 2 ** 20)} MiB in all`, `${size} bytes declared`);
		}
		this.#held = held;
		this.#produced += size;
	}

	release(size: number): void {
		this.#held -= size;
	}
}

export function decompressBlock(algorithm: Compression, data: Uint8Array, uncompressedSize: number, offset: number, what: string): Uint8Array {
	if (algorithm === 'zlib' && uncompressedSize > data.length * ZLIB_MAX_RATIO + 64) {
		throw new Corrupt(offset, `zlib data for ${what} that could decompress to its declared ${uncompressedSize} bytes`, `${data.length} compressed bytes, which inflate to at most ${data.length * ZLIB_MAX_RATIO}`);
	}
	if (algorithm === 'zstd') assertZstdReady();
	let out: Uint8Array | undefined;
	try {
		if (algorithm === 'zlib') {
			// Output in one piece when it fits 4 MB: zlib's default 16 kB pieces cost a call each
			// and a copy to join them. maxOutputLength stops inflating at the declared size.
			const chunkSize = Math.min(Math.max(64, uncompressedSize), ONE_PIECE);
			out = zlib.inflateSync(data, {maxOutputLength: Math.max(1, uncompressedSize), chunkSize});
		} else if (algorithm === 'zstd') {
			out = zstdDecode(data, uncompressedSize);
			if (!out) throw new Error(`not zstd data that decompresses to exactly ${uncompressedSize} bytes`);
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
