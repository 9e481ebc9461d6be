// `:` go to: a row number, a host TSC, or a percentage. A plain number up to the row count
// is a row (as less's `:` line numbers); a larger one is a host TSC, which is always far
// larger than any row count. `t<N>` forces a TSC, `#<N>` a row.

import {parseU64Loose} from '../model/u64.js';

export type GotoTarget =
	| {kind: 'none'}
	| {kind: 'row'; row: number}
	| {kind: 'tsc'; tsc: bigint}
	| {kind: 'error'; message: string};

export function parseGoto(input: string, rows: number): GotoTarget {
	const text = input.trim().replace(/[_,]/g, '');
	if (text === '') return {kind: 'none'};
	const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
	if (percent) {
		const fraction = Math.min(Number(percent[1]) / 100, 1);
		return {kind: 'row', row: Math.max(0, Math.min(rows - 1, Math.round(fraction * (rows - 1))))};
	}
	const row = /^#\s*(\d+)$/.exec(text);
	if (row) return {kind: 'row', row: Math.max(0, Math.min(rows, Number(row[1])) - 1)};
	const forced = /^t(?:sc)?\s*(\S+)$/i.exec(text);
	const number = parseU64Loose(forced ? forced[1]! : text);
	if (number === undefined || text.startsWith('-')) {
		return {kind: 'error', message: `go to takes a row number, a host TSC (t<TSC> to force one) or a percentage, not "${input}"`};
	}
	if (!forced && /^\d+$/.test(text) && number >= 1n && number <= BigInt(rows)) return {kind: 'row', row: Number(number) - 1};
	return {kind: 'tsc', tsc: number};
}
