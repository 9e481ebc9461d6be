// Positioned reads of a trace.dat. Metadata is read in pieces, never the whole file: a
// trace.dat can be larger than memory, and only the parts in use are held.

import fs from 'node:fs';
import {ByteView, Corrupt} from './bytes.js';
import {Budget} from './decompress.js';

export class DatFile {
	readonly path: string;
	readonly size: number;
	/** Byte order of numbers after the first 10 bytes; set once the header is read. */
	little = true;
	/** What its compressed blocks may cost while it is read. */
	readonly budget: Budget;
	readonly #fd: number;
	#closed = false;

	constructor(path: string) {
		this.path = path;
		this.#fd = fs.openSync(path, 'r');
		try {
			this.size = fs.fstatSync(this.#fd).size;
		} catch (error) {
			fs.closeSync(this.#fd);
			throw error;
		}
		this.budget = new Budget(this.size);
	}

	/** Exactly `length` bytes at `offset`, or Corrupt naming what was expected there. */
	read(offset: number, length: number, what: string): Uint8Array {
		if (!Number.isSafeInteger(offset) || offset < 0 || offset > this.size) {
			throw new Corrupt(offset, `${what}, but that offset is outside the file (${this.size} bytes)`);
		}
		if (length < 0 || offset + length > this.size) {
			throw new Corrupt(offset, `${what} (${length} bytes), but the file ends at byte ${this.size}`);
		}
		const out = Buffer.allocUnsafe(length);
		let done = 0;
		while (done < length) {
			const got = fs.readSync(this.#fd, out, done, length - done, offset + done);
			if (got === 0) throw new Corrupt(offset + done, `${what}, but the file ended early`);
			done += got;
		}
		return out;
	}

	/** Up to `length` bytes at `offset` (fewer at the end of the file). */
	readUpTo(offset: number, length: number): Uint8Array {
		const available = Math.max(0, Math.min(length, this.size - offset));
		if (available === 0) return new Uint8Array(0);
		const out = Buffer.allocUnsafe(available);
		let done = 0;
		while (done < available) {
			const got = fs.readSync(this.#fd, out, done, available - done, offset + done);
			if (got === 0) break;
			done += got;
		}
		return out.subarray(0, done);
	}

	view(offset: number, length: number, what: string): ByteView {
		return new ByteView(this.read(offset, length, what), this.little, offset, what);
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		fs.closeSync(this.#fd);
	}
}

/** Sequential reads from the file, for v6 metadata (which has no offsets to follow). */
export class FileCursor {
	readonly file: DatFile;
	pos: number;

	constructor(file: DatFile, pos: number) {
		this.file = file;
		this.pos = pos;
	}

	view(length: number, what: string): ByteView {
		const view = this.file.view(this.pos, length, what);
		this.pos += length;
		return view;
	}

	u16(what: string): number {
		return this.view(2, what).u16(what);
	}

	u32(what: string): number {
		return this.view(4, what).u32(what);
	}

	u64(what: string): bigint {
		return this.view(8, what).u64(what);
	}

	/** A u32 or u64 byte count that must fit in what is left of the file. */
	count(bytes: 4 | 8, what: string): number {
		const at = this.pos;
		const value = bytes === 4 ? BigInt(this.u32(what)) : this.u64(what);
		if (value > BigInt(this.file.size - this.pos)) {
			throw new Corrupt(at, `${what}, but ${value} bytes do not fit in the ${this.file.size - this.pos} bytes left in the file`);
		}
		return Number(value);
	}

	text(length: number, what: string): string {
		return this.view(length, what).text(length, what);
	}

	get offset(): number {
		return this.pos;
	}

	cstring(what: string, max = 4096): string {
		const head = this.file.readUpTo(this.pos, max);
		const end = head.indexOf(0);
		if (end < 0) throw new Corrupt(this.pos, `${what} ending in a NUL byte`);
		const view = new ByteView(head, this.file.little, this.pos, what);
		const text = view.cstring(what);
		this.pos += end + 1;
		return text;
	}
}
