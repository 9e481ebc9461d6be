// Turns a parsed print fmt into a function from payload to text, with libtraceevent's
// semantics: fields read zero-extended, u64 arithmetic, casts mask to the type's width,
// __print_symbolic / __print_flags / __print_hex / __get_str and friends.

import {Dynamic, type EventFormat, type Field} from './format.js';
import type {Payload} from './payload.js';
import {parsePrintFmt, Unsupported, type Expr} from './print-fmt.js';
import {formatInteger, formatString, parseFormat, type Spec} from './printf.js';
import type {Symbols} from './symbols.js';

type Num = (p: Payload) => bigint;
type Str = (p: Payload) => string;
type Bytes = (p: Payload) => Uint8Array;
type Part = (p: Payload) => string;

const U64 = (1n << 64n) - 1n;

interface Context {
	format: EventFormat;
	symbols: Symbols;
	longSize: 4 | 8;
}

function fieldOf(ctx: Context, name: string): Field {
	const field = ctx.format.byName.get(name);
	if (!field) throw new Unsupported(`no field ${name}`);
	return field;
}

/** The mask a cast to `type` applies (libtraceevent's eval_type_str). */
function castMask(type: string, longSize: 4 | 8): bigint | undefined {
	if (type.endsWith('*') || type.startsWith('struct')) return undefined;
	const base = type.replace(/\b(?:const|volatile|signed|unsigned)\b/g, '').trim();
	if (/^(?:u8|s8|__u8|__s8|char|uint8_t|int8_t|bool|_Bool)$/.test(base)) return 0xffn;
	if (/^(?:u16|s16|__u16|__s16|short|short int|uint16_t|int16_t|__le16|__be16)$/.test(base)) return 0xffffn;
	if (/^(?:u32|s32|__u32|__s32|int|uint32_t|int32_t|__le32|__be32|pid_t|gfp_t|dev_t)?$/.test(base)) return 0xffffffffn;
	if (/^(?:long|long int)$/.test(base)) return longSize === 4 ? 0xffffffffn : undefined;
	return undefined;
}

/** Evaluates an expression that uses no field (symbol table values, constants). */
function constant(e: Expr, ctx: Context): bigint {
	return compileNum(e, ctx)(EMPTY);
}

/**
 * Enum names libtraceevent knows when a print fmt still spells them (kernel values of the
 * softirq vectors and hrtimer restart codes); any other name is 0 in arithmetic and -1 in a
 * __print_symbolic / __print_flags table.
 */
const KNOWN_NAMES: Record<string, bigint> = {
	HI_SOFTIRQ: 0n,
	TIMER_SOFTIRQ: 1n,
	NET_TX_SOFTIRQ: 2n,
	NET_RX_SOFTIRQ: 3n,
	BLOCK_SOFTIRQ: 4n,
	IRQ_POLL_SOFTIRQ: 5n,
	BLOCK_IOPOLL_SOFTIRQ: 5n,
	TASKLET_SOFTIRQ: 6n,
	SCHED_SOFTIRQ: 7n,
	HRTIMER_SOFTIRQ: 8n,
	RCU_SOFTIRQ: 9n,
	HRTIMER_NORESTART: 0n,
	HRTIMER_RESTART: 1n,
};

function tableValue(e: Expr, ctx: Context): bigint {
	if (e.k === 'ident') return KNOWN_NAMES[e.name] ?? U64;
	if (e.k === 'unary' && e.op === '-' && e.e.k === 'num') return U64;
	return constant(e, ctx);
}

/** The field named by a helper's argument: `REC->name` or, in __get_str(name), a bare name. */
function fieldArg(e: Expr | undefined, ctx: Context): Field | undefined {
	if (e?.k === 'field' || e?.k === 'ident') return fieldOf(ctx, e.name);
	return undefined;
}

function elementReader(field: Field, base: (p: Payload) => number, index: Num): Num {
	const size = field.elementSize;
	return (p) => p.unsigned(base(p) + Number(index(p) & 0xffffffffn) * size, size);
}

