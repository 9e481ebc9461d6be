// zstd through libzstd (zstddec: the reference decoder built to WebAssembly). It decodes into
// a buffer of the declared size and fails as soon as a block would pass it, so a chunk that
// declares 4 KB and holds 4 GB of zeros costs 4 KB, and a crafted block cannot spin: the pure
// JavaScript decoder used before grew its output without bound and looped over match lengths
// no output could hold.

import {ZSTDDecoder} from 'zstddec';

let decoder: ZSTDDecoder | undefined;
let ready: Promise<void> | undefined;

/** Loads the decoder (once per process, about 40 ms); needed before the first zstdDecode. */
export function readyZstd(): Promise<void> {
	ready ??= (async () => {
		const d = new ZSTDDecoder();
		await d.init();
		decoder = d;
	})();
	return ready;
}

/** Our own mistake, not the file's: kept apart from damage (decompressBlock turns its errors into Corrupt). */
export function assertZstdReady(): void {
	if (!decoder) throw new Error('internal: the zstd decoder was used before readyZstd()');
}

/** The decompressed bytes, or undefined when the data is damaged or is not exactly `size` bytes. */
export function zstdDecode(data: Uint8Array, size: number): Uint8Array | undefined {
	if (!decoder) throw new Error('internal: the zstd decoder was used before readyZstd()');
	if (size === 0) return new Uint8Array(0);
	// A failure (damaged data, more output than `size`) comes back as an empty array.
	const out = decoder.decode(data, size);
	return out.length === size ? out : undefined;
}
