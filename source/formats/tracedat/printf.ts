// C printf conversions as libtraceevent applies them to event fields: the value is cast to
// the conversion's length (hh, h, none = int, l/ll = 64-bit) and then printed.

export interface Spec {
	flags: string;
	/** -1 none, -2 taken from an argument (`*`). */
	width: number;
	/** -1 none, -2 taken from an argument (`.*`). */
	precision: number;
	/** Length: -2 hh, -1 h, 0 none, 1 l/z, 2 ll/L. */
	length: number;
	conversion: string;
	/** Letters after %p (S, s, F, f, M, I4, ...). */
	pointer: string;
}

export type Piece = string | Spec;

/** Splits a format into literal text and conversions; undefined for a conversion we don't know. */
export function parseFormat(format: string): Piece[] | undefined {
	const pieces: Piece[] = [];
	let text = '';
	let i = 0;
	while (i < format.length) {
		const c = format[i]!;
		if (c !== '%') {
			text += c;
			i++;
			continue;
		}
		if (format[i + 1] === '%') {
			text += '%';
			i += 2;
			continue;
		}
		const match = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|L|z|Z|j|t|q)?([diouxXcsp])/.exec(format.slice(i, i + 32));
		if (!match) return undefined;
		if (text) pieces.push(text);
		text = '';
		const lengthText = match[4] ?? '';
		const length = lengthText === 'hh' ? -2 : lengthText === 'h' ? -1 : lengthText === '' ? 0 : lengthText === 'l' || lengthText === 'z' || lengthText === 'Z' || lengthText === 't' ? 1 : 2;
		let pointer = '';
		i += match[0].length;
		if (match[5] === 'p') {
			// The extensions libtraceevent knows; any other letter is literal text after the pointer.
			const ext = /^(?:[FSfs]|[Mm][RF]?|[Ii][46S][hnblc]*|U[bBlL]?|h[CDdN]?)/.exec(format.slice(i, i + 4));
			if (ext) {
				pointer = ext[0];
				i += ext[0].length;
			}
		}
		pieces.push({
			flags: match[1] ?? '',
			width: match[2] === undefined ? -1 : match[2] === '*' ? -2 : Number(match[2]),
			precision: match[3] === undefined ? -1 : match[3] === '*' ? -2 : Number(match[3] || '0'),
			length,
			conversion: match[5]!,
			pointer,
		});
	}
	if (text) pieces.push(text);
	return pieces;
}

function pad(body: string, spec: Spec, width: number, numeric: boolean): string {
	if (width <= body.length) return body;
	if (spec.flags.includes('-')) return body.padEnd(width);
	if (numeric && spec.flags.includes('0') && spec.precision < 0) {
		const sign = /^[-+ ]|^0[xX]/.exec(body)?.[0] ?? '';
		return sign + body.slice(sign.length).padStart(width - sign.length, '0');
	}
	return body.padStart(width);
}

export const BITS = [8, 16, 32, 64, 64];

/** The base an integer conversion prints in. */
export function radixOf(conversion: string): number {
	return conversion === 'o' ? 8 : conversion === 'x' || conversion === 'X' ? 16 : 10;
}

/** Prints a u64 value (as libtraceevent holds every number) under an integer conversion. */
export function formatInteger(value: bigint, spec: Spec, width: number, precision: number): string {
	const bits = BITS[spec.length + 2]!;
	if (spec.conversion === 'c') return pad(String.fromCharCode(Number(value & 0xffn)), spec, width, false);
	const signedConversion = spec.conversion === 'd' || spec.conversion === 'i';
	let negative = false;
	let digits: string;
	const radix = radixOf(spec.conversion);
	if (bits <= 32) {
		// Most conversions are int-sized: plain numbers are much cheaper than BigInt here.
		const low = Number(value & 0xffffffffn);
		const shift = 32 - bits;
		let n = signedConversion ? (low << shift) >> shift : (low << shift) >>> shift;
		if (n < 0) {
			negative = true;
			n = -n;
		}
		digits = n.toString(radix);
	} else if (signedConversion) {
		const signed = BigInt.asIntN(64, value);
		negative = signed < 0n;
		digits = (negative ? -signed : signed).toString();
	} else {
		digits = BigInt.asUintN(64, value).toString(radix);
	}
	if (spec.conversion === 'X') digits = digits.toUpperCase();
	return finishInteger(digits, negative, spec, width, precision);
}

/** Sign, precision, `#` prefix and padding around an integer's digits (lower case unless %X). */
export function finishInteger(digits: string, negative: boolean, spec: Spec, width: number, precision: number): string {
	if (spec.flags === '' && width < 0 && precision < 0) return negative ? `-${digits}` : digits;
	const zero = digits === '0';
	if (precision >= 0) digits = precision === 0 && zero ? '' : digits.padStart(precision, '0');
	let body: string;
	if (spec.conversion === 'd' || spec.conversion === 'i') {
		body = negative ? `-${digits}` : spec.flags.includes('+') ? `+${digits}` : spec.flags.includes(' ') ? ` ${digits}` : digits;
	} else {
		body = digits;
		if (spec.flags.includes('#') && !zero) {
			if (spec.conversion === 'x') body = `0x${digits}`;
			else if (spec.conversion === 'X') body = `0X${digits}`;
			else if (spec.conversion === 'o' && !digits.startsWith('0')) body = `0${digits}`;
		}
	}
	return pad(body, spec, width, true);
}

export function formatString(value: string, spec: Spec, width: number, precision: number): string {
	const body = precision >= 0 ? value.slice(0, precision) : value;
	return pad(body, spec, width, false);
}
