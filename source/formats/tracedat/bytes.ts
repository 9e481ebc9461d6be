// Bounds-checked reads of file-endian integers and strings. Every read past the end throws
// `Corrupt` with the file offset and what was expected, so a damaged file becomes one sentence.

import {DamagedInput} from '../format-reader.js';
import {utf8Text} from './utf8.js';

/** A structural problem at a byte offset; the loader turns it into an InputError('corrupt') worded by corruptMessage. */
export class Corrupt extends DamagedInput {
	readonly offset: number;
	readonly expected: string;
	readonly found: string | undefined;

	constructor(offset: number, expected: string, found?: string) {
		super(`at byte ${offset}: expected ${expected}${found ? `, found ${found}` : ''}`);
		this.name = 'Corrupt';
		this.offset = offset;
		this.expected = expected;
		this.found = found;
	}
}

export class ByteView {
	readonly bytes: Uint8Array;
	readonly little: boolean;
	/** File offset of bytes[0]; for decompressed bytes, of the compressed block that held them. */
	readonly base: number;
	readonly decompressed: boolean;
	/** What the bytes are, for messages (e.g. "the OPTIONS section at byte 1234"). */
	readonly what: string;
	readonly #view: DataView;
	pos = 0;

	constructor(bytes: Uint8Array, little: boolean, base: number, what: string, decompressed = false) {
		this.bytes = bytes;
		this.little = little;
		this.base = base;
		this.decompressed = decompressed;
		this.what = what;
		this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	get length(): number {
		return this.bytes.length;
	}

	get remaining(): number {
		return this.bytes.length - this.pos;
	}

	/** The file offset of the current position (of the compressed block, when decompressed). */
	get offset(): number {
		return this.decompressed ? this.base : this.base + this.pos;
	}

	fail(expected: string): never {
		const where = this.decompressed ? ` (${this.pos} bytes into the decompressed data)` : '';
		throw new Corrupt(this.offset, `${expected}${where}`);
	}

	need(count: number, what: string): void {
		if (count < 0 || this.pos + count > this.bytes.length) {
			this.fail(`${what} (${count} bytes) in ${this.what}, which ends ${this.remaining} bytes later`);
		}
	}

	u8(what = 'a byte'): number {
		this.need(1, what);
		return this.bytes[this.pos++]!;
	}

	u16(what = 'a 16-bit number'): number {
		this.need(2, what);
		const value = this.#view.getUint16(this.pos, this.little);
		this.pos += 2;
		return value;
	}

	u32(what = 'a 32-bit number'): number {
		this.need(4, what);
		const value = this.#view.getUint32(this.pos, this.little);
		this.pos += 4;
		return value;
	}

	i32(what = 'a 32-bit number'): number {
		this.need(4, what);
		const value = this.#view.getInt32(this.pos, this.little);
		this.pos += 4;
		return value;
	}

	u64(what = 'a 64-bit number'): bigint {
		this.need(8, what);
		const value = this.#view.getBigUint64(this.pos, this.little);
		this.pos += 8;
		return value;
	}

	i64(what = 'a 64-bit number'): bigint {
		this.need(8, what);
		const value = this.#view.getBigInt64(this.pos, this.little);
		this.pos += 8;
		return value;
	}

	/** A u64 that must be usable as a byte count or file offset. */
	size(what: string, limit = Number.MAX_SAFE_INTEGER): number {
		const at = this.pos;
		const value = this.u64(what);
		if (value > BigInt(limit)) {
			this.pos = at;
			this.fail(`${what} no larger than ${limit}, not ${value}`);
		}
		return Number(value);
	}

	/** A u32 or u64 byte count that must fit in what is left of these bytes. */
	count(bytes: 4 | 8, what: string): number {
		const at = this.pos;
		const value = bytes === 4 ? BigInt(this.u32(what)) : this.u64(what);
		if (value > BigInt(this.remaining)) {
			this.pos = at;
			this.fail(`${what}, a size no larger than the ${this.remaining - bytes} bytes that follow, not ${value}`);
		}
		return Number(value);
	}

	take(count: number, what: string): Uint8Array {
		this.need(count, what);
		const out = this.bytes.subarray(this.pos, this.pos + count);
		this.pos += count;
		return out;
	}

	/** A NUL-terminated string (the NUL is consumed). */
	cstring(what = 'a NUL-terminated string'): string {
		const end = this.bytes.indexOf(0, this.pos);
		if (end < 0) this.fail(`${what} ending in a NUL byte`);
		const text = utf8Text(this.bytes, this.pos, end);
		this.pos = end + 1;
		return text;
	}

	text(count: number, what: string): string {
		this.need(count, what);
		const start = this.pos;
		this.pos += count;
		return utf8Text(this.bytes, start, start + count);
	}
}

export function textOf(bytes: Uint8Array): string {
	return utf8Text(bytes);
}
