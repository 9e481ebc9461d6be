// ftrace:bprint (trace_printk): the format lives in printk_formats and the arguments are
// packed in the u32 `buf` array, each number 4-byte aligned and strings inline.

import type {EventFormat, Field} from './format.js';
import {cString, type Payload} from './payload.js';
import {formatInteger, formatString, parseFormat, type Piece} from './printf.js';
import type {Symbols} from './symbols.js';

export class Bprint {
	readonly #ip: Field;
	readonly #fmt: Field;
	readonly #buf: Field;
	readonly #symbols: Symbols;
	readonly #longSize: 4 | 8;
	readonly #pieces = new Map<bigint, Piece[] | undefined>();

	constructor(format: EventFormat, symbols: Symbols, longSize: 4 | 8) {
		const ip = format.byName.get('ip');
		const fmt = format.byName.get('fmt');
		const buf = format.byName.get('buf');
		if (!ip || !fmt || !buf) throw new Error('bprint without ip, fmt and buf fields');
		this.#ip = ip;
		this.#fmt = fmt;
		this.#buf = buf;
		this.#symbols = symbols;
		this.#longSize = longSize;
	}

	#hex(value: bigint): string {
		return `0x${(this.#longSize === 4 ? value & 0xffffffffn : value).toString(16)}`;
	}

	text(p: Payload): string {
		const ip = p.value(this.#ip);
		const address = p.value(this.#fmt);
		const head = `${this.#symbols.symbol(ip, false) ?? this.#hex(ip)}: `;
		let pieces = this.#pieces.get(address);
		if (!this.#pieces.has(address)) {
			const format = this.#symbols.printkFormat(address);
			pieces = format === undefined ? undefined : parseFormat(format);
			this.#pieces.set(address, pieces);
		}
		if (!pieces) return `${head}(NO FORMAT FOUND at ${address.toString(16)})`;
		const [start, length] = p.extent(this.#buf);
		const end = start + length;
		let at = start;
		const read = (size: number): bigint => {
			at = (at + 3) & ~3;
			const value = at + size <= end ? p.unsigned(at, size) : 0n;
			at += size;
			return value;
		};
		let out = head;
		for (const piece of pieces) {
			if (typeof piece === 'string') {
				out += piece;
				continue;
			}
			const width = piece.width === -2 ? Number(BigInt.asIntN(32, read(4))) : piece.width;
			const precision = piece.precision === -2 ? Number(BigInt.asIntN(32, read(4))) : piece.precision;
			const pointerKind = piece.pointer[0] ?? '';
			const isString = piece.conversion === 's' || (piece.conversion === 'p' && pointerKind !== '' && !'SsFf'.includes(pointerKind));
			if (isString) {
				const bytes = p.bytes.subarray(p.start + Math.min(at, end), p.start + end);
				const text = cString(bytes);
				at += Buffer.byteLength(text) + 1;
				out += formatString(text, piece, width, precision);
				continue;
			}
			const size = piece.conversion === 'p' ? this.#longSize : piece.length <= 0 ? 4 : piece.length === 1 ? this.#longSize : 8;
			const value = read(size);
			if (piece.conversion === 'p') {
				const symbol = pointerKind ? this.#symbols.symbol(value, pointerKind === 'S' || pointerKind === 'F') : undefined;
				out += formatString(symbol ?? (value === 0n && !pointerKind ? '(nil)' : this.#hex(value)), piece, width, -1);
			} else {
				out += formatInteger(value, piece, width, precision);
			}
		}
		return out;
	}
}
