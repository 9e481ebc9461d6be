// Top bar: the files, the VM, the vCPU filter; then the host TSC at the cursor and the
// selected vCPU's offset epoch there, with its offset and what started it.

import React from 'react';
import {escapeControl} from '../display/escape.js';
import {fit, fitMiddle, tscText} from './cells.js';
import {Line} from './line.js';
import {epochIndexAt, epochLabel} from './epoch-label.js';
import type {EventId, RowModel} from './row-model.js';
import {look} from './theme.js';

interface TopBarProps {
	model: RowModel;
	columns: number;
	id: EventId | undefined;
	filter: number | undefined;
	vcpu: number | undefined;
}

export function topLines(model: RowModel, columns: number, id: EventId | undefined, filter: number | undefined, vcpu: number | undefined): [string, string] {
	const {host, guest, vm} = model.alignment;
	const vmWords = vm.threads.length === 0 ? 'no VM found' : `VM ${vm.id}${vm.byTgid ? ' (tgid)' : ''}`;
	const filterWords = `vCPU filter: ${filter === undefined ? 'all' : filter} (v)`;
	const fixed = ` tscalign · host  · guest  · ${vmWords} · ${filterWords} `.length;
	const room = Math.max(8, Math.floor((columns - fixed) / 2));
	const first = ` tscalign · host ${fitMiddle(escapeControl(host.file), room)} · guest ${fitMiddle(escapeControl(guest.file), room)} · ${vmWords} · ${filterWords}`;
	let second = ' (no rows)';
	if (id !== undefined) {
		const report = model.report(vcpu);
		const at = tscText(model, id);
		const epoch = report ? `vCPU ${vcpu} ${epochLabel(report, epochIndexAt(report, model.keyOf(id)))}` : 'no vCPU selected';
		second = ` host TSC ${at === '?' ? '? (unresolved)' : at} │ ${epoch}`;
	}
	return [fit(first, columns), fit(second, columns)];
}

export function TopBar({model, columns, id, filter, vcpu}: TopBarProps): React.JSX.Element {
	const [first, second] = topLines(model, columns, id, filter, vcpu);
	return (
		<>
			<Line text={first} look={look.bar} />
			<Line text={second} look={look.title} />
		</>
	);
}
