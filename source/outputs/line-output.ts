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
		const stream = this.#stream;
		// A stream that failed (a full disk under a file) takes no more and never drains: the
		// writer stops with its error, which the stream's owner turns into a sentence.
		if (stream.destroyed) return handled(Promise.reject(stream.errored ?? new Error('the output was closed')));
		if (stream.write(chunk)) return undefined;
		return handled(
			new Promise((resolve, reject) => {
				const done = (error?: unknown): void => {
					stream.off('drain', done);
					stream.off('error', done);
					stream.off('close', done);
					if (error instanceof Error) reject(error);
					else if (stream.destroyed) reject(stream.errored ?? new Error('the output was closed'));
					else resolve();
				};
				stream.on('drain', done);
				stream.on('error', done);
				stream.on('close', done);
			}),
		);
	}
}

/**
 * Adds lineAt(k) for every k below `count`, waiting whenever a flush meets a full pipe, then
 * flushes. The lines are made in a plain loop between waits: V8 optimises that loop once,
 * where a loop with `await` in it was compiled again after its first wait or its last line.
 */
export async function writeLines(out: Output, count: number, lineAt: (k: number) => string): Promise<void> {
	let k = 0;
	let wait: Promise<void> | undefined;
	const some = (): void => {
		while (k < count) {
			wait = out.line(lineAt(k++));
			if (wait) return;
		}
	};
	for (;;) {
		some();
		if (!wait) break;
		await wait;
		wait = undefined;
	}
	await out.flush();
}

/** `promise`, marked as handled: a writer that drops it for a later one must not crash the process. */
function handled(promise: Promise<void>): Promise<void> {
	promise.catch(() => undefined);
	return promise;
}