function compileNum(e: Expr, ctx: Context): Num {
	switch (e.k) {
		case 'num': {
			const v = BigInt.asUintN(64, e.v);
			return () => v;
		}
		case 'str':
			throw new Unsupported('string in a numeric context');
		case 'field': {
			const field = fieldOf(ctx, e.name);
			if (field.array || field.dynamic !== Dynamic.None || field.size > 8) return () => 0n;
			const {offset, size} = field;
			return (p) => p.unsigned(offset, size);
		}
		case 'ident': {
			const v = KNOWN_NAMES[e.name] ?? 0n;
			return () => v;
		}
		case 'unary': {
			const a = compileNum(e.e, ctx);
			switch (e.op) {
				case '-':
					return (p) => -a(p) & U64;
				case '~':
					return (p) => ~a(p) & U64;
				case '!':
					return (p) => (a(p) === 0n ? 1n : 0n);
				default:
					return a;
			}
		}
		case 'bin': {
			const a = compileNum(e.a, ctx);
			const b = compileNum(e.b, ctx);
			switch (e.op) {
				case '+':
					return (p) => (a(p) + b(p)) & U64;
				case '-':
					return (p) => (a(p) - b(p)) & U64;
				case '*':
					return (p) => (a(p) * b(p)) & U64;
				case '/':
					return (p) => {
						const d = b(p);
						return d === 0n ? 0n : a(p) / d;
					};
				case '%':
					return (p) => {
						const d = b(p);
						return d === 0n ? 0n : a(p) % d;
					};
				case '<<':
					return (p) => (a(p) << (b(p) & 63n)) & U64;
				case '>>':
					return (p) => a(p) >> (b(p) & 63n);
				case '&':
					return (p) => a(p) & b(p);
				case '|':
					return (p) => a(p) | b(p);
				case '^':
					return (p) => a(p) ^ b(p);
				case '&&':
					return (p) => (a(p) !== 0n && b(p) !== 0n ? 1n : 0n);
				case '||':
					return (p) => (a(p) !== 0n || b(p) !== 0n ? 1n : 0n);
				case '==':
					return (p) => (a(p) === b(p) ? 1n : 0n);
				case '!=':
					return (p) => (a(p) !== b(p) ? 1n : 0n);
				case '<':
					return (p) => (a(p) < b(p) ? 1n : 0n);
				case '>':
					return (p) => (a(p) > b(p) ? 1n : 0n);
				case '<=':
					return (p) => (a(p) <= b(p) ? 1n : 0n);
				case '>=':
					return (p) => (a(p) >= b(p) ? 1n : 0n);
				default:
					throw new Unsupported(`operator ${e.op}`);
			}
		}
		case 'cond': {
			const c = compileNum(e.c, ctx);
			const a = compileNum(e.a, ctx);
			const b = compileNum(e.b, ctx);
			return (p) => (c(p) !== 0n ? a(p) : b(p));
		}
		case 'cast': {
			const a = compileNum(e.e, ctx);
			const mask = castMask(e.type, ctx.longSize);
			return mask === undefined ? a : (p) => a(p) & mask;
		}
		case 'index': {
			const index = compileNum(e.i, ctx);
			const target = e.e;
			if (target.k === 'field') {
				const field = fieldOf(ctx, target.name);
				const offset = field.offset;
				return elementReader(field, () => offset, index);
			}
			const dynamic = target.k === 'call' && target.name === '__get_dynamic_array' ? fieldArg(target.args[0], ctx) : undefined;
			if (dynamic) {
				const field = dynamic;
				return elementReader(field, (p) => p.extent(field)[0], index);
			}
			throw new Unsupported('indexing something other than a field');
		}
		case 'call': {
			const arg = e.args[0];
			const field = /^__get_(?:rel_)?dynamic_array_len$/.test(e.name) ? fieldArg(arg, ctx) : undefined;
			if (field) return (p) => BigInt(p.extent(field)[1]);
			if (e.name === '__builtin_expect' && arg) return compileNum(arg, ctx);
			throw new Unsupported(`function ${e.name} in a numeric context`);
		}
		case 'list':
			throw new Unsupported('brace list');
	}
}

