// `tscalign export`: the aligned capture as a JSON trace for timeline GUIs (ui.perfetto.dev,
// chrome://tracing), docs/export.md. Events are written in host-time order as they are read,
// so memory does not grow with the output. Times are host time since the first event.

import type {GuestsAlignment} from '../core/align-guests.js';
import {Status} from '../core/assign.js';
import {guestOfIndex, mergedOrderOfGuests} from '../core/order.js';
import {safeJson} from '../display/escape.js';
import {partitionPoint} from '../model/bounds.js';
import {InputError} from '../model/errors.js';
import type {Output} from './line-output.js';
import type {OutputFormat} from './output-format.js';
import {GuestTimeline} from './timeline/guest-timeline.js';
import {HostTimeline} from './timeline/host-timeline.js';
import {hostname, hostProcessName} from './timeline/names.js';
import {resolveRange, type ExportRange, type TscRange} from './timeline/range.js';
import {MAX_NS, TimeBase} from './timeline/time.js';
import {ProcessTracks, TraceWriter} from './timeline/trace-writer.js';

const HOST_PID = 1;
/** Guest g (0-based, in command-line order) is process FIRST_GUEST_PID + g. */
const FIRST_GUEST_PID = 2;

function noRate({host, guests}: GuestsAlignment): InputError {
	const files = guests.length === 1 ? `neither ${host.file} nor ${guests[0]!.guest.file}` : `neither ${host.file} nor any guest file`;
	return new InputError(
		'usage',
		`export needs the TSC's rate to turn host TSCs into times, and ${files} carries it: pass --tsc-khz N, ` +
			"the TSC's rate in kHz (on the host, `dmesg | grep -i 'tsc.*MHz'`: 2918.400 MHz is --tsc-khz 2918400), or record with trace-cmd's tsc2nsec clock.",
	);
}

/** Where the events sit on the host clock, and which of them the range keeps. */
interface Layout {
	/** Host events below host.count, then every guest's events end to end (core/order.ts). */
	order: Uint32Array;
	starts: Uint32Array;
	keys: BigUint64Array;
	time: TimeBase;
	range: TscRange;
	/** The last host TSC written: the range's end, or the last event before it. */
	last: bigint;
	/** Where the TSC's rate came from (core/tsc-clock.ts). */
	rate: string;
}

function layout(aligned: GuestsAlignment, options: ExportRange): Layout {
	const {host, guests} = aligned;
	// Every guest's clock is the host's rate (or --tsc-khz); a guest's TSC2NSEC only stands in for a host without one.
	const clock = guests.map((a) => a.clock).find((c) => c !== undefined);
	if (!clock) throw noRate(aligned);
	const {order, starts, keys} = mergedOrderOfGuests(host, guests);
	const hostCount = host.count;
	const placed = (k: number): boolean => {
		const at = order[k]! - hostCount;
		if (at < 0) return true;
		const g = guestOfIndex(starts, at);
		return guests[g]!.results.status[at - starts[g]!] !== Status.Unresolved;
	};
	const keyAt = (k: number): bigint => (order[k]! < hostCount ? host.tsc[order[k]!]! : keys[order[k]! - hostCount]!);
	// A host trace always has an event, so both searches find one.
	let first = 0;
	while (!placed(first)) first++;
	let lastK = order.length - 1;
	while (!placed(lastK)) lastK--;
	const time = new TimeBase(keyAt(first), clock);
	const asked = resolveRange(options, time);
	// Nothing lies before the origin: an epoch that ended there is not drawn.
	const range = {from: asked.from > time.origin ? asked.from : time.origin, to: asked.to};
	// The first event the range keeps: events are in key order.
	let lo = partitionPoint(0, order.length, (k) => keyAt(k) < range.from);
	while (lo < order.length && !placed(lo) && keyAt(lo) <= range.to) lo++;
	if (lo === order.length || keyAt(lo) > range.to) {
		throw new InputError(
			'usage',
			`no event lies between --from and --to: the capture runs from host TSC ${keyAt(first)} to ${keyAt(lastK)} (0 to ${time.nsBig(keyAt(lastK))} ns after its first event).`,
		);
	}
	const end = keyAt(lastK);
	const last = range.to < end ? range.to : end;
	if (time.nsBig(last) > MAX_NS) {
		throw new InputError(
			'usage',
			`the capture spans more than 104 days of host time (host TSC ${keyAt(first)} to ${end}), too long for exact times in the JSON trace: export a part with --to.`,
		);
	}
	return {order, starts, keys, time, range, last, rate: clock.source};
}

