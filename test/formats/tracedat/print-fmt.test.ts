// The print fmt tokenizer and expression parser: C tokens, precedence and associativity.

import {describe, expect, it} from 'vitest';
import {parsePrintFmt, tokenize} from '../../../source/formats/tracedat/print-fmt.js';

describe('print fmt tokens', () => {
	it('numbers, suffixes, operators and escapes', () => {
		const tokens = tokenize(`0x1fUL 0xg 08 7u a...b ->>=<<! "a\\"b\\n" '\\'' $x_1`).map((t) => `${t.t}:${t.v}`);
		expect(tokens).toEqual(['num:0x1f', 'num:0', 'id:xg', 'num:08', 'num:7', 'id:a', 'op:...', 'id:b', 'op:->', 'op:>=', 'op:<<', 'op:!', 'str:a"b\n', "char:'", 'id:$x_1']);
		expect(() => tokenize('"open')).toThrow();
		expect(() => tokenize('a @ b')).toThrow();
	});

	it('binds operators by C precedence, left to right', () => {
		const tree = (src: string) => JSON.stringify(parsePrintFmt(`"%d", ${src}`).args[0], (_, v) => (typeof v === 'bigint' ? Number(v) : v));
		const bin = (op: string, a: unknown, b: unknown) => ({k: 'bin', op, a, b});
		const n = (v: number) => ({k: 'num', v});
		expect(tree('1 - 2 - 3')).toBe(JSON.stringify(bin('-', bin('-', n(1), n(2)), n(3))));
		expect(tree('1 | 2 ^ 3 & 4 == 5 < 6 << 7 + 8 * 9')).toBe(
			JSON.stringify(bin('|', n(1), bin('^', n(2), bin('&', n(3), bin('==', n(4), bin('<', n(5), bin('<<', n(6), bin('+', n(7), bin('*', n(8), n(9)))))))))),
		);
		expect(tree('1 * 2 + 3 || 4 && 5')).toBe(JSON.stringify(bin('||', bin('+', bin('*', n(1), n(2)), n(3)), bin('&&', n(4), n(5)))));
		expect(parsePrintFmt('"%d", 1 + 2')).toBe(parsePrintFmt('"%d", 1 + 2'));
	});

	it('reads a symbol table entry the same whether it is plain or not', () => {
		const tree = (src: string) => JSON.stringify(parsePrintFmt(`"%s", ${src}`).args[0], (_, v) => (typeof v === 'bigint' ? Number(v) : v));
		const entry = (v: unknown, s: string) => ({k: 'list', items: [v, {k: 'str', v: s}]});
		const n = (v: number) => ({k: 'num', v});
		// Plain entries (taken in one step), an octal and a suffixed number among them; then a
		// string in two parts and a negative number, which take the general path.
		expect(tree('__print_symbolic(REC->x, { 0, "a" }, {07,"e\\n"}, { 0x10UL, "b" "c" }, { -1, "d" })')).toBe(
			JSON.stringify({
				k: 'call',
				name: '__print_symbolic',
				args: [{k: 'field', name: 'x'}, entry(n(0), 'a'), entry(n(7), 'e\n'), entry(n(16), 'bc'), entry({k: 'unary', op: '-', e: n(1)}, 'd')],
			}),
		);
		expect(() => parsePrintFmt('"%s", __print_symbolic(REC->x, { 0, "a" )')).toThrow();
	});
});