function compileBytes(e: Expr, ctx: Context): Bytes {
	if (e.k === 'cast') return compileBytes(e.e, ctx);
	if (e.k === 'field') {
		const field = fieldOf(ctx, e.name);
		return (p) => p.data(field);
	}
	const field = e.k === 'call' && /^__get_(?:rel_)?(?:dynamic_array|str|bitmask|cpumask)$/.test(e.name) ? fieldArg(e.args[0], ctx) : undefined;
	if (field) return (p) => p.data(field);
	throw new Unsupported('a byte array that is not a field');
}

function hex(value: bigint, longSize: 4 | 8): string {
	return (longSize === 4 ? value & 0xffffffffn : value).toString(16);
}

/** Symbol pairs of __print_symbolic / __print_flags, values evaluated once. */
function symbolTable(items: Expr[], ctx: Context): {value: bigint; text: string}[] {
	return items.map((item) => {
		if (item.k !== 'list' || item.items.length !== 2 || item.items[1]!.k !== 'str') throw new Unsupported('symbol entry');
		return {value: tableValue(item.items[0]!, ctx), text: item.items[1]!.v};
	});
}

function compileStr(e: Expr, ctx: Context): Str {
	switch (e.k) {
		case 'str': {
			const v = e.v;
			return () => v;
		}
		case 'cond': {
			const c = compileNum(e.c, ctx);
			const a = compileStr(e.a, ctx);
			const b = compileStr(e.b, ctx);
			return (p) => (c(p) !== 0n ? a(p) : b(p));
		}
		case 'cast':
			if (e.e.k === 'field' || e.e.k === 'call') return compileStr(e.e, ctx);
			break;
		case 'field': {
			const field = fieldOf(ctx, e.name);
			if (field.array || field.dynamic !== Dynamic.None) return (p) => p.string(field);
			if (field.size === ctx.longSize) {
				// libtraceevent treats a long-sized number printed with %s as a pointer to a
				// printk format string.
				const {offset, size} = field;
				return (p) => {
					const address = p.unsigned(offset, size);
					return ctx.symbols.printkFormat(address) ?? address.toString(16);
				};
			}
			break;
		}
		case 'call':
			return compileCall(e, ctx);
		default:
			break;
	}
	const num = compileNum(e, ctx);
	return (p) => num(p).toString();
}