/** The JSON trace of one host and its guests: one process for the host, one per guest. */
export async function writeExport(aligned: GuestsAlignment, out: Output, options: ExportRange = {}): Promise<void> {
	const {host: hostTrace, guests: alignments} = aligned;
	const {order, starts, keys, time, range, last, rate} = layout(aligned, options);
	const writer = new TraceWriter(out);
	const window = {from: time.ns(range.from), to: time.ns(last)};
	writer.begin();
	const host = new HostTimeline(hostTrace, alignments, writer, window, new ProcessTracks(HOST_PID, hostProcessName(hostTrace)));
	await writer.process(host.tracks, 0);
	const several = alignments.length > 1;
	const guests = alignments.map((a, g) => new GuestTimeline(a, FIRST_GUEST_PID + g, writer, window, time, several ? g + 1 : undefined));
	for (const [g, guest] of guests.entries()) await guest.begin(g + 1);
	const hostCount = hostTrace.count;
	for (let k = 0; k < order.length; k++) {
		const id = order[k]!;
		const at = id - hostCount;
		let wait: Promise<void> | undefined;
		if (at < 0) {
			const tsc = hostTrace.tsc[id]!;
			if (tsc > range.to) break;
			wait = host.event(id, tsc, time.ns(tsc), tsc >= range.from);
		} else {
			const g = guestOfIndex(starts, at);
			const j = at - starts[g]!;
			const {status, hostTsc} = alignments[g]!.results;
			if (status[j] === Status.Unresolved) continue;
			const tsc = hostTsc[j]!;
			if (tsc > range.to) break;
			wait = guests[g]!.event(j, tsc, time.ns(tsc), tsc >= range.from);
		}
		if (wait) await wait;
	}
	await host.finish(window.to);
	for (const guest of guests) await guest.finish(window.to);
	for (const [g, guest] of guests.entries()) await guest.marks(range, keys.subarray(starts[g]!, starts[g + 1]!));
	const total = (f: (g: GuestTimeline) => number): number => guests.reduce((n, g) => n + f(g), 0);
	const metadata = {
		exporter: 'tscalign export',
		time: `ts: microseconds (to the nanosecond) of host time since host TSC origin_tsc, the first event of ${guests.length === 1 ? 'the two traces' : 'all the traces'}`,
		origin_tsc: String(time.origin),
		tsc_rate: rate,
		host: {file: hostTrace.file, format: hostTrace.format, events: hostTrace.count, hostname: hostname(hostTrace) ?? null},
		guests: guests.map((g) => g.metadata()),
		range: options.from || options.to ? {from_tsc: String(range.from), to_tsc: String(last)} : null,
		exported: {
			host_instants: host.instants,
			guest_instants: total((g) => g.instants),
			run_windows: host.runWindows,
			sched_slices: host.schedSlices + total((g) => g.schedSlices),
			uncertain_spans: total((g) => g.uncertainSpans.drawn),
			uncertain_spans_not_drawn: total((g) => g.uncertainSpans.refused),
			offset_writes: total((g) => g.writes),
			non_monotonic_regions: total((g) => g.flags),
			slices_not_nested: host.refused + total((g) => g.refused),
		},
	};
	await writer.end(safeJson(metadata));
}

export const exportOutput: OutputFormat = {
	command: 'export',
	name: 'chrome-json',
	write: (alignment, out, options) => writeExport({host: alignment.host, guests: [alignment]}, out, options?.range).then(() => 0),
	writeGuests: (aligned, out, options) => writeExport(aligned, out, options?.range).then(() => 0),
};
