// Numeric C expressions of a print fmt with libtraceevent's semantics: fields read
// zero-extended, u64 arithmetic and comparisons, casts masking to the type's width.

import {Dynamic, type EventFormat, type Field} from './format.js';
import type {Payload} from './payload.js';
import {Unsupported, type Expr} from './print-fmt.js';
import type {Symbols} from './symbols.js';

export type Num = (p: Payload) => bigint;
export type Str = (p: Payload) => string;
export type Bytes = (p: Payload) => Uint8Array;

export const U64 = (1n << 64n) - 1n;

export interface Context {
	format: EventFormat;
	symbols: Symbols;
	longSize: 4 | 8;
}

export function fieldOf(ctx: Context, name: string): Field {
	const field = ctx.format.byName.get(name);
	if (!field) throw new Unsupported(`no field ${name}`);
	return field;
}

/** The mask a cast to `type` applies (libtraceevent's eval_type_str). */
export function castMask(type: string, longSize: 4 | 8): bigint | undefined {
	if (type.endsWith('*') || type.startsWith('struct')) return undefined;
	const base = type.replace(/\b(?:const|volatile|signed|unsigned)\b/g, '').trim();
	if (/^(?:u8|s8|__u8|__s8|char|uint8_t|int8_t|bool|_Bool)$/.test(base)) return 0xffn;
	if (/^(?:u16|s16|__u16|__s16|short|short int|uint16_t|int16_t|__le16|__be16)$/.test(base)) return 0xffffn;
	if (/^(?:u32|s32|__u32|__s32|int|uint32_t|int32_t|__le32|__be32|pid_t|gfp_t|dev_t)?$/.test(base)) return 0xffffffffn;
	if (/^(?:long|long int)$/.test(base)) return longSize === 4 ? 0xffffffffn : undefined;
	return undefined;
}

/** Evaluates an expression that uses no field (symbol table values, constants). */
export function constant(e: Expr, ctx: Context): bigint {
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

export function tableValue(e: Expr, ctx: Context): bigint {
	if (e.k === 'ident') return KNOWN_NAMES[e.name] ?? U64;
	if (e.k === 'unary' && e.op === '-' && e.e.k === 'num') return U64;
	return constant(e, ctx);
}

/** The field named by a helper's argument: `REC->name` or, in __get_str(name), a bare name. */
export function fieldArg(e: Expr | undefined, ctx: Context): Field | undefined {
	if (e?.k === 'field' || e?.k === 'ident') return fieldOf(ctx, e.name);
	return undefined;
}

function elementReader(field: Field, base: (p: Payload) => number, index: Num): Num {
	const size = field.elementSize;
	return (p) => p.unsigned(base(p) + Number(index(p) & 0xffffffffn) * size, size);
}

/** Values of the closures that read no payload: literals and expressions of them, computed once when compiled. */
const folded = new WeakMap<Num, bigint>();

function constantNum(v: bigint): Num {
	const f: Num = () => v;
	folded.set(f, v);
	return f;
}

/** `f`, or its value as a constant when all its operands are constants (sched_switch spells its state mask as 11 operations). */
function fold(f: Num, ...operands: Num[]): Num {
	return operands.every((o) => folded.has(o)) ? constantNum(f(EMPTY)) : f;
}

/** The value of a closure that reads no payload; undefined for one that does. */
export function foldedValue(f: Num): bigint | undefined {
	return folded.get(f);
}

function unary(op: string, a: Num): Num {
	switch (op) {
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

function binary(op: string, a: Num, b: Num): Num {
	switch (op) {
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
		case '&': {
			// Flag tests mask a field with a constant.
			const mask = folded.get(b);
			return mask === undefined ? (p) => a(p) & b(p) : (p) => a(p) & mask;
		}
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
			throw new Unsupported(`operator ${op}`);
	}
}

export function compileNum(e: Expr, ctx: Context): Num {
	switch (e.k) {
		case 'num':
			return constantNum(BigInt.asUintN(64, e.v));
		case 'str':
			throw new Unsupported('string in a numeric context');
		case 'field': {
			const field = fieldOf(ctx, e.name);
			if (field.array || field.dynamic !== Dynamic.None || field.size > 8) return () => 0n;
			const {offset, size} = field;
			return (p) => p.unsigned(offset, size);
		}
		case 'ident':
			return constantNum(KNOWN_NAMES[e.name] ?? 0n);
		case 'unary': {
			const a = compileNum(e.e, ctx);
			return fold(unary(e.op, a), a);
		}
		case 'bin': {
			const a = compileNum(e.a, ctx);
			const b = compileNum(e.b, ctx);
			return fold(binary(e.op, a, b), a, b);
		}
		case 'cond': {
			const c = compileNum(e.c, ctx);
			const a = compileNum(e.a, ctx);
			const b = compileNum(e.b, ctx);
			const test = folded.get(c);
			if (test !== undefined) return test !== 0n ? a : b;
			return (p) => (c(p) !== 0n ? a(p) : b(p));
		}
		case 'cast': {
			const a = compileNum(e.e, ctx);
			const mask = castMask(e.type, ctx.longSize);
			return mask === undefined ? a : fold((p) => a(p) & mask, a);
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

export function compileBytes(e: Expr, ctx: Context): Bytes {
	if (e.k === 'cast') return compileBytes(e.e, ctx);
	if (e.k === 'field') {
		const field = fieldOf(ctx, e.name);
		return (p) => p.data(field);
	}
	const field = e.k === 'call' && /^__get_(?:rel_)?(?:dynamic_array|str|bitmask|cpumask)$/.test(e.name) ? fieldArg(e.args[0], ctx) : undefined;
	if (field) return (p) => p.data(field);
	throw new Unsupported('a byte array that is not a field');
}

/** A payload with no bytes, for constant expressions. */
const EMPTY: Payload = {unsigned: () => 0n, extent: () => [0, 0], data: () => new Uint8Array(0), string: () => '', little: true} as unknown as Payload;

