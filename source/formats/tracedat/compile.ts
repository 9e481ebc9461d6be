// Turns a parsed print fmt into a function from payload to text, piece by piece: literal
// text, integer conversions, strings and pointers (docs/tracedat-format.md §10).

import type {EventFormat} from './format.js';
import {compileInt} from './compile-int.js';
import {compileNum, type Context, type Num} from './compile-num.js';
import {compilePointer} from './compile-pointer.js';
import {compileStr} from './compile-str.js';
import type {Payload} from './payload.js';
import {parsePrintFmt, Unsupported, type Expr} from './print-fmt.js';
import {formatInteger, formatString, parseFormat, type Spec} from './printf.js';
import type {Symbols} from './symbols.js';

type Part = (p: Payload) => string;

/** Compiles `format` with its arguments; throws Unsupported when any piece is not understood. */
export function compilePieces(format: string, args: Expr[], ctx: Context): (p: Payload) => string {
	const pieces = parseFormat(format);
	if (!pieces) throw new Unsupported('conversion');
	// Literal text between the parts: texts[i] comes before parts[i], the last one after all.
	const texts: string[] = [''];
	const parts: Part[] = [];
	let next = 0;
	const take = (): Expr => {
		const arg = args[next++];
		if (!arg) throw new Unsupported('too few arguments');
		return arg;
	};
	for (const piece of pieces) {
		if (typeof piece === 'string') {
			texts[texts.length - 1] += piece;
			continue;
		}
		const width = piece.width === -2 ? compileNum(take(), ctx) : undefined;
		const precision = piece.precision === -2 ? compileNum(take(), ctx) : undefined;
		const arg = take();
		parts.push(width || precision ? starred(piece, arg, ctx, width, precision) : fixed(piece, arg, ctx));
		texts.push('');
	}
	return join(texts, parts);
}

/** A piece whose width and precision are in the format (or absent): padding only when asked. */
function fixed(piece: Spec, arg: Expr, ctx: Context): Part {
	const {width, precision} = piece;
	if (piece.conversion === 's' || piece.conversion === 'p') {
		const str = piece.conversion === 's' ? compileStr(arg, ctx) : compilePointer(piece, arg, ctx);
		const cut = piece.conversion === 's' ? precision : -1;
		return width < 0 && cut < 0 ? str : (p) => formatString(str(p), piece, width, cut);
	}
	return compileInt(piece, arg, ctx, width, precision);
}

/** A piece with `*` width or precision, taken from arguments for each event. */
function starred(piece: Spec, arg: Expr, ctx: Context, width: Num | undefined, precision: Num | undefined): Part {
	const w = (p: Payload) => (width ? Number(BigInt.asIntN(32, width(p))) : piece.width);
	const pr = (p: Payload) => (precision ? Number(BigInt.asIntN(32, precision(p))) : piece.precision);
	if (piece.conversion === 's') {
		const str = compileStr(arg, ctx);
		return (p) => formatString(str(p), piece, w(p), pr(p));
	}
	if (piece.conversion === 'p') {
		const pointer = compilePointer(piece, arg, ctx);
		return (p) => formatString(pointer(p), piece, w(p), -1);
	}
	const num = compileNum(arg, ctx);
	return (p) => formatInteger(num(p), piece, w(p), pr(p));
}

function join(texts: string[], parts: Part[]): Part {
	const first = texts[0]!;
	if (parts.length === 0) return () => first;
	const only = parts[0]!;
	const last = texts[1]!;
	if (parts.length === 1) return first === '' && last === '' ? only : (p) => first + only(p) + last;
	return (p) => {
		let out = first;
		for (let i = 0; i < parts.length; i++) out += parts[i]!(p) + texts[i + 1]!;
		return out;
	};
}

export function compileEvent(format: EventFormat, symbols: Symbols, longSize: 4 | 8): (p: Payload) => string {
	const parsed = parsePrintFmt(format.printFmt);
	return compilePieces(parsed.format, parsed.args, {format, symbols, longSize});
}
