// String-valued print fmt arguments: %s of fields and literals, __get_str, __print_symbolic,
// __print_flags, __print_hex, __print_array and bitmasks.

import {Dynamic} from './format.js';
import {compileBytes, compileNum, constant, fieldArg, fieldOf, foldedValue, tableValue, U64, type Context, type Str} from './compile-num.js';
import {Unsupported, type Expr} from './print-fmt.js';

/** Symbol pairs of __print_symbolic / __print_flags, values evaluated once. */
function symbolTable(items: Expr[], ctx: Context): {value: bigint; text: string; sign: number}[] {
	return items.map((item) => {
		if (item.k !== 'list' || item.items.length !== 2 || item.items[1]!.k !== 'str') throw new Unsupported('symbol entry');
		const value = tableValue(item.items[0]!, ctx);
		// The sign of the value as an s64 (__print_flags treats negative and zero entries apart).
		const signed = BigInt.asIntN(64, value);
		return {value, text: item.items[1]!.v, sign: signed < 0n ? -1 : signed > 0n ? 1 : 0};
	});
}

export function compileStr(e: Expr, ctx: Context): Str {
	switch (e.k) {
		case 'str': {
			const v = e.v;
			return () => v;
		}
		case 'cond': {
			const c = compileNum(e.c, ctx);
			const a = compileStr(e.a, ctx);
			const b = compileStr(e.b, ctx);
			const test = foldedValue(c);
			if (test !== undefined) return test !== 0n ? a : b;
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
					if (v === 0n && flag.sign < 0) {
						out += flag.text;
						break;
					}
					if (flag.sign > 0 && (v & flag.value) === flag.value) {
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
