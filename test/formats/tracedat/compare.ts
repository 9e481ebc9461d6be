// Compares a trace.dat read by our reader with `trace-cmd report`'s rendering of it, parsed
// by the text reader: the same records, in the same order, with the same raw timestamps.

import {expect} from 'vitest';
import type {Trace} from '../../../source/model/trace.js';

/** Indexes of the rendering's records that belong to `instance` ("" = top level, no prefix). */
export function instanceRows(report: Trace, instance: string, instances: string[]): number[] {
	const prefixes = instances.filter((name) => name !== '').map((name) => `${name}:`);
	const rows: number[] = [];
	for (let i = 0; i < report.count; i++) {
		const line = report.raw(i).trimStart();
		const prefix = prefixes.find((p) => line.startsWith(p));
		if ((prefix === undefined && instance === '') || prefix === `${instance}:`) rows.push(i);
	}
	return rows;
}

export interface Mismatch {
	index: number;
	dat: string;
	report: string;
}

/** Every field that must agree; returns the first few disagreements (an empty list is a pass). */
export function compareRecords(dat: Trace, report: Trace, rows: number[], fields: ('comm' | 'text')[] = []): Mismatch[] {
	const out: Mismatch[] = [];
	expect(dat.count).toBe(rows.length);
	for (let i = 0; i < dat.count && out.length < 5; i++) {
		const j = rows[i]!;
		const a = [dat.tsc[i], dat.cpu[i], dat.pid[i], dat.names[dat.name[i]!]];
		const b = [report.tsc[j], report.cpu[j], report.pid[j], report.names[report.name[j]!]];
		if (fields.includes('comm')) {
			a.push(dat.comms[dat.comm[i]!]);
			b.push(report.comms[report.comm[j]!]);
		}
		if (fields.includes('text')) {
			a.push(dat.text(i));
			b.push(report.text(j));
		}
		if (a.some((value, k) => value !== b[k])) out.push({index: i, dat: dat.raw(i), report: report.raw(j)});
	}
	return out;
}

/** Lost markers as (cpu, count, index of the record after them). */
export function lostOf(trace: Trace, rows?: number[]): [number, number, number][] {
	const position = rows ? new Map(rows.map((row, i) => [row, i])) : undefined;
	return trace.lost.map((l) => [l.cpu, l.count, position ? (position.get(l.nextIndex) ?? -1) : l.nextIndex]);
}
