// Reads what `tscalign export` writes the way a test needs it: the whole file through
// JSON.parse (it must be valid JSON), and each event's raw line as well, so times are read
// from their digits exactly (a double cannot hold every nanosecond of a long capture).

import {expect} from 'vitest';

export interface TraceEvent {
	name: string;
	ph: string;
	cat?: string;
	pid: number;
	tid?: number;
	args: Record<string, unknown>;
	/** Exact times in ns, read from the line's digits. */
	tsNs: bigint;
	durNs?: bigint;
}

export interface ChromeTrace {
	displayTimeUnit: string;
	metadata: Record<string, any>;
	events: TraceEvent[];
}

/** `"ts":12.345` as 12345n ns: every time is written with exactly three decimals. */
function nsOf(line: string, key: 'ts' | 'dur'): bigint | undefined {
	const match = new RegExp(`"${key}":(\\d+)\\.(\\d{3})[,}]`).exec(line);
	return match ? BigInt(match[1]!) * 1000n + BigInt(match[2]!) : undefined;
}

export function parseExport(text: string): ChromeTrace {
	const doc = JSON.parse(text) as {displayTimeUnit: string; traceEvents: unknown[]; metadata: Record<string, unknown>};
	const lines = text.split('\n');
	expect(lines[0]).toBe('{"displayTimeUnit":"ns","traceEvents":[');
	const eventLines = lines.slice(1).filter((l) => l.startsWith('{'));
	expect(eventLines.length).toBe(doc.traceEvents.length);
	const events = eventLines.map((line, k) => {
		const e = doc.traceEvents[k] as Omit<TraceEvent, 'tsNs' | 'durNs'>;
		const tsNs = nsOf(line, 'ts');
		if (e.ph !== 'M' && tsNs === undefined) throw new Error(`no time with three decimals in ${line}`);
		return {...e, tsNs: tsNs ?? 0n, durNs: e.ph === 'X' ? nsOf(line, 'dur') : undefined};
	});
	return {displayTimeUnit: doc.displayTimeUnit, metadata: doc.metadata, events};
}

function slicesByTrack(events: readonly TraceEvent[], keep: (e: TraceEvent) => boolean): Map<string, TraceEvent[]> {
	const tracks = new Map<string, TraceEvent[]>();
	for (const e of events) {
		if (e.ph !== 'X' || !keep(e)) continue;
		const key = `${e.pid}/${e.tid}`;
		const list = tracks.get(key);
		if (list) list.push(e);
		else tracks.set(key, [e]);
	}
	return tracks;
}

/** The slices of each track that overlap without nesting (the JSON format allows only nesting). */
export function crossingSlices(events: readonly TraceEvent[]): string[] {
	const tracks = slicesByTrack(events, () => true);
	const crossings: string[] = [];
	for (const [key, slices] of tracks) {
		// By start, the longer first when two start together: it holds the other.
		slices.sort((a, b) => (a.tsNs !== b.tsNs ? (a.tsNs < b.tsNs ? -1 : 1) : a.durNs! > b.durNs! ? -1 : a.durNs! < b.durNs! ? 1 : 0));
		const open: bigint[] = [];
		for (const s of slices) {
			const end = s.tsNs + s.durNs!;
			while (open.length > 0 && open.at(-1)! <= s.tsNs) open.pop();
			if (open.length > 0 && end > open.at(-1)!) crossings.push(`${key}: ${s.name} at ${s.tsNs} ns ends after the slice holding it`);
			open.push(end);
		}
	}
	return crossings;
}

/** Slices of one track that overlap at all, for tracks that must hold one thing at a time. */
export function overlappingSlices(events: readonly TraceEvent[], cat: string): string[] {
	const tracks = slicesByTrack(events, (e) => e.cat === cat);
	const overlaps: string[] = [];
	for (const [key, slices] of tracks) {
		slices.sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
		for (let k = 1; k < slices.length; k++) {
			if (slices[k]!.tsNs < slices[k - 1]!.tsNs + slices[k - 1]!.durNs!) overlaps.push(`${key}: ${slices[k]!.name} at ${slices[k]!.tsNs} ns`);
		}
	}
	return overlaps;
}

/** Nanoseconds from `origin` to `tsc` at `khz`, by hand: floor(cycles * 10^6 / kHz), in BigInt. */
export const handNs = (tsc: bigint, origin: bigint, khz: bigint): bigint => ((tsc - origin) * 1_000_000n) / khz;
