// Expressions without fields are computed once when compiled: the same text as the same
// expression evaluated per event with each literal read from a field instead.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {compileEvent} from '../../../source/formats/tracedat/compile.js';
import {parseFormat} from '../../../source/formats/tracedat/format.js';
import {Payload} from '../../../source/formats/tracedat/payload.js';
import {Symbols} from '../../../source/formats/tracedat/symbols.js';

const COMMON = `	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;
`;
const LEAVES = 6;
const FIELDS = Array.from({length: LEAVES}, (_, i) => `	field:u64 f${i};	offset:${8 + 8 * i};	size:8;	signed:0;\n`).join('');
const symbols = new Symbols(() => new Uint8Array(0), () => '');

function render(printFmt: string, values: bigint[] = []): string {
	const format = parseFormat(`name: ev\nID: 7\nformat:\n${COMMON}\n${FIELDS}\nprint fmt: ${printFmt}\n`, 'test');
	if (!format) throw new Error('format did not parse');
	const bytes = Buffer.alloc(8 + 8 * LEAVES);
	values.forEach((v, i) => bytes.writeBigUInt64LE(BigInt.asUintN(64, v), 8 + 8 * i));
	return compileEvent(format, symbols, 8)(new Payload(true, 8).set(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length));
}

type Tree = {leaf: number} | {op: string; a: Tree; b?: Tree; c?: Tree};

/** The C text of a tree, its leaves as literals or as the fields holding them. */
function text(t: Tree, values: bigint[], fields: boolean): string {
	if ('leaf' in t) return fields ? `REC->f${t.leaf}` : `0x${values[t.leaf]!.toString(16)}`;
	const a = text(t.a, values, fields);
	if (t.op === '?') return `(${a} ? ${text(t.b!, values, fields)} : ${text(t.c!, values, fields)})`;
	if (t.op.startsWith('(')) return `(${t.op}${a})`;
	if (!t.b) return `(${t.op}${a})`;
	return `(${a} ${t.op} ${text(t.b, values, fields)})`;
}

const BINARY = ['+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^', '&&', '||', '==', '!=', '<', '>', '<=', '>='];
const tree: fc.Arbitrary<Tree> = fc.letrec<{t: Tree}>((tie) => ({
	t: fc.oneof(
		{depthSize: 'small', withCrossShrink: true},
		fc.record({leaf: fc.integer({min: 0, max: LEAVES - 1})}),
		fc.record({op: fc.constantFrom(...BINARY), a: tie('t'), b: tie('t')}),
		fc.record({op: fc.constantFrom('-', '~', '!', '(u8)', '(u16)', '(int)', '(unsigned long)'), a: tie('t')}),
		fc.record({op: fc.constant('?'), a: tie('t'), b: tie('t'), c: tie('t')}),
	),
})).t;
const value = fc.oneof(fc.bigInt({min: 0n, max: 70n}), fc.bigInt({min: 0n, max: (1n << 64n) - 1n}), fc.constantFrom(0n, 1n, 63n, 64n, (1n << 64n) - 1n, 1n << 63n));

describe('constant folding', () => {
	it('folded expressions print as the same expression over fields', () => {
		fc.assert(
			fc.property(tree, fc.array(value, {minLength: LEAVES, maxLength: LEAVES}), (t, values) => {
				const folded = render(`"%llu %lld %s", ${text(t, values, false)}, ${text(t, values, false)}, ${text(t, values, false)} ? "yes" : "no"`);
				const evaluated = render(`"%llu %lld %s", ${text(t, values, true)}, ${text(t, values, true)}, ${text(t, values, true)} ? "yes" : "no"`, values);
				expect(folded).toBe(evaluated);
			}),
			{numRuns: 1500},
		);
	});

	it('a constant part of an expression with fields, and a constant test choosing a branch', () => {
		const mask = '((((0x0000 | 0x0001 | 0x0002 | 0x0004 | 0x0008 | 0x0010 | 0x0020 | 0x0040) + 1) << 1) - 1)';
		const state = `(REC->f0 & ${mask}) ? __print_flags(REC->f0 & ${mask}, "|", { 0x0001, "S" }, { 0x0002, "D" }, { 0x0080, "I" }) : "R"`;
		expect(render(`"%s %s %s", ${state}, ${state}, REC->f0 & (${mask} + 1) ? "+" : ""`, [3n])).toBe('S|D S|D ');
		expect(render(`"%s%s", ${state}, REC->f0 & (${mask} + 1) ? "+" : ""`, [0x100n])).toBe('R+');
		expect(render(`"%s %d %s", (1 < 2) ? "yes" : REC->f0 ? "x" : "y", 4 / 0 + (7 % 0), 0 ? "a" : "b"`, [1n])).toBe('yes 0 b');
	});
});