function compileCall(e: Extract<Expr, {k: 'call'}>, ctx: Context): Str {
	const [first, second, ...rest] = e.args;
	switch (e.name) {
		case '__get_str':
		case '__get_rel_str': {
			const field = fieldArg(first, ctx);
			if (!field) break;
			return (p) => p.string(field);
		}
		case '__print_symbolic': {
			if (!first) break;
			const value = compileNum(first, ctx);
			// The first entry wins when values repeat, as in libtraceevent's list walk.
			const table = new Map<bigint, string>();
			for (const entry of symbolTable(e.args.slice(1), ctx)) if (!table.has(entry.value)) table.set(entry.value, entry.text);
			return (p) => {
				const v = value(p);
				return table.get(v) ?? `0x${v.toString(16)}`;
			};
		}
		case '__print_flags': {
			if (!first || !second) break;
			const value = compileNum(first, ctx);
			const delimiter = second.k === 'str' ? second.v : '';
			const table = symbolTable(rest, ctx);
			return (p) => {
				let v = value(p);
				let out = '';
				let printed = false;
				for (const flag of table) {
					const signed = BigInt.asIntN(64, flag.value);
					if (v === 0n && signed < 0n) {
						out += flag.text;
						break;
					}
					if (signed > 0n && (v & flag.value) === flag.value) {
						if (printed) out += delimiter;
						out += flag.text;
						printed = true;
						v &= ~flag.value & U64;
					}
				}
				if (v !== 0n) out += `${printed ? delimiter : ''}0x${v.toString(16)}`;
				return out;
			};
		}
		case '__print_hex':
		case '__print_hex_str': {
			if (!first || !second) break;
			const bytes = compileBytes(first, ctx);
			const length = compileNum(second, ctx);
			const separator = e.name === '__print_hex' ? ' ' : '';
			return (p) => {
				const data = bytes(p);
				const n = Math.min(data.length, Number(length(p) & 0xffffffffn));
				const parts: string[] = [];
				for (let i = 0; i < n; i++) parts.push(data[i]!.toString(16).padStart(2, '0'));
				return parts.join(separator);
			};
		}
		case '__print_array': {
			if (!first || !second || rest.length !== 1) break;
			const bytes = compileBytes(first, ctx);
			const count = compileNum(second, ctx);
			const size = Number(constant(rest[0]!, ctx));
			if (![1, 2, 4, 8].includes(size)) break;
			return (p) => {
				const data = bytes(p);
				const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
				const n = Math.min(Number(count(p) & 0xffffffffn), Math.floor(data.length / size));
				const parts: string[] = [];
				for (let i = 0; i < n; i++) {
					const at = i * size;
					const v = size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at, p.little) : size === 4 ? view.getUint32(at, p.little) : view.getBigUint64(at, p.little);
					parts.push(`0x${v.toString(16)}`);
				}
				return `{${parts.join(',')}}`;
			};
		}
		case '__get_bitmask':
		case '__get_rel_bitmask':
		case '__get_cpumask': {
			if (!first) break;
			const bytes = compileBytes(e, ctx);
			return (p) => bitmaskText(bytes(p));
		}
		default:
			break;
	}
	throw new Unsupported(`function ${e.name}`);
}

/** A bitmask as the kernel prints it: hex, most significant first, a comma every 32 bits. */
function bitmaskText(data: Uint8Array): string {
	let out = '';
	for (let i = data.length - 1; i >= 0; i--) {
		out += data[i]!.toString(16).padStart(2, '0');
		if (i > 0 && i % 4 === 0) out += ',';
	}
	return out;
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

function compilePointer(spec: Spec, arg: Expr, ctx: Context): (p: Payload, width: number, precision: number) => string {
	const kind = spec.pointer[0] ?? '';
	if ('MmIiUh'.includes(kind) && kind !== '') {
		const bytes = compileBytes(arg, ctx);
		return (p, width) => {
			const data = bytes(p);
			let body: string;
			const hexes = Array.from(data, (b) => b.toString(16).padStart(2, '0'));
			if (kind === 'M') body = hexes.slice(0, 6).join(spec.pointer[1] === 'F' ? '-' : ':');
			else if (kind === 'm') body = hexes.slice(0, 6).join('');
			else if (kind === 'I' || kind === 'i') body = spec.pointer[1] === '6' ? ipv6(data, spec.pointer.includes('c')) : Array.from(data.subarray(0, 4)).join('.');
			else if (kind === 'U') body = `${hexes.slice(0, 4).join('')}-${hexes.slice(4, 6).join('')}-${hexes.slice(6, 8).join('')}-${hexes.slice(8, 10).join('')}-${hexes.slice(10, 16).join('')}`;
			else body = hexes.join(' ');
			return formatString(body, spec, width, -1);
		};
	}
	const value = compileNum(arg, ctx);
	if ('SsFf'.includes(kind) && kind !== '') {
		const withOffset = kind === 'S' || kind === 'F';
		return (p, width) => {
			const v = value(p);
			return formatString(ctx.symbols.symbol(v, withOffset) ?? `0x${hex(v, ctx.longSize)}`, spec, width, -1);
		};
	}
	return (p, width) => {
		const v = value(p);
		return formatString(v === 0n ? '(nil)' : `0x${v.toString(16)}`, spec, width, -1);
	};
}

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

/** A payload with no bytes, for constant expressions. */
const EMPTY: Payload = {unsigned: () => 0n, extent: () => [0, 0], data: () => new Uint8Array(0), string: () => '', little: true} as unknown as Payload;
