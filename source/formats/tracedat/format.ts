// An event's `format` text (docs/tracedat-format.md §9): id, name, fields with offset, size and
// signedness, and the print fmt that renders it.

export const enum Dynamic {
	None = 0,
	/** __data_loc: u32 (len << 16 | offset from the payload start). */
	DataLoc = 1,
	/** __rel_loc: the same, offset from the end of the field. */
	RelLoc = 2,
}

export interface Field {
	name: string;
	/** The C type as written, e.g. "unsigned long", "__data_loc char[]", "char". */
	type: string;
	offset: number;
	size: number;
	signed: boolean;
	/** `name[N]`: N elements (0 for `name[]`, which runs to the end of the payload). */
	array: boolean;
	arrayLength: number;
	elementSize: number;
	/** A char-like array or dynamic char array: printed as text. */
	string: boolean;
	dynamic: Dynamic;
	pointer: boolean;
	long: boolean;
}

export interface EventFormat {
	id: number;
	name: string;
	system: string;
	/** Fields in the order of the format file, common_* first. */
	fields: Field[];
	/** Event fields only (after the common ones). */
	own: Field[];
	byName: Map<string, Field>;
	printFmt: string;
}

const FIELD_RE = /^\s*field(?:\s+special)?:\s*(.*?);\s*offset:\s*(\d+);\s*size:\s*(\d+);(?:\s*signed:\s*(-?\d+);)?/;

const CHAR_TYPE = /\b(?:char|u8|s8|__u8|__s8|uint8_t|int8_t)\b/;

function parseField(decl: string, offset: number, size: number, signed: boolean): Field | undefined {
	const match = /^(.*?)([A-Za-z_$][\w$]*)\s*(?:\[([^\]]*)\])?\s*$/.exec(decl.trim());
	if (!match) return undefined;
	let type = match[1]!.trim();
	const name = match[2]!;
	const bracket = match[3];
	let dynamic = Dynamic.None;
	if (/^__data_loc\b/.test(type)) dynamic = Dynamic.DataLoc;
	else if (/^__rel_loc\b/.test(type)) dynamic = Dynamic.RelLoc;
	const array = bracket !== undefined;
	let arrayLength = 0;
	let elementSize = size;
	const base = type.replace(/^__(?:data|rel)_loc\s*/, '').replace(/\[\s*\]\s*$/, '').trim();
	const charLike = CHAR_TYPE.test(base) && !base.includes('*');
	if (array) {
		const n = Number(bracket!.trim().split(/\s+/).pop());
		if (Number.isInteger(n) && n > 0) {
			arrayLength = n;
			elementSize = Math.max(1, Math.floor(size / n));
		} else if (size === 0 || bracket!.trim() === '') {
			arrayLength = 0;
			elementSize = charLike ? 1 : naturalSize(base);
		} else {
			// A macro length (e.g. TASK_COMM_LEN in old kernels): derive it from the size.
			elementSize = charLike ? 1 : naturalSize(base);
			arrayLength = Math.max(1, Math.floor(size / elementSize));
		}
	} else if (dynamic !== Dynamic.None) {
		elementSize = charLike ? 1 : naturalSize(base);
	}
	if (dynamic !== Dynamic.None) type = type.trim();
	return {
		name,
		type,
		offset,
		size,
		signed,
		array,
		arrayLength,
		elementSize,
		string: (array || dynamic !== Dynamic.None) && charLike,
		dynamic,
		pointer: base.includes('*'),
		long: /\blong\b/.test(base),
	};
}

/** Size of a C base type when an array's length does not say it. */
function naturalSize(type: string): number {
	if (type.includes('*')) return 8;
	if (/\b(?:u64|s64|__u64|__s64|uint64_t|int64_t|long long|unsigned long|long)\b/.test(type)) return 8;
	if (/\b(?:u16|s16|__u16|__s16|short|uint16_t|int16_t)\b/.test(type)) return 2;
	if (/\b(?:u8|s8|__u8|__s8|char|bool|uint8_t|int8_t)\b/.test(type)) return 1;
	return 4;
}

/** Parses one format text; undefined when it has no name or id. */
export function parseFormat(text: string, system: string): EventFormat | undefined {
	const lines = text.split('\n');
	let name: string | undefined;
	let id: number | undefined;
	let printFmt = '';
	const fields: Field[] = [];
	let commonCount = -1;
	let inFields = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (line.startsWith('name:')) name = line.slice(5).trim();
		else if (line.startsWith('ID:')) id = Number(line.slice(3).trim());
		else if (line.startsWith('format:')) inFields = true;
		else if (line.startsWith('print fmt:')) {
			printFmt = [line.slice(10), ...lines.slice(i + 1)].join('\n').trim();
			break;
		} else if (inFields) {
			if (line.trim() === '') {
				if (commonCount < 0 && fields.length > 0) commonCount = fields.length;
				continue;
			}
			const match = FIELD_RE.exec(line);
			if (!match) continue;
			const field = parseField(match[1]!, Number(match[2]), Number(match[3]), match[4] !== undefined && match[4] !== '0');
			if (field) fields.push(field);
		}
	}
	if (name === undefined || id === undefined || !Number.isInteger(id) || id < 0 || id > 0xffff) return undefined;
	if (commonCount < 0) commonCount = fields.filter((f) => f.name.startsWith('common_')).length;
	const own = fields.slice(commonCount);
	return {id, name, system, fields, own, byName: new Map(fields.map((f) => [f.name, f])), printFmt};
}
