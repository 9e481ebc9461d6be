// Top bar, two lines fitted to the width by priority. The first: the selected vCPU's offset
// epoch at the cursor, its offset and what started it (these before anything else), then the
// host TSC there. The second: the files (basenames), the VM, the filters with "k of N rows",
// and which columns and time are shown.

import path from 'node:path';
import React from 'react';
import {escapeControl} from '../display/escape.js';
import {plural} from '../display/plural.js';
import {fitParts} from './bar-fit.js';
import {fit, fitMiddle, tscText} from './cells.js';
import {epochIndexAt, epochLabels} from './epoch-label.js';
import {Line} from './line.js';
import {COLUMN_SETS, type ColumnSet} from './row-fields.js';
import type {EventId, RowModel} from './row-model.js';
import {look} from './theme.js';
import {timeTitle, type TimeMode} from './time-column.js';

export interface TopBarProps {
	model: RowModel;
	columns: number;
	id: EventId | undefined;
	vcpuFilter: number | undefined;
	vcpu: number | undefined;
	/** The row filter in force with its rows shown and the rows without it. */
	rowFilter: {source: string; shown: number; of: number} | undefined;
	set: ColumnSet;
	time: TimeMode;
	timeMark: string | undefined;
}

const SHORT_SETS = ['task', '+guest TSC', '+pid'] as const;

function fileName(file: string, room: number): string {
	return fitMiddle(escapeControl(path.basename(file)), room);
}

export function topLines(p: TopBarProps): [string, string] {
	const {model, columns, id, vcpu} = p;
	const {host, guest, vm} = model.alignment;
	let first = ' (no rows)';
	if (id !== undefined) {
		const report = model.report(vcpu);
		const at = tscText(model, id);
		const epoch = report ? epochLabels(report, epochIndexAt(report, model.keyOf(id))).map((l) => `vCPU ${vcpu} ${l}`) : ['no vCPU selected'];
		first = ` ${fitParts(
			[
				{variants: epoch, priority: 10},
				{variants: [`host TSC ${at === '?' ? '? (unresolved)' : at}`, ''], priority: 5},
			],
			columns - 1,
			' │ ',
		)}`;
	}
	const files = [`${fileName(host.file, 40)} ${fileName(guest.file, 40)}`, `${fileName(host.file, 20)} ${fileName(guest.file, 20)}`, `${fileName(host.file, 10)} ${fileName(guest.file, 10)}`, ''];
	const filter = p.rowFilter;
	const second = ` ${fitParts(
		[
			{variants: ['tscalign', ''], priority: 1},
			{variants: files, priority: 3},
			{variants: vm.threads.length === 0 ? ['no VM found', 'no VM'] : [`VM ${vm.id}${vm.byTgid ? ' (tgid)' : ''}`, `VM ${vm.id}`, ''], priority: 4},
			{variants: [`vCPU filter: ${p.vcpuFilter ?? 'all'} (v)`, `vCPU ${p.vcpuFilter ?? 'all'}`], priority: 8},
			...(filter
				? [{variants: [`&${filter.source}: ${filter.shown} of ${plural(filter.of, 'row')}`, `&${fitMiddle(filter.source, 16)}: ${filter.shown}/${filter.of}`, `&: ${filter.shown}/${filter.of}`], priority: 9}]
				: []),
			{variants: [`columns: ${COLUMN_SETS[p.set]} (c)`, `c: ${SHORT_SETS[p.set]}`, ''], priority: 5},
			{variants: [`time: ${timeTitle(model, p.time, p.timeMark)} (t)`, `t: ${timeTitle(model, p.time, p.timeMark)}`, ''], priority: 6},
		],
		columns - 1,
	)}`;
	// Only the second line is a bar (inverse) that must span the width; the first is not padded.
	return [first.slice(0, columns), fit(second, columns)];
}

export function TopBar(props: TopBarProps): React.JSX.Element {
	const [first, second] = topLines(props);
	return (
		<>
			<Line text={first} look={look.title} />
			<Line text={second} look={look.bar} />
		</>
	);
}
