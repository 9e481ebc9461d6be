// Field values of one event payload, read as the format describes them (docs/tracedat-format.md §9):
// plain numbers, fixed arrays, __data_loc / __rel_loc dynamic data and flexible tails.

import {Dynamic, type Field} from './format.js';
import {utf8Text} from './utf8.js';

export class Payload {
	bytes: Uint8Array = new Uint8Array(0);
	view: DataView = new DataView(new ArrayBuffer(0));
	/** Offset of the payload in `bytes`, and its length (which may include alignment padding). */
	start = 0;
	length = 0;
	readonly little: boolean;
	readonly longSize: 4 | 8;

	constructor(little: boolean, longSize: 4 | 8) {
		this.little = little;
		this.longSize = longSize;
	}

	set(bytes: Uint8Array, view: DataView, start: number, length: number): this {
		this.bytes = bytes;
		this.view = view;
		this.start = start;
		this.length = length;
		return this;
	}

	/** An unsigned number of 1, 2, 4 or 8 bytes at `offset` in the payload; 0 when outside it. */
	unsigned(offset: number, size: number): bigint {
		if (offset < 0 || offset + size > this.length) return 0n;
		const at = this.start + offset;
		switch (size) {
			case 1:
				return BigInt(this.bytes[at]!);
			case 2:
				return BigInt(this.view.getUint16(at, this.little));
			case 4:
				return BigInt(this.view.getUint32(at, this.little));
			case 8:
				return this.view.getBigUint64(at, this.little);
			default:
				return 0n;
		}
	}

	/** A number of up to 4 bytes as a JS number (for ids, pids, counts); 0 when outside. */
	small(offset: number, size: number, signed = false): number {
		if (offset < 0 || offset + size > this.length) return 0;
		const at = this.start + offset;
		switch (size) {
			case 1:
				return signed ? this.view.getInt8(at) : this.bytes[at]!;
			case 2:
				return signed ? this.view.getInt16(at, this.little) : this.view.getUint16(at, this.little);
			case 4:
				return signed ? this.view.getInt32(at, this.little) : this.view.getUint32(at, this.little);
			case 8:
				return Number(this.unsigned(offset, 8));
			default:
				return 0;
		}
	}

	/** The low 32 bits of an 8-byte number at `offset`; 0 when outside the payload. */
	low(offset: number): number {
		if (offset < 0 || offset + 8 > this.length) return 0;
		return this.view.getUint32(this.start + offset + (this.little ? 0 : 4), this.little);
	}

	/** [offset, length] of a field's data in the payload (dynamic, fixed array or flexible tail). */
	extent(field: Field): [number, number] {
		if (field.dynamic !== Dynamic.None) {
			if (field.size === 2) {
				// Old kernels: a u16 offset, the data running to the end of the record.
				const offset = this.small(field.offset, 2);
				return offset > this.length ? [0, 0] : [offset, this.length - offset];
			}
			const word = this.small(field.offset, 4);
			let offset = word & 0xffff;
			let length = word >>> 16;
			if (field.dynamic === Dynamic.RelLoc) offset += field.offset + field.size;
			if (offset > this.length) offset = 0;
			if (offset + length > this.length) length = 0;
			return [offset, length];
		}
		// `name[]` (and in old kernels a bare `u32 buf;`) of size 0 runs to the end of the payload.
		if (field.size === 0) return [field.offset, Math.max(0, this.length - field.offset)];
		const length = Math.max(0, Math.min(field.size, this.length - field.offset));
		return [field.offset, length];
	}

	/** The field's bytes (a view, not a copy). */
	data(field: Field): Uint8Array {
		const [offset, length] = this.extent(field);
		return this.bytes.subarray(this.start + offset, this.start + offset + length);
	}

	/** Text of a char array or dynamic string, up to the first NUL. */
	string(field: Field): string {
		const [offset, length] = this.extent(field);
		const at = this.start + offset;
		return cStringAt(this.bytes, at, at + length);
	}

	/** A field's numeric value as stored (zero-extended, as libtraceevent reads it). */
	value(field: Field): bigint {
		return this.unsigned(field.offset, field.size);
	}

	/** The value a C reader would see: sign-extended when the field is signed. */
	signedValue(field: Field): bigint {
		const raw = this.value(field);
		if (!field.signed || field.size === 0 || field.size > 8) return raw;
		return BigInt.asIntN(field.size * 8, raw);
	}
}

export function cString(bytes: Uint8Array): string {
	return cStringAt(bytes, 0, bytes.length);
}

/**
 * Text of bytes[start, end) up to the first NUL, decoded as UTF-8. Both steps are native: a
 * byte loop in JavaScript runs cold through the first tens of thousands of texts of a merge.
 */
function cStringAt(bytes: Uint8Array, start: number, end: number): string {
	// indexOf cannot be bounded without a view; a short field's NUL is near, and a longer one
	// gets a view so that damaged data cannot make it scan a whole chunk.
	let stop = end - start <= 256 ? bytes.indexOf(0, start) : -1;
	if (stop < 0 || stop > end) {
		const at = bytes.subarray(start, end).indexOf(0);
		stop = at < 0 ? end : start + at;
	}
	return utf8Text(bytes, start, stop);
}
