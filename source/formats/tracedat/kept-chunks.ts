// Decompressed chunks the reader hands on to the text access, up to a byte budget, so the
// first texts asked for (merge prints in time order; the viewer opens at the start) do not
// decompress the same chunk a second time. The reader meets chunks in time order, so the
// budget keeps the earliest ones. On the real 100k-event pair every chunk fits, and merge
// no longer inflates 7.5 MB twice (about 18 ms).

/** At most this much is kept per file: a fixed cost, a few bytes per event at a million events. */
export const KEPT_BYTES = 16 * 1024 * 1024;

export class KeptChunks {
	readonly #chunks = new Map<number, Uint8Array>();
	#left: number;

	constructor(budget = KEPT_BYTES) {
		this.#left = budget;
	}

	/** Keeps a chunk the reader decompressed while the budget lasts. */
	offer(key: number, bytes: Uint8Array): void {
		if (bytes.length > this.#left) {
			this.#left = 0;
			return;
		}
		this.#left -= bytes.length;
		this.#chunks.set(key, bytes);
	}

	get(key: number): Uint8Array | undefined {
		return this.#chunks.get(key);
	}

	get size(): number {
		return this.#chunks.size;
	}

	clear(): void {
		this.#chunks.clear();
	}
}
