// The time column, which `t` cycles: the host TSC; time since the first event; the delta from
// the row above; the delta from the reference mark. Times need the TSC's rate (--tsc-khz or a
// trace.dat's TSC2NSEC); without it the deltas are in cycles and "since first" is left out.

import {Status} from '../core/assign.js';
import {formatDuration} from '../display/duration.js';
import {tscText} from './cells.js';
import type {EventId, RowModel, View} from './row-model.js';

export type TimeMode = 'tsc' | 'since' | 'prev' | 'mark';

/** The modes `t` offers, in order. */
export function timeModes(model: RowModel): TimeMode[] {
	return model.alignment.clock ? ['tsc', 'since', 'prev', 'mark'] : ['tsc', 'prev', 'mark'];
}

/** The column header: what the numbers are. */
export function timeTitle(model: RowModel, mode: TimeMode, mark: string | undefined): string {
	const unit = model.alignment.clock ? '' : ' cyc';
	switch (mode) {
		case 'tsc':
			return 'host TSC';
		case 'since':
			return 'since first';
		case 'prev':
			return `Δ prev${unit}`;
		case 'mark':
			return `Δ '${mark ?? "'"}${unit}`;
	}
}

export function timeWidth(model: RowModel, mode: TimeMode): number {
	if (mode === 'tsc') return model.tscWidth;
	// `+123.456789123 s` with a rate; a signed TSC difference without.
	return model.alignment.clock ? 16 : model.tscWidth + 1;
}

/** The host TSC an event sits at, or undefined for an unresolved guest event. */
function placed(model: RowModel, id: EventId): bigint | undefined {
	const {host, results} = model.alignment;
	if (id >= host.count && results.status[id - host.count] === Status.Unresolved) return undefined;
	return model.keyOf(id);
}

function delta(model: RowModel, cycles: bigint): string {
	const clock = model.alignment.clock;
	if (clock) return formatDuration(clock.ns(cycles), true, true);
	return cycles > 0n ? `+${cycles}` : String(cycles);
}

/** How far back `prev` looks for a row with a host TSC (unresolved guest rows have none). */
const PREV_REACH = 64;

/** The column's text for row `row` of `view`; `ref` is the mark's event for `mark`. */
export function timeText(model: RowModel, view: View, row: number, mode: TimeMode, ref: EventId | undefined): string {
	const id = model.idAt(view, row);
	if (mode === 'tsc') return tscText(model, id);
	const at = placed(model, id);
	if (at === undefined) return '?';
	switch (mode) {
		case 'since': {
			const first = model.firstTsc;
			return formatDuration(model.alignment.clock!.ns(at - first), false, true);
		}
		case 'prev': {
			for (let r = row - 1; r >= 0 && r >= row - PREV_REACH; r--) {
				const before = placed(model, model.idAt(view, r));
				if (before !== undefined) return delta(model, at - before);
			}
			return row === 0 ? '0' : '?';
		}
		case 'mark': {
			const from = ref === undefined ? undefined : placed(model, ref);
			return from === undefined ? '' : delta(model, at - from);
		}
	}
}
