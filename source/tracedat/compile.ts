// Turns a parsed print fmt into a function from payload to text, piece by piece: literal
// text, integer conversions, strings and pointers (TRACEDAT.md §6.4).

import type {EventFormat} from './format.js';
import {compileNum, type Context} from './compile-num.js';
import {compilePointer} from './compile-pointer.js';
import {compileStr} from './compile-str.js';
import type {Payload} from './payload.js';
import {parsePrintFmt, Unsupported, type Expr} from './print-fmt.js';
import {formatInteger, formatString, parseFormat} from './printf.js';
import type {Symbols} from './symbols.js';

type Part = (p: Payload) => string;

/** Compiles `format` with its arguments; throws Unsupported when any piece is not understood. */
export function compilePieces(format: string, args: Expr[], ctx: Context): (p: Payload) => string {
	const pieces = parseFormat(format);
	if (!pieces) throw new Unsupported('conversion');
	const parts: Part[] = [];
	let next = 0;
	const take = (): Expr => {
		const arg = args[next++];
		if (!arg) throw new Unsupported('too few arguments');
		return arg;
	};
	for (const piece of pieces) {
		if (typeof piece === 'string') {
			parts.push(() => piece);
			continue;
		}
		const width = piece.width === -2 ? compileNum(take(), ctx) : undefined;
		const precision = piece.precision === -2 ? compileNum(take(), ctx) : undefined;
		const w = (p: Payload) => (width ? Number(BigInt.asIntN(32, width(p))) : piece.width);
		const pr = (p: Payload) => (precision ? Number(BigInt.asIntN(32, precision(p))) : piece.precision);
		const arg = take();
		if (piece.conversion === 's') {
			const str = compileStr(arg, ctx);
			parts.push((p) => formatString(str(p), piece, w(p), pr(p)));
		} else if (piece.conversion === 'p') {
			const pointer = compilePointer(piece, arg, ctx);
			parts.push((p) => pointer(p, w(p), pr(p)));
		} else {
			const num = compileNum(arg, ctx);
			parts.push((p) => formatInteger(num(p), piece, w(p), pr(p)));
		}
	}
	if (parts.length === 1) return parts[0]!;
	return (p) => {
		let out = '';
		for (const part of parts) out += part(p);
		return out;
	};
}

export function compileEvent(format: EventFormat, symbols: Symbols, longSize: 4 | 8): (p: Payload) => string {
	const parsed = parsePrintFmt(format.printFmt);
	return compilePieces(parsed.format, parsed.args, {format, symbols, longSize});
}
