// Random access to byte ranges of a large file through a small block cache, so event text
// is decoded only for the rows someone looks at (or prints), never held for every event.

import fs from 'node:fs';

const BLOCK = 64 * 1024;
const MAX_BLOCKS = 64;

export class ByteSource {
	readonly #fd: number;
	readonly #blocks = new Map<number, Buffer>();
	#closed = false;

	/** A file's path, or a descriptor open for reading that this source now owns and closes. */
	constructor(file: string | number) {
		this.#fd = typeof file === 'number' ? file : fs.openSync(file, 'r');
	}

	#lastNumber = -1;
	#last: Buffer | undefined;

	#block(number: number): Buffer {
		// Rows read in order hit the same block many times running: skip the LRU bookkeeping then.
		if (number === this.#lastNumber) return this.#last!;
		const block = this.#lookup(number);
		this.#lastNumber = number;
		this.#last = block;
		return block;
	}

	#lookup(number: number): Buffer {
		let block = this.#blocks.get(number);
		if (block) {
			// Map keeps insertion order: re-inserting marks the block recently used.
			this.#blocks.delete(number);
			this.#blocks.set(number, block);
			return block;
		}
		block = Buffer.allocUnsafe(BLOCK);
		const got = fs.readSync(this.#fd, block, 0, BLOCK, number * BLOCK);
		block = block.subarray(0, got);
		this.#blocks.set(number, block);
		if (this.#blocks.size > MAX_BLOCKS) this.#blocks.delete(this.#blocks.keys().next().value!);
		return block;
	}

	read(offset: number, length: number): Buffer {
		if (this.#closed) throw new Error('ByteSource used after close');
		const first = Math.floor(offset / BLOCK);
		const within = offset - first * BLOCK;
		if (within + length <= BLOCK) return this.#block(first).subarray(within, within + length);
		const out = Buffer.allocUnsafe(length);
		const got = fs.readSync(this.#fd, out, 0, length, offset);
		return out.subarray(0, got);
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#blocks.clear();
		this.#last = undefined;
		fs.closeSync(this.#fd);
	}
}
