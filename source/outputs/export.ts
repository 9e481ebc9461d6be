// `tscalign export`: the aligned capture as a JSON trace for timeline GUIs (ui.perfetto.dev,
// chrome://tracing), docs/export.md. Events are written in host-time order as they are read,
// so memory does not grow with the output. Times are host time since the first event.

import type {Alignment} from '../core/align.js';
import {Status} from '../core/assign.js';
import {guestPlacement, mergedOrder} from '../core/order.js';
import {safeJson} from '../display/escape.js';
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
const GUEST_PID = 2;

function noRate(a: Alignment): InputError {
	return new InputError(
		'usage',
		`export needs the TSC's rate to turn host TSCs into times, and neither ${a.host.file} nor ${a.guest.file} carries it: pass --tsc-khz N, ` +
			"the TSC's rate in kHz (on the host, `dmesg | grep -i 'tsc.*MHz'`: 2918.400 MHz is --tsc-khz 2918400), or record with trace-cmd's tsc2nsec clock.",
	);
}

/** Where the events sit on the host clock, and which of them the range keeps. */
interface Layout {
	order: Uint32Array;
	keys: BigUint64Array;
	time: TimeBase;
	range: TscRange;
	/** The last host TSC written: the range's end, or the last event before it. */
	last: bigint;
}

function layout(a: Alignment, options: ExportRange): Layout {
	const clock = a.clock;
	if (!clock) throw noRate(a);
	const keys = guestPlacement(a);
	const order = mergedOrder(a, keys);
	const hostCount = a.host.count;
	const placed = (k: number): boolean => order[k]! < hostCount || a.results.status[order[k]! - hostCount] !== Status.Unresolved;
	const keyAt = (k: number): bigint => (order[k]! < hostCount ? a.host.tsc[order[k]!]! : keys[order[k]! - hostCount]!);
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
	let lo = 0;
	let hi = order.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (keyAt(mid) < range.from) lo = mid + 1;
		else hi = mid;
	}
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
	return {order, keys, time, range, last};
}

export async function writeExport(a: Alignment, out: Output, options: ExportRange = {}): Promise<void> {
	const {order, keys, time, range, last} = layout(a, options);
	const writer = new TraceWriter(out);
	const window = {from: time.ns(range.from), to: time.ns(last)};
	writer.begin();
	const host = new HostTimeline(a, writer, window, new ProcessTracks(HOST_PID, hostProcessName(a)));
	await writer.process(host.tracks, 0);
	const guest = new GuestTimeline(a, GUEST_PID, writer, window, time);
	await guest.begin(1);
	const hostCount = a.host.count;
	const {status, hostTsc} = a.results;
	for (let k = 0; k < order.length; k++) {
		const id = order[k]!;
		const j = id - hostCount;
		if (j >= 0 && status[j] === Status.Unresolved) continue;
		const tsc = j < 0 ? a.host.tsc[id]! : hostTsc[j]!;
		if (tsc > range.to) break;
		const ns = time.ns(tsc);
		const wait = j < 0 ? host.event(id, tsc, ns, tsc >= range.from) : guest.event(j, tsc, ns, tsc >= range.from);
		if (wait) await wait;
	}
	await host.finish(window.to);
	await guest.finish(window.to);
	await guest.marks(range, keys);
	const guests = [guest];
	const total = (f: (g: GuestTimeline) => number): number => guests.reduce((n, g) => n + f(g), 0);
	const metadata = {
		exporter: 'tscalign export',
		time: `ts: microseconds (to the nanosecond) of host time since host TSC origin_tsc, the first event of the two traces`,
		origin_tsc: String(time.origin),
		tsc_rate: a.clock!.source,
		host: {file: a.host.file, format: a.host.format, events: a.host.count, hostname: hostname(a.host) ?? null},
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
	write: (alignment, out, options) => writeExport(alignment, out, options?.range).then(() => 0),
};
