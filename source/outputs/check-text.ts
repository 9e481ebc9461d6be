// `tscalign check` as text for a person: what was found, per VM and vCPU, and a verdict.

import type {CheckReport, FileSummary, OutsideSummary, VcpuSummary} from './check-report.js';
import type {GuestsCheckReport} from './check-guests.js';
import {cpuName} from '../display/cpu-name.js';
import {formatDuration} from '../display/duration.js';
import {escapeControl} from '../display/escape.js';
import {lineRange, plural} from '../display/plural.js';

const MALFORMED_SHOWN = 5;

function fileLines(role: string, f: FileSummary): string[] {
	const lines = [`${role}: ${escapeControl(f.file)} (${f.format}), ${plural(f.events, 'event')}, ${plural(f.malformed_lines, 'malformed line')}`];
	for (const m of f.malformed.slice(0, MALFORMED_SHOWN)) lines.push(`  ${escapeControl(f.file)}:${m.line}: ${escapeControl(m.reason)}`);
	if (f.malformed_lines > MALFORMED_SHOWN) lines.push(`  ... and ${plural(f.malformed_lines - MALFORMED_SHOWN, 'more malformed line')}`);
	for (const l of f.lost_events) {
		lines.push(`  lost events on ${cpuName(l.cpu, l.buffer)}: ${l.count ?? 'an unknown number'} (${escapeControl(f.file)}:${l.line})`);
	}
	return lines;
}

function epochLine(e: VcpuSummary['epochs'][number]): string {
	const start = e.start === null ? 'from the start' : `from host TSC ${e.start}`;
	const where = e.start_line === null ? '' : ` (host line ${e.start_line})`;
	const interval = e.interval ? `; any offset in [${e.interval[0]}, ${e.interval[1]}] fits` : '';
	return `    epoch ${e.index}: ${start}, offset ${e.offset} (${e.source}: ${e.cause}${interval})${where}`;
}

function checkLines(v: VcpuSummary): string[] {
	const lines: string[] = [];
	if (v.recovery) {
		const r = v.recovery;
		for (const x of r.rejected) {
			lines.push(
				`    recovery: no offset fits guest ${lineRange(x.first_line, x.last_line)}: the best puts only ${x.explained} of the ${plural(x.in_span, 'event')} it maps into the host trace's span inside run windows (is --vm the guest's VM?)`,
			);
		}
		if (r.precision_cycles.length > 0) {
			const precision = r.precision_cycles.map((c, i) => `${c} cycles${r.precision_ns[i] === null ? '' : ` (${formatDuration(BigInt(r.precision_ns[i]!))})`}`).join(', ');
			lines.push(
				`    recovery: the recovered offset${r.precision_cycles.length > 1 ? 's put' : ' puts'} ${r.explained} of ${plural(r.events, 'guest event')} inside run windows (the best other offset: ${r.runner_up.join(', ')}); interval width ${precision}`,
			);
		}
		if (r.ties > 0) lines.push(`    recovery: ${plural(r.ties, 'piece')} fit${r.ties === 1 ? 's' : ''} another offset equally well: ${r.ties === 1 ? 'its' : 'their'} events are ambiguous`);
	}
	for (const o of v.other_sources) {
		const used = v.epochs[0]?.offset;
		lines.push(
			o.agrees
				? `    offset check: ${o.source} gives the same offset, ${o.offset}`
				: `    WARNING: ${o.source} gives offset ${o.offset}, but ${used} (${v.epochs[0]?.source}) was used; they disagree`,
		);
	}
	for (const note of v.notes) lines.push(`    note: ${escapeControl(note)}`);
	const c = v.offset_check;
	if (c && c.agrees) lines.push(`    offset check: the ${c.source} offset ${c.offset} lies inside the interval recovered from the run windows [${c.recovered_interval!.join(', ')}]`);
	if (c && !c.agrees) {
		const found = c.recovered_interval ? `the run windows give [${c.recovered_interval.join(', ')}]` : 'no single offset fits the run windows';
		lines.push(`    WARNING: the ${c.source} offset ${c.offset} disagrees with the run windows: ${found}. Check the offset and --vm.`);
	}
	return lines;
}

/** `202 before the host trace's first event (the earliest 1.234 s before it)`, in cycles when the TSC rate is unknown. */
function outsideWords(o: OutsideSummary): string {
	const far = (cycles: string | null, ns: number | null): string => (ns !== null ? formatDuration(BigInt(ns)) : `${cycles} cycles`);
	const parts: string[] = [];
	if (o.before > 0) parts.push(`${o.before} before the host trace's first event (${o.before === 1 ? 'by' : 'the earliest by'} ${far(o.furthest_before, o.furthest_before_ns)})`);
	if (o.after > 0) parts.push(`${o.after} after its last (${o.after === 1 ? 'by' : 'the latest by'} ${far(o.furthest_after, o.furthest_after_ns)})`);
	return parts.join(', ');
}

