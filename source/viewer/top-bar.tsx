// Top bar, two lines fitted to the width by priority. The first: the selected vCPU's offset
// epoch at the cursor, its offset and what started it (these before anything else), then the
// host TSC there. The second: the files (basenames), the VM, the filters with "k of N rows",
// and which columns and time are shown.

import path from 'node:path';
import React, {useSyncExternalStore} from 'react';
import {escapeControl} from '../display/escape.js';
import {plural} from '../display/plural.js';
import {fitParts} from './bar-fit.js';
import {fit, fitMiddle, tscText} from './cells.js';
import {epochIndexAt, epochLabels} from './epoch-label.js';
import {Line} from './line.js';
import {COLUMN_SETS, type ColumnSet} from './row-fields.js';
import type {EventId, RowModel} from './row-model.js';
import type {LoadProgress} from './load-progress.js';
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
	/** Preliminary rows: how far the whole pair has loaded, in percent. */
	loaded?: number;
}

const SHORT_SETS = ['task', '+guest TSC', '+pid'] as const;

const OTHER_CAPTURE = [
	'NOT ONE CAPTURE: the guest was recorded against another host trace (tscalign check says more)',
	'NOT ONE CAPTURE: guest recorded against another host trace',
	'NOT ONE CAPTURE',
];

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
		const epoch = report ? epochLabels(report, epochIndexAt(report, model.keyOf(id)), p.loaded !== undefined).map((l) => `${model.vcpuName(report.vcpu)} ${l}`) : ['no vCPU selected'];
		first = ` ${fitParts(
			[
				{variants: epoch, priority: 10},
				{variants: [`host TSC ${at === '?' ? '? (unresolved)' : at}`, ''], priority: 5},
			],
			columns - 1,
			' │ ',
		)}`;
	}
	const {lanes} = model;
	// Several guests: their labels in order (g1 first), the names rows carry.
	const guests = (room: number): string => (lanes ? `+ ${fitMiddle(escapeControl(lanes.labels.join(' ')), room * 2)}` : fileName(guest.file, room));
	const files = [`${fileName(host.file, 40)} ${guests(40)}`, `${fileName(host.file, 20)} ${guests(20)}`, `${fileName(host.file, 10)} ${guests(10)}`, ''];
	const filterName = p.vcpuFilter === undefined ? 'all' : lanes ? model.vcpuName(p.vcpuFilter) : String(p.vcpuFilter);
	const filter = p.rowFilter;
	const second = ` ${fitParts(
		[
			...(p.loaded === undefined ? [] : [{variants: preliminaryNotes(p.loaded), priority: 11}]),
			// Every row of such a guest is unresolved or wrong; the bar says why before anything else.
			...(model.alignment.otherCapture ? [{variants: OTHER_CAPTURE, priority: 12}] : []),
			{variants: ['tscalign', ''], priority: 1},
			// Several guests: their list is how a row's tag is read, so it goes before the VM and columns.
			{variants: files, priority: lanes ? 7 : 3},
			{variants: lanes ? [`${lanes.count} guests`, ''] : vm.threads.length === 0 ? ['no VM found', 'no VM'] : [`VM ${vm.id}${vm.byTgid ? ' (tgid)' : ''}`, `VM ${vm.id}`, ''], priority: 4},
			{variants: [`vCPU filter: ${filterName} (v)`, lanes ? filterName : `vCPU ${filterName}`], priority: 8},
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

/** What the bar says while only the start of the pair is shown: it leads, and the rest gives way to it. */
function preliminaryNotes(loaded: number): string[] {
	const start = `loading ${loaded}%`;
	return [`${start}: host rows of the start only; guest rows and all epochs once loaded`, `${start}: host rows only until loaded`, `${start}: host rows only`, `${start}…`];
}

const NOT_LOADING = (): (() => void) => () => {};
/** The step percentages are shown in: each step drawn costs the loading a frame. */
const STEP = 10;

/** Percent of the pair's bytes read, in steps of ten, or undefined when all is loaded. */
function useLoaded(loading: LoadProgress | undefined): number | undefined {
	return useSyncExternalStore(loading?.subscribe ?? NOT_LOADING, () => {
		if (!loading) return undefined;
		let bytes = 0;
		let total = 0;
		for (const f of loading.snapshot().files) {
			bytes += Math.min(f.bytes, f.totalBytes);
			total += f.totalBytes;
		}
		return total > 0 ? Math.floor((bytes * 100) / total / STEP) * STEP : 0;
	});
}

export function TopBar({loading, ...props}: Omit<TopBarProps, 'loaded'> & {loading?: LoadProgress}): React.JSX.Element {
	const loaded = useLoaded(loading);
	const [first, second] = topLines({...props, loaded});
	return (
		<>
			<Line text={first} look={look.title} />
			<Line text={second} look={look.bar} />
		</>
	);
}
