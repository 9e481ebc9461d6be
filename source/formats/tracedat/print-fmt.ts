// Parses an event's `print fmt:` line — a C format string and C expressions over REC->field
// — into a small syntax tree. Anything outside the subset here makes the parse fail, and
// the event is then shown as `field=value` pairs.

export type Expr =
	| {k: 'num'; v: bigint}
	| {k: 'str'; v: string}
	| {k: 'field'; name: string}
	| {k: 'ident'; name: string}
	| {k: 'unary'; op: string; e: Expr}
	| {k: 'bin'; op: string; a: Expr; b: Expr}
	| {k: 'cond'; c: Expr; a: Expr; b: Expr}
	| {k: 'cast'; type: string; e: Expr}
	| {k: 'index'; e: Expr; i: Expr}
	| {k: 'call'; name: string; args: Expr[]}
	| {k: 'list'; items: Expr[]};

export interface PrintFmt {
	format: string;
	args: Expr[];
}

export class Unsupported extends Error {}

type Token = {t: 'str' | 'num' | 'id' | 'op' | 'char'; v: string};

const ESCAPES: Record<string, string> = {n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b'};

function readQuoted(src: string, start: number, quote: number): [string, number] {
	let out = '';
	let from = start + 1;
	for (let i = from; i < src.length; i++) {
		const c = src.charCodeAt(i);
		if (c === quote) return [out + src.slice(from, i), i + 1];
		if (c === 92 && i + 1 < src.length) {
			const escaped = src[i + 1]!;
			out += src.slice(from, i) + (ESCAPES[escaped] ?? escaped);
			from = ++i + 1;
		}
	}
	throw new Unsupported('unterminated quote');
}

/**
 * Every token in one call: a number (hex after 0x only with a hex digit, else decimal) and its
 * C suffixes u, U, l, L; a word; an operator, the longest first; a whole string or char
 * literal; or any other single character, which is not C this parser takes. Blanks (ASCII and
 * Unicode, as `\s`) between them are skipped. Print fmts run to thousands of characters
 * (syscall tables) and are tokenized while the first events wait: a loop over character
 * codes, and then one sticky match per token and per blank, cost V8 more to run cold and to
 * optimise than one native scan.
 */
const TOKENS = /(?:0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*|[0-9A-Za-z_$]+|\.\.\.|->|<<|>>|<=|>=|==|!=|&&|\|\||[()[\]{},?:+\-*\/%<>!~&|^.]|"[^"\\]*(?:\\[\s\S][^"\\]*)*"|'[^'\\]*(?:\\[\s\S][^'\\]*)*'|\S/g;

const OPERATORS = new Set(['...', '->', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', ...'()[]{},?:+-*/%<>!~&|^.']);

export function tokenize(src: string): Token[] {
	const texts = src.match(TOKENS) ?? [];
	const tokens: Token[] = [];
	for (let i = 0; i < texts.length; i++) {
		const text = texts[i]!;
		const c = text.charCodeAt(0);
		if (c >= 48 && c <= 57) {
			// Without its suffix: 0x1fUL is 0x1f (no hex digit is a suffix letter).
			let end = text.length;
			for (let last = text.charCodeAt(end - 1); last === 117 || last === 85 || last === 108 || last === 76; last = text.charCodeAt(end - 1)) end--;
			tokens.push({t: 'num', v: end === text.length ? text : text.slice(0, end)});
		} else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36) {
			tokens.push({t: 'id', v: text});
		} else if ((c === 34 || c === 39) && text.length > 1) {
			tokens.push({t: c === 34 ? 'str' : 'char', v: readQuoted(text, 0, c)[0]});
		} else if (OPERATORS.has(text)) {
			tokens.push({t: 'op', v: text});
		} else {
			throw new Unsupported(c === 34 || c === 39 ? 'unterminated quote' : `unexpected character ${text}`);
		}
	}
	return tokens;
}

const TYPE_WORDS = new Set([
	'unsigned', 'signed', 'int', 'long', 'short', 'char', 'void', 'bool', '_Bool', 'const', 'volatile', 'struct', 'enum', 'union',
	'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', '__u8', '__u16', '__u32', '__u64', '__s8', '__s16', '__s32', '__s64',
	'size_t', 'ssize_t', 'pid_t', 'gfp_t', 'dev_t', 'loff_t', 'sector_t', 'uint8_t', 'uint16_t', 'uint32_t', 'uint64_t',
	'int8_t', 'int16_t', 'int32_t', 'int64_t', 'uintptr_t', 'phys_addr_t', 'dma_addr_t', 'resource_size_t', '__le16', '__le32',
	'__le64', '__be16', '__be32', '__be64', 'ktime_t', 'umode_t', 'fmode_t', 'atomic_t',
]);

class Parser {
	readonly #tokens: Token[];
	#pos = 0;

	constructor(tokens: Token[]) {
		this.#tokens = tokens;
	}

	get done(): boolean {
		return this.#pos >= this.#tokens.length;
	}

	peek(offset = 0): Token | undefined {
		return this.#tokens[this.#pos + offset];
	}

	isOp(value: string, offset = 0): boolean {
		const token = this.peek(offset);
		return token !== undefined && token.t === 'op' && token.v === value;
	}

	take(): Token {
		const token = this.#tokens[this.#pos++];
		if (!token) throw new Unsupported('unexpected end');
		return token;
	}

	expect(op: string): void {
		const token = this.take();
		if (token.t !== 'op' || token.v !== op) throw new Unsupported(`expected ${op}`);
	}

	/** Whether `(` at the current position opens a cast: only type words and `*` up to `)`. */
	#castLength(): number {
		let i = 1;
		let sawType = false;
		for (;;) {
			const token = this.peek(i);
			if (!token) return 0;
			if (token.t === 'op' && token.v === ')') return sawType ? i : 0;
			if (token.t === 'op' && token.v === '*') {
				i++;
				continue;
			}
			if (token.t !== 'id') return 0;
			if (!TYPE_WORDS.has(token.v) && !token.v.endsWith('_t') && !(sawType && this.peek(i - 1)?.v === 'struct')) return 0;
			sawType = true;
			i++;
		}
	}

	expression(): Expr {
		return this.#conditional();
	}

	#conditional(): Expr {
		const c = this.#binary(0);
		if (!this.isOp('?')) return c;
		this.take();
		const a = this.expression();
		this.expect(':');
		const b = this.#conditional();
		return {k: 'cond', c, a, b};
	}

	/** Binary operators by how tightly they bind; all associate to the left. */
	static readonly PRECEDENCE = new Map(Object.entries({'||': 0, '&&': 1, '|': 2, '^': 3, '&': 4, '==': 5, '!=': 5, '<': 6, '>': 6, '<=': 6, '>=': 6, '<<': 7, '>>': 7, '+': 8, '-': 8, '*': 9, '/': 9, '%': 9}));

	/** Operators binding at least as tightly as `min` (precedence climbing: one call per operand, not per level). */
	#binary(min: number): Expr {
		let a = this.#unary();
		for (;;) {
			const token = this.peek();
			const precedence = token?.t === 'op' ? Parser.PRECEDENCE.get(token.v) : undefined;
			if (precedence === undefined || precedence < min) return a;
			this.take();
			const b = this.#binary(precedence + 1);
			a = {k: 'bin', op: token!.v, a, b};
		}
	}

	#unary(): Expr {
		const token = this.peek();
		if (token?.t === 'op' && (token.v === '-' || token.v === '~' || token.v === '!' || token.v === '+')) {
			this.take();
			return {k: 'unary', op: token.v, e: this.#unary()};
		}
		if (token?.t === 'op' && (token.v === '&' || token.v === '*')) throw new Unsupported('address-of or dereference');
		if (token?.t === 'op' && token.v === '(') {
			const length = this.#castLength();
			if (length > 0) {
				this.take();
				const words: string[] = [];
				for (let i = 1; i < length; i++) words.push(this.take().v);
				this.expect(')');
				return {k: 'cast', type: words.join(' ').replace(/ \*/g, '*'), e: this.#unary()};
			}
		}
		return this.#postfix();
	}

	#postfix(): Expr {
		let e = this.#primary();
		for (;;) {
			if (this.isOp('[')) {
				this.take();
				const i = this.expression();
				this.expect(']');
				e = {k: 'index', e, i};
			} else if (this.isOp('->') || this.isOp('.')) {
				this.take();
				const name = this.take();
				if (name.t !== 'id') throw new Unsupported('member name');
				if (e.k === 'ident' && e.name === 'REC') e = {k: 'field', name: name.v};
				else throw new Unsupported('member of something other than REC');
			} else return e;
		}
	}

	/**
	 * `{ number, "text" }` right after its `{`, the entry of a __print_symbolic table, taken in
	 * one step (the tree the general path makes): tables run to hundreds of entries, and
	 * through the general path each entry made a dozen calls.
	 */
	#pair(): Expr | undefined {
		const tokens = this.#tokens;
		const at = this.#pos;
		const num = tokens[at];
		const comma = tokens[at + 1];
		const str = tokens[at + 2];
		const close = tokens[at + 3];
		if (num?.t !== 'num' || comma?.t !== 'op' || comma.v !== ',' || str?.t !== 'str' || close?.t !== 'op' || close.v !== '}') return undefined;
		this.#pos = at + 4;
		return {k: 'list', items: [numberOf(num.v), {k: 'str', v: str.v}]};
	}

	#primary(): Expr {
		const token = this.take();
		switch (token.t) {
			case 'num':
				return numberOf(token.v);
			case 'char':
				return {k: 'num', v: BigInt(token.v.charCodeAt(0) || 0)};
			case 'str': {
				let value = token.v;
				while (this.peek()?.t === 'str') value += this.take().v;
				return {k: 'str', v: value};
			}
			case 'id': {
				if (this.isOp('(')) {
					this.take();
					const args: Expr[] = [];
					if (!this.isOp(')')) {
						for (;;) {
							args.push(this.expression());
							if (this.isOp(',')) this.take();
							else break;
						}
					}
					this.expect(')');
					return {k: 'call', name: token.v, args};
				}
				return {k: 'ident', name: token.v};
			}
			case 'op':
				if (token.v === '(') {
					const e = this.expression();
					this.expect(')');
					return e;
				}
				if (token.v === '{') {
					const pair = this.#pair();
					if (pair) return pair;
					const items: Expr[] = [];
					while (!this.isOp('}')) {
						items.push(this.expression());
						if (this.isOp(',')) this.take();
					}
					this.take();
					return {k: 'list', items};
				}
				throw new Unsupported(`unexpected ${token.v}`);
		}
	}
}

/** A number token's value: C octal after a leading 0. */
function numberOf(text: string): Expr {
	return {k: 'num', v: BigInt(/^0\d/.test(text) ? `0o${text.slice(1)}` : text)};
}

/** Parsed print fmts by text: many events share one (syscall tables of thousands of characters). */
const parsed = new Map<string, PrintFmt>();

/** The tree of a print fmt; the same (shared, not to be changed) object for the same text. */
export function parsePrintFmt(text: string): PrintFmt {
	let result = parsed.get(text);
	if (!result) {
		result = parse(text);
		parsed.set(text, result);
	}
	return result;
}

function parse(text: string): PrintFmt {
	const parser = new Parser(tokenize(text));
	const first = parser.take();
	if (first.t !== 'str') throw new Unsupported('print fmt does not start with a string');
	let format = first.v;
	while (parser.peek()?.t === 'str') format += parser.take().v;
	const args: Expr[] = [];
	while (!parser.done) {
		parser.expect(',');
		args.push(parser.expression());
	}
	return {format, args};
}