function vcpuLines(v: VcpuSummary): string[] {
	const pids = v.host_pids.length > 0 ? `host thread ${v.host_pids.join(', ')}` : 'no host thread';
	const cpus = v.guest_cpus.length > 0 ? `guest CPU ${v.guest_cpus.join(', ')}` : 'no guest events';
	const lines = [`  vCPU ${v.vcpu}: ${pids}; ${cpus}`];
	if (v.epochs.length === 0) lines.push('    epochs: none (no kvm_write_tsc_offset for this vCPU and no --offset)');
	for (const e of v.epochs) lines.push(epochLine(e));
	if (v.offset_flag_ignored !== null) {
		lines.push(`    note: --offset ${v.offset_flag_ignored} not used: the traced writes give this vCPU's offsets`);
	}
	lines.push(...checkLines(v));
	lines.push(`    run windows: ${v.run_windows === 0 ? 'none in the host trace (events are not checked against windows)' : v.run_windows}`);
	lines.push(`    guest events: ${v.guest_events}: ${v.exact} exact, ${v.ambiguous} ambiguous, ${v.unresolved} unresolved`);
	const by = v.unresolved_by;
	const away = v.unresolved_outside_host_trace;
	if (by.noOffset > 0) lines.push(`      ${by.noOffset} with no known offset`);
	if (by.outsideWindows > 0) lines.push(`      ${by.outsideWindows} outside every run window${away.before + away.after > 0 ? `: ${outsideWords(away)}` : ''}`);
	if (by.outsideEpochs > 0) lines.push(`      ${by.outsideEpochs} outside every offset epoch`);
	if (by.order > 0) lines.push(`      ${by.order} breaking the time order of this vCPU's events`);
	if (v.outside_host_trace.before + v.outside_host_trace.after > 0) {
		lines.push(`    outside the host trace: ${outsideWords(v.outside_host_trace)} (no host event confirms their offset)`);
	}
	for (const r of v.non_monotonic) {
		lines.push(`    non-monotonic region: guest ${lineRange(r.first_line, r.last_line)} (${plural(r.events, 'event goes', 'events go')} back in time)`);
	}
	for (const w of v.lost_writes) {
		lines.push(`    lost write before host line ${w.line}: prev=${w.found} but the previous write set ${w.expected}`);
	}
	return lines;
}

/** Appends one by one: a host with 40,000 vCPU threads has more lines than a call takes arguments. */
function append(lines: string[], more: readonly string[]): void {
	for (const line of more) lines.push(line);
}

export function checkText(report: CheckReport): string[] {
	const lines = [...fileLines('host', report.host), ...fileLines('guest', report.guest)];
	append(lines, vmLines(report));
	append(lines, otherVmLines(report.other_vms));
	append(lines, noteLines(report.notes));
	lines.push(`verdict: ${report.verdict}`);
	return lines;
}

/** One section per guest file, then the VMs no guest was compared with, then one verdict over all. */
export function guestsCheckText(report: GuestsCheckReport): string[] {
	const lines = fileLines('host', report.host);
	for (const g of report.guests) {
		lines.push('');
		append(lines, fileLines(`guest g${g.guest}`, g.file));
		append(lines, vmLines(g));
		append(lines, noteLines(g.notes));
		lines.push(`g${g.guest} verdict: ${g.verdict}`);
	}
	if (report.other_vms.length > 0) lines.push('');
	append(lines, otherVmLines(report.other_vms));
	lines.push('', `verdict: ${report.verdict}`);
	return lines;
}

function vmLines(report: Pick<CheckReport, 'tsc_rate_source' | 'vms'>): string[] {
	const lines: string[] = [];
	if (report.tsc_rate_source) lines.push(`TSC rate for times in ns: ${escapeControl(report.tsc_rate_source)}`);
	for (const vm of report.vms) {
		const threads = vm.threads.map((t) => `${escapeControl(t.comm)}-${t.pid}`).join(', ');
		lines.push(
			vm.threads.length === 0
				? 'VM: none (the host trace has no kvm_entry, kvm_exit or kvm_write_tsc_offset)'
				: `VM ${vm.grouped_by === 'tgid' ? `tgid ${vm.id}` : vm.id}: threads ${threads}`,
		);
		for (const v of vm.vcpus) append(lines, vcpuLines(v));
	}
	return lines;
}

/** Flags that named nothing in the capture: said once, above the verdict. */
function noteLines(notes: readonly string[]): string[] {
	return notes.map((note) => `note: ${escapeControl(note)}`);
}

function otherVmLines(others: CheckReport['other_vms']): string[] {
	return others.map((vm) => {
		const threads = vm.threads.map((t) => `${escapeControl(t.comm)}-${t.pid}`).join(', ');
		return vm.grouped_by === 'tgid' ? `other VM on the host (not compared): tgid ${vm.id}: ${threads}` : `other vCPU thread on the host (not compared): ${threads}`;
	});
}
