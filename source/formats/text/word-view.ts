// A DataView over the reader's buffer for little-endian 32-bit reads: the head and name caches
// compare four bytes at a time. Made again only when the buffer changes (the reader keeps one).

export class WordView {
	#src: Uint8Array | undefined;
	#view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

	of(src: Uint8Array): DataView<ArrayBufferLike> {
		if (src !== this.#src) {
			this.#src = src;
			this.#view = new DataView(src.buffer, src.byteOffset, src.byteLength);
		}
		return this.#view;
	}
}
