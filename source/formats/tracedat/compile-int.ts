// Integer pieces of a print fmt. Most arguments are a field, perhaps cast: one that fits a
// plain number is printed without BigInt arithmetic, a u64 with a single BigInt; anything
// else goes through the BigInt evaluator.

import {castMask, compileNum, fieldOf, foldedValue, type Context} from './compile-num.js';
import {Dynamic} from './format.js';
import type {Payload} from './payload.js';
import type {Expr} from './print-fmt.js';
import {BITS, formatInteger, radixOf, type Spec} from './printf.js';
import {smallFormatter} from './printf-int.js';

/**
 * Where an argument reads a number through any casts, and the narrowest mask they apply: a
 * field, or an element of a fixed array at a constant index (syscall args[N]).
 */
export function castField(e: Expr, ctx: Context): {offset: number; size: number; mask: number | undefined} | undefined {
	let mask: number | undefined;
	while (e.k === 'cast') {
		const m = castMask(e.type, ctx.longSize);
		if (m !== undefined) mask = Math.min(mask ?? Infinity, Number(m));
		e = e.e;
	}
	if (e.k === 'index' && e.e.k === 'field') {
		const index = foldedValue(compileNum(e.i, ctx));
		const field = fieldOf(ctx, e.e.name);
		if (index === undefined || ![1, 2, 4, 8].includes(field.elementSize)) return undefined;
		// As compileNum's element reader: the index cut to 32 bits, no bounds but the payload's.
		return {offset: field.offset + Number(index & 0xffffffffn) * field.elementSize, size: field.elementSize, mask};
	}
	if (e.k !== 'field') return undefined;
	const field = fieldOf(ctx, e.name);
	// compileNum reads other fields as 0 (arrays, dynamic data, odd sizes).
	if (field.array || field.dynamic !== Dynamic.None || ![1, 2, 4, 8].includes(field.size)) return undefined;
	return {offset: field.offset, size: field.size, mask};
}

export function compileInt(spec: Spec, arg: Expr, ctx: Context, width: number, precision: number): (p: Payload) => string {
	const read = castField(arg, ctx);
	const general = (): ((p: Payload) => string) => {
		const num = compileNum(arg, ctx);
		return (p) => formatInteger(num(p), spec, width, precision);
	};
	if (!read) return general();
	const {offset, size} = read;
	if (size <= 4 || read.mask !== undefined || BITS[spec.length + 2]! <= 32) {
		// Only the low 32 bits matter: a plain number.
		const format = smallFormatter(spec, width, precision);
		const mask = read.mask ?? 0xffffffff;
		if (size === 8) return (p) => format((p.low(offset) & mask) >>> 0);
		if (mask === 0xffffffff) return (p) => format(p.small(offset, size));
		return (p) => format((p.small(offset, size) & mask) >>> 0);
	}
	const plain = spec.flags === '' && width < 0 && precision < 0;
	if (plain && (spec.conversion === 'd' || spec.conversion === 'i')) return (p) => BigInt.asIntN(64, p.unsigned(offset, 8)).toString();
	// An unsigned conversion with no flags but a zero and no precision (%llx, 0x%016llx): the
	// digits, padded to any width.
	if ((spec.flags === '' || spec.flags === '0') && precision < 0 && (spec.conversion === 'u' || spec.conversion === 'x' || spec.conversion === 'o')) {
		const radix = radixOf(spec.conversion);
		const fill = spec.flags === '0' ? '0' : ' ';
		return (p) => p.unsigned(offset, 8).toString(radix).padStart(width, fill);
	}
	return (p) => formatInteger(p.unsigned(offset, 8), spec, width, precision);
}
