// Gunzips a stream member by member (RFC 1952) with zlib's raw inflate. Node's Gunzip takes
// bytes after the last member for another member and fails, dropping the text it had inflated
// in that call: a small .gz with trailing garbage lost ALL its text. Here each member's end is
// known, so every byte of text before damage or trailing bytes is kept, and what follows is
// named: damage (a trailer's CRC-32 or length that does not match included), a cut-off end,
// or trailing bytes.

import zlib from 'node:zlib';

/** Why gunzipping stopped early: `cut` when the compressed data ends too soon. */
export class GzipStop extends Error {
	constructor(
		message: string,
		readonly cut: boolean,
	) {
		super(message);
		this.name = 'GzipStop';
	}
}

/** zlib's CRC-32, from Node 20.15 on; before it the trailer's CRC is not checked (its length still is). */
const crc32 = (zlib as {crc32?: (data: Uint8Array, value?: number) => number}).crc32;

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const TRAILER = 8;

/** Compressed bytes pulled from a source, with what is left over after a member's end. */
class Pull {
	buf: Buffer = Buffer.alloc(0);
	ended = false;
	constructor(private readonly source: AsyncIterator<Buffer>) {}

	/** Pulls one more chunk; false at the end of the source. */
	async more(): Promise<boolean> {
		if (this.ended) return false;
		const next = await this.source.next();
		if (next.done) {
			this.ended = true;
			return false;
		}
		this.buf = this.buf.length === 0 ? next.value : Buffer.concat([this.buf, next.value]);
		return true;
	}

	/** At least `n` bytes buffered, or false when the source ends first. */
	async need(n: number): Promise<boolean> {
		while (this.buf.length < n) if (!(await this.more())) return false;
		return true;
	}
}

/** The length of the gzip header at the start of `pull`, pulling as needed; throws when it is not one. */
async function headerLength(pull: Pull): Promise<number> {
	if (!(await pull.need(10))) throw new GzipStop('a gzip header cut off', true);
	const b = pull.buf;
	if (b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) throw new GzipStop('incorrect header check', false);
	const flags = b[3]!;
	let at = 10;
	if (flags & FEXTRA) {
		if (!(await pull.need(at + 2))) throw new GzipStop('a gzip header cut off', true);
		at += 2 + pull.buf.readUInt16LE(at);
	}
	for (const flag of [FNAME, FCOMMENT]) {
		if ((flags & flag) === 0) continue;
		let nul: number;
		while ((nul = pull.buf.indexOf(0, at)) < 0) if (!(await pull.more())) throw new GzipStop('a gzip header cut off', true);
		at = nul + 1;
	}
	if (flags & FHCRC) at += 2;
	if (!(await pull.need(at))) throw new GzipStop('a gzip header cut off', true);
	return at;
}

/** Compressed bytes handed to inflate at a time: their text (at most ~1000 times as much) is held at once. */
const SLICE = 16 * 1024;

/** What a member's trailer checks: the CRC-32 and the length (mod 2^32) of its text. */
interface Check {
	crc: number;
	size: number;
}

/** Inflates one member's deflate data from `pull`, yielding text and summing it into `check`; leaves the bytes after it in `pull.buf`. */
async function* member(pull: Pull, check: Check): AsyncGenerator<Buffer> {
	const inflate = zlib.createInflateRaw({chunkSize: 64 * 1024});
	const out: Buffer[] = [];
	let ended = false;
	let failure: Error | undefined;
	inflate.on('data', (chunk: Buffer) => out.push(chunk));
	inflate.on('end', () => (ended = true));
	inflate.on('error', (error: Error) => (failure = error));
	/** Runs a write or the end, and waits for it to be inflated, or to fail. */
	const step = (start: (done: () => void) => void) =>
		new Promise<void>((resolve) => {
			const done = () => {
				inflate.off('error', done);
				inflate.off('close', done);
				// 'end' follows the last text on a later turn.
				setImmediate(resolve);
			};
			inflate.once('error', done);
			inflate.once('close', done);
			start(done);
		});
	let before = 0; // bytes taken by inflate before the last slice
	let last: Buffer = Buffer.alloc(0);
	try {
		for (;;) {
			if (pull.buf.length === 0 && !(await pull.more())) {
				await step((done) => inflate.end(done));
			} else {
				last = pull.buf.subarray(0, SLICE);
				pull.buf = pull.buf.subarray(last.length);
				await step((done) => inflate.write(last, () => done()));
			}
			while (out.length > 0) {
				const text = out.shift()!;
				if (crc32) check.crc = crc32(text, check.crc);
				check.size = (check.size + text.length) % 2 ** 32;
				yield text;
			}
			if (failure) throw new GzipStop(failure.message, (failure as NodeJS.ErrnoException).code === 'Z_BUF_ERROR');
			if (ended) {
				// What the raw inflate did not take is the member's trailer and what follows.
				pull.buf = Buffer.concat([last.subarray(inflate.bytesWritten - before), pull.buf]);
				return;
			}
			before += last.length;
			last = Buffer.alloc(0);
		}
	} finally {
		inflate.destroy();
	}
}

/**
 * The text of every gzip member in `source`, in order. Throws GzipStop after the last good
 * text when the data is damaged, cut off, or followed by bytes that are not another member
 * (zeros, as tape padding leaves, are ignored as zcat does).
 */
export async function* gunzip(source: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
	const pull = new Pull(source);
	for (let members = 0; ; members++) {
		if (members > 0) {
			if (!(await pull.need(1))) return;
			if (pull.buf[0] !== 0x1f) {
				// Zeros to the end (tape padding) are ignored; anything else is named, not read into memory.
				do {
					if (pull.buf.some((b) => b !== 0)) throw new GzipStop('bytes after the compressed data that are not gzip data', false);
					pull.buf = Buffer.alloc(0);
				} while (await pull.more());
				return;
			}
		}
		const header = await headerLength(pull);
		pull.buf = pull.buf.subarray(header);
		const check: Check = {crc: 0, size: 0};
		yield* member(pull, check);
		if (!(await pull.need(TRAILER))) throw new GzipStop('the gzip trailer cut off', true);
		// Damage deflate cannot see (in a stored block, say) shows here, as zcat's "crc error".
		if ((crc32 && pull.buf.readUInt32LE(0) !== check.crc >>> 0) || pull.buf.readUInt32LE(4) !== check.size) throw new GzipStop('incorrect data check', false);
		pull.buf = pull.buf.subarray(TRAILER);
	}
}
