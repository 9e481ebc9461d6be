// Integer conversions chosen once per conversion spec: the text of formatInteger for a value
// that fits a plain number (a field of up to 4 bytes, or the low half of a wider one under
// an int-sized conversion), with no BigInt arithmetic.

import {BITS, finishInteger, formatInteger, radixOf, type Spec} from './printf.js';

/** Number#toString with a radix other than 10 is slow past the small-integer range. */
function radixText(n: number, radix: number): string {
	return radix === 10 || n < 0x40000000 ? n.toString(radix) : BigInt(n).toString(radix);
}

/**
 * Formats an unsigned 32-bit value (a u64 whose high half is zero, when the conversion is
 * 64-bit) under `spec` with constant width and precision.
 */
export function smallFormatter(spec: Spec, width: number, precision: number): (n: number) => string {
	if (spec.conversion === 'c') return (n) => formatInteger(BigInt(n), spec, width, precision);
	const bits = BITS[spec.length + 2]!;
	// A 64-bit conversion of a value below 2^32 is that value: never negative, nothing cut.
	const shift = bits <= 32 ? 32 - bits : 0;
	const signed = bits <= 32 && (spec.conversion === 'd' || spec.conversion === 'i');
	const radix = radixOf(spec.conversion);
	// No flags but a zero, no precision (%d, %x, %08x, %6u): the digits, padded to any width,
	// as finishInteger would give them, without its general checks.
	if ((spec.flags === '' || spec.flags === '0') && precision < 0 && spec.conversion !== 'X') {
		const fill = spec.flags === '0' ? '0' : ' ';
		if (!signed) return (n) => radixText((n << shift) >>> shift, radix).padStart(width, fill);
		return (n) => {
			const value = (n << shift) >> shift;
			if (value >= 0) return String(value).padStart(width, fill);
			// The sign goes before zeros and after spaces.
			return fill === '0' ? `-${String(-value).padStart(width - 1, '0')}` : String(value).padStart(width);
		};
	}
	return (n) => {
		const value = signed ? (n << shift) >> shift : (n << shift) >>> shift;
		const digits = radixText(value < 0 ? -value : value, radix);
		return finishInteger(spec.conversion === 'X' ? digits.toUpperCase() : digits, value < 0, spec, width, precision);
	};
}
