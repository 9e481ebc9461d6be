// %p conversions: plain pointers, kernel symbols (%pS %ps %pF %pf), MAC, IPv4/IPv6, UUID and
// hex-buffer extensions, as libtraceevent prints them.

import {compileBytes, compileNum, type Context, type Str} from './compile-num.js';
import type {Expr} from './print-fmt.js';
import type {Spec} from './printf.js';

function hex(value: bigint, longSize: 4 | 8): string {
	return (longSize === 4 ? value & 0xffffffffn : value).toString(16);
}

/** IPv6 as %pI6 (eight 4-digit groups) or %pI6c (RFC 5952: no leading zeros, longest zero run as ::). */
function ipv6(bytes: Uint8Array, compressed: boolean): string {
	const groups: number[] = [];
	for (let i = 0; i + 1 < 16 && i + 1 < bytes.length; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
	if (!compressed) return groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
	const mapped = groups.length === 8 && groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
	if (mapped) return `::ffff:${Array.from(bytes.subarray(12, 16)).join('.')}`;
	let bestStart = -1;
	let bestLength = 1;
	for (let i = 0; i < groups.length; ) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < groups.length && groups[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hexes = groups.map((g) => g.toString(16));
	if (bestStart < 0) return hexes.join(':');
	return `${hexes.slice(0, bestStart).join(':')}::${hexes.slice(bestStart + bestLength).join(':')}`;
}

/** The text of a %p piece before padding. */
export function compilePointer(spec: Spec, arg: Expr, ctx: Context): Str {
	const kind = spec.pointer[0] ?? '';
	if ('MmIiUh'.includes(kind) && kind !== '') {
		const bytes = compileBytes(arg, ctx);
		return (p) => {
			const data = bytes(p);
			const hexes = Array.from(data, (b) => b.toString(16).padStart(2, '0'));
			if (kind === 'M') return hexes.slice(0, 6).join(spec.pointer[1] === 'F' ? '-' : ':');
			if (kind === 'm') return hexes.slice(0, 6).join('');
			if (kind === 'I' || kind === 'i') return spec.pointer[1] === '6' ? ipv6(data, spec.pointer.includes('c')) : Array.from(data.subarray(0, 4)).join('.');
			if (kind === 'U') return `${hexes.slice(0, 4).join('')}-${hexes.slice(4, 6).join('')}-${hexes.slice(6, 8).join('')}-${hexes.slice(8, 10).join('')}-${hexes.slice(10, 16).join('')}`;
			return hexes.join(' ');
		};
	}
	const value = compileNum(arg, ctx);
	if ('SsFf'.includes(kind) && kind !== '') {
		const withOffset = kind === 'S' || kind === 'F';
		return (p) => {
			const v = value(p);
			return ctx.symbols.symbol(v, withOffset) ?? `0x${hex(v, ctx.longSize)}`;
		};
	}
	return (p) => {
		const v = value(p);
		return v === 0n ? '(nil)' : `0x${v.toString(16)}`;
	};
}
