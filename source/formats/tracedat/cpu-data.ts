// One CPU's ring-buffer pages as a sequence of blocks, so at most one block per CPU is held
// at a time: runs of pages read from the file, or one decompressed chunk (docs/tracedat-format.md §4.5).

import {Corrupt} from './bytes.js';
import {decompressBlock, type Budget, type Compression} from './decompress.js';
import type {DatFile} from './file.js';
import type {KeptChunks} from './kept-chunks.js';
import type {CpuData} from './layout.js';

/** Pages read at once from an uncompressed file. */
const PAGES_PER_READ = 16;
/** trace-cmd writes chunks of 10 pages (40 KB with 4 KB pages); 16 MiB allows 10 pages of 1 MiB. */
const MAX_CHUNK = 16 * 1024 * 1024;

export interface Block {
	bytes: Uint8Array;
	/** Finds the block again: the file offset of its first page, or of its chunk header. */
	key: number;
}

export interface BlockSource {
	readonly cpu: number;
	/** True when a block's key plus an offset in it is a file offset (no compression). */
	readonly plain: boolean;
	/** Bytes of the file consumed so far, for progress. */
	readonly consumed: number;
	next(): Block | undefined;
}

/** Something the reader could not use, said once: a truncated page or chunk at the end of the data. */
export type Loss = (message: string) => void;

export class PlainPages implements BlockSource {
	readonly cpu: number;
	readonly plain = true;
	consumed = 0;
	readonly #file: DatFile;
	readonly #pageSize: number;
	#pos: number;
	readonly #end: number;

	constructor(file: DatFile, data: CpuData, pageSize: number, loss: Loss) {
		this.cpu = data.cpu;
		this.#file = file;
		this.#pageSize = pageSize;
		this.#pos = data.offset;
		const wanted = data.offset + data.size;
		const available = Math.min(wanted, file.size);
		// Only whole pages are decoded; a cut-off page at the end is lost and said so.
		const whole = data.offset + Math.floor(Math.max(0, available - data.offset) / pageSize) * pageSize;
		this.#end = whole;
		if (wanted > file.size) {
			loss(
				`CPU ${data.cpu}: the file ends at byte ${file.size}, inside its data (${data.size} bytes from byte ${data.offset}); the page cut off there and any after it are lost`,
			);
		} else if (whole < wanted) {
			loss(`CPU ${data.cpu}: its data ends with ${wanted - whole} bytes that are not a whole page (at byte ${whole}); they are ignored`);
		}
	}

	next(): Block | undefined {
		if (this.#pos >= this.#end) return undefined;
		const length = Math.min(this.#end - this.#pos, PAGES_PER_READ * this.#pageSize);
		const key = this.#pos;
		const bytes = this.#file.read(key, length, `the pages of CPU ${this.cpu}`);
		this.#pos += length;
		this.consumed += length;
		return {bytes, key};
	}
}

/**
 * Reads one compressed chunk at `offset`: u32 compressed size, u32 size, data. With a budget
 * (while the file is read), the chunk replaces `released` bytes this CPU held before.
 */
export function readChunk(file: DatFile, algorithm: Compression, offset: number, cpu: number, budget?: Budget, released = 0): {bytes: Uint8Array; next: number} {
	const sizes = file.view(offset, 8, `the chunk sizes of CPU ${cpu}`);
	const compressed = sizes.u32();
	const size = sizes.u32();
	if (size > MAX_CHUNK) throw new Corrupt(offset + 4, `a chunk of CPU ${cpu} under ${MAX_CHUNK} bytes`, `${size} bytes`);
	budget?.take(size, released, offset + 4, `a chunk of CPU ${cpu}`);
	const data = file.read(offset + 8, compressed, `a compressed chunk of CPU ${cpu}`);
	return {bytes: decompressBlock(algorithm, data, size, offset, `a chunk of CPU ${cpu}`), next: offset + 8 + compressed};
}

export class CompressedChunks implements BlockSource {
	readonly cpu: number;
	readonly plain = false;
	consumed = 0;
	readonly #file: DatFile;
	readonly #algorithm: Compression;
	readonly #loss: Loss;
	readonly #kept: KeptChunks | undefined;
	readonly #budget: Budget | undefined;
	/** Bytes of the chunk handed out last, held until the next replaces it. */
	#held = 0;
	readonly #end: number;
	#pos: number;
	#left: number;

	constructor(file: DatFile, data: CpuData, algorithm: Compression, loss: Loss, kept?: KeptChunks, budget?: Budget) {
		this.cpu = data.cpu;
		this.#budget = budget;
		this.#file = file;
		this.#algorithm = algorithm;
		this.#loss = loss;
		this.#kept = kept;
		this.#end = data.offset + data.size;
		if (data.size < 4) {
			// A CPU listed with no data has no chunk count either.
			this.#left = 0;
			this.#pos = data.offset;
			return;
		}
		if (data.offset + 4 > file.size) {
			loss(`CPU ${data.cpu}: the file ends at byte ${file.size}, before its data at byte ${data.offset}; its events are lost`);
			this.#left = 0;
			this.#pos = data.offset;
			return;
		}
		this.#left = file.view(data.offset, 4, `the chunk count of CPU ${data.cpu}`).u32();
		this.#pos = data.offset + 4;
	}

	next(): Block | undefined {
		if (this.#left === 0) {
			this.#budget?.release(this.#held);
			this.#held = 0;
			return undefined;
		}
		const key = this.#pos;
		if (key + 8 > this.#end) {
			throw new Corrupt(key, `${this.#left} more compressed chunks of CPU ${this.cpu}`, `the end of its data at byte ${this.#end}`);
		}
		const header = this.#file.readUpTo(key, 8);
		const compressed = header.length === 8 ? new DataView(header.buffer, header.byteOffset, 8).getUint32(0, this.#file.little) : 0;
		if (header.length < 8 || key + 8 + compressed > this.#file.size) {
			this.#loss(`CPU ${this.cpu}: the file ends at byte ${this.#file.size}, inside the compressed chunk at byte ${key}; that chunk and any after it are lost`);
			this.#left = 0;
			return undefined;
		}
		const chunk = readChunk(this.#file, this.#algorithm, key, this.cpu, this.#budget, this.#held);
		this.#held = chunk.bytes.length;
		this.#kept?.offer(key, chunk.bytes);
		this.#pos = chunk.next;
		this.#left--;
		this.consumed = this.#pos - key + this.consumed;
		return {bytes: chunk.bytes, key};
	}
}
