// Where the text reader's bytes come from: a regular file, a pipe (`-`, a FIFO, `<(...)`),
// or gzip'd text from either. Pipes and gzip'd text are read once, as a stream; the lines the
// reader keeps are copied into a temporary file so event text can be read again later.

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {gunzip, GzipStop} from './gunzip.js';

/** Bytes read into a buffer the caller owns (reused: no allocation per chunk). */
export interface ByteInput {
	/** Fills into[offset, offset + length) as far as it can; 0 at the end. */
	read(into: Buffer, offset: number, length: number): Promise<number>;
	close(): Promise<void>;
	/** Read once: what the reader keeps must be copied for later access. */
	readonly once: boolean;
	/** Why the data ended early (damaged or cut-off compression), once it has. */
	damage: string | undefined;
}

/** Where a path's bytes come from: a regular file (seekable) or a stream read once. */
export type Source = {kind: 'stream'; name: string; open: () => Readable};

/** The name messages use for standard input. */
export const STDIN_NAME = 'standard input';

export function sourceOf(file: string): Source | undefined {
	if (file === '-') return {kind: 'stream', name: STDIN_NAME, open: () => process.stdin};
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch {
		return undefined;
	}
	if (stat.isFile() || stat.isDirectory()) return undefined;
	// A FIFO, a pipe from process substitution (/dev/fd/N), a character device.
	return {kind: 'stream', name: file, open: () => (stat.isFIFO() ? pipeStream(file) : fs.createReadStream(file))};
}

/**
 * A pipe read through the event loop, as Node reads stdin, not by a thread of libuv's pool:
 * one blocked in open() or read() of a pipe nobody writes to yet would hold process.exit
 * (the viewer's q) forever. Opened without waiting for a writer; no end is seen before one came.
 */
function pipeStream(file: string): Readable {
	const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
	return new net.Socket({fd, readable: true, writable: false});
}

export async function fileInput(file: string): Promise<ByteInput> {
	const handle = await fs.promises.open(file, 'r');
	return {
		once: false,
		damage: undefined,
		read: async (into, offset, length) => (await handle.read(into, offset, length, null)).bytesRead,
		close: () => handle.close(),
	};
}

/** Bytes from an async sequence of chunks (a stream, or what a gunzip gives); `damageOf` words damage, undefined for other errors. */
function chunkInput(chunks: AsyncIterator<Buffer>, finish: () => Promise<void>, damageOf?: (error: unknown, bytes: number) => string | undefined): ByteInput {
	let pending: Buffer = Buffer.alloc(0);
	let done = false;
	let bytes = 0;
	const input: ByteInput = {
		once: true,
		damage: undefined,
		async read(into, offset, length) {
			while (pending.length === 0 && !done) {
				let next: IteratorResult<Buffer>;
				try {
					next = await chunks.next();
				} catch (error) {
					const damage = damageOf?.(error, bytes);
					if (damage === undefined) throw error;
					// Keep what came before the damage, as zcat does; the reader reports the rest.
					input.damage = damage;
					done = true;
					break;
				}
				if (next.done) done = true;
				else pending = next.value;
			}
			const n = Math.min(length, pending.length);
			pending.copy(into, offset, 0, n);
			pending = pending.subarray(n);
			bytes += n;
			return n;
		},
		close: finish,
	};
	return input;
}

/** A stream being read: the chunks read to decide what it is, then the rest. */
export interface OpenStream {
	head: Buffer;
	rest: AsyncIterator<Buffer>;
	close(): void;
}

/** Reads at least `size` bytes of a stream (fewer when it ends first) and keeps the rest to read. */
export async function openStream(stream: Readable, size: number): Promise<OpenStream> {
	const rest = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	const parts: Buffer[] = [];
	let got = 0;
	while (got < size) {
		const next = await rest.next();
		if (next.done) break;
		parts.push(next.value);
		got += next.value.length;
	}
	return {
		head: Buffer.concat(parts),
		rest,
		close: () => {
			void rest.return?.();
			if (stream !== process.stdin) stream.destroy();
		},
	};
}

/** Every chunk of an open stream, its head first. */
async function* chunksOf(open: OpenStream): AsyncGenerator<Buffer> {
	if (open.head.length > 0) yield open.head;
	for (;;) {
		const next = await open.rest.next();
		if (next.done) return;
		yield next.value;
	}
}

export function streamInput(open: OpenStream): ByteInput {
	return chunkInput(chunksOf(open), async () => open.close());
}

/** Gunzipped bytes of a file or a stream. Damage, a cut-off end or trailing bytes stop the text there, read so far. */
export function gunzipInput(compressed: {file: string} | {stream: OpenStream}): ByteInput {
	const source = 'file' in compressed ? fs.createReadStream(compressed.file) : undefined;
	const compressedChunks = source ? (source[Symbol.asyncIterator]() as AsyncIterator<Buffer>) : chunksOf((compressed as {stream: OpenStream}).stream);
	const chunks = gunzip(compressedChunks);
	return chunkInput(
		chunks,
		async () => {
			await chunks.return(undefined);
			source?.destroy();
			if ('stream' in compressed) compressed.stream.close();
		},
		(error, bytes) => {
			if (!(error instanceof GzipStop)) return undefined;
			return error.cut
				? `compressed data cut off after ${bytes} bytes of text`
				: `compressed data damaged after ${bytes} bytes of text (${error.message}); the rest is not read`;
		},
	);
}

/**
 * The temporary copy of text read once. Lines are written at their offsets in the text, so
 * a skipped long line leaves a hole (no disk space) and every offset stays true.
 *
 * The file is unlinked as soon as it is open: its descriptor keeps the bytes readable, and
 * nothing is left in the temporary folder however the process ends (`| head`, a kill).
 */
export class TextCopy {
	/** Open for reading and writing; handed to whoever reads the text later, who closes it. */
	readonly fd: number;

	constructor() {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-'));
		const file = path.join(dir, 'text');
		this.fd = fs.openSync(file, 'w+');
		try {
			fs.rmSync(dir, {recursive: true, force: true});
		} catch {
			// A system that cannot remove an open file (Windows): remove it at exit instead.
			process.once('exit', () => fs.rmSync(dir, {recursive: true, force: true}));
		}
	}

	write(bytes: Uint8Array, start: number, end: number, position: number): void {
		let done = start;
		while (done < end) done += fs.writeSync(this.fd, bytes, done, end - done, position + (done - start));
	}

	/** For a read that failed: nobody will read the copy. */
	discard(): void {
		fs.closeSync(this.fd);
	}
}
