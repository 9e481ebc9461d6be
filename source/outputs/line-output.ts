// Buffered writing to stdout that waits when the reader of a pipe is slow, so printing
// millions of events keeps memory flat.

import type {Writable} from 'node:stream';

export class Output {
	readonly #stream: Writable;
	#parts: string[] = [];
	#size = 0;

	constructor(stream: Writable) {
		this.#stream = stream;
	}

	/** Adds a line; returns a promise only when the buffer was flushed into a full pipe. */
	line(text: string): Promise<void> | undefined {
		this.#parts.push(text, '\n');
		this.#size += text.length + 1;
		return this.#size >= 1 << 16 ? this.flush() : undefined;
	}

	flush(): Promise<void> | undefined {
		if (this.#parts.length === 0) return undefined;
		const chunk = this.#parts.join('');
		this.#parts = [];
		this.#size = 0;
		if (this.#stream.write(chunk)) return undefined;
		return new Promise((resolve) => this.#stream.once('drain', resolve));
	}
}
