// Buffered writing to stdout that waits when the reader of a pipe is slow, so printing
// millions of events keeps memory flat.

import type {Writable} from 'node:stream';

export class Output {
	readonly #stream: Writable;
	/** Lines since the last flush, appended to one string (V8 keeps it as a rope until written). */
	#text = '';

	constructor(stream: Writable) {
		this.#stream = stream;
	}

	/** Adds a line; returns a promise only when the buffer was flushed into a full pipe. */
	line(text: string): Promise<void> | undefined {
		this.#text += text + '\n';
		return this.#text.length >= 1 << 16 ? this.flush() : undefined;
	}

	flush(): Promise<void> | undefined {
		if (this.#text.length === 0) return undefined;
		const chunk = this.#text;
		this.#text = '';
		if (this.#stream.write(chunk)) return undefined;
		return new Promise((resolve) => this.#stream.once('drain', resolve));
	}
}
