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
		const stream = this.#stream;
		if (stream.write(chunk)) return undefined;
		// A stream that fails (a full disk under a file) never drains: its owner reports the
		// error, and the writer must not wait forever.
		return new Promise((resolve) => {
			const done = (): void => {
				stream.off('drain', done);
				stream.off('error', done);
				stream.off('close', done);
				resolve();
			};
			stream.on('drain', done);
			stream.on('error', done);
			stream.on('close', done);
		});
	}
}
