// One measurement in a fresh process, so peak RSS belongs to it alone. Prints one JSON line.
// Usage: node dist/source/bench/measure.js read FILE | text FILE [--stdout] | align HOST GUEST [--no-recover] | merge HOST GUEST
// | export HOST GUEST | guests HOST GUEST...

import fs from 'node:fs';
import {align} from '../core/align.js';
import {alignGuests} from '../core/align-guests.js';
import {indexHost} from '../core/host-index.js';
import {mergedOrder} from '../core/order.js';
import {writeExport} from '../outputs/export.js';
import {writeMerge} from '../outputs/merge.js';
import {Output} from '../outputs/line-output.js';
import {loadTrace} from '../formats/load.js';

const [what, ...args] = process.argv.slice(2);
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const gc = (globalThis as {gc?: () => void}).gc;
/** Bytes the process holds on to: JS heap plus typed arrays, after a full collection. */
const live = (): number => {
	// One collection leaves some large buffers (freed decompressed chunks) for the next; the
	// figure varied from 72 to 115 B/event between runs of the same file with one.
	for (let i = 0; i < 3; i++) gc?.();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
};

async function main(): Promise<Record<string, unknown>> {
	const base = process.memoryUsage().rss;
	if (what === 'read') {
		const t0 = process.hrtime.bigint();
		const trace = await loadTrace(args[0]!, {allowNanoseconds: true});
		const time = seconds(t0);
		const held = live();
		return {events: trace.count, bytes: fs.statSync(args[0]!).size, seconds: time, live: held, resident: process.memoryUsage().rss - base, maxRss: process.resourceUsage().maxRSS * 1024};
	}
	if (what === 'text') {
		// What `trace-cmd report` does with one file: every event as a line of text.
		const t0 = process.hrtime.bigint();
		const trace = await loadTrace(args[0]!, {allowNanoseconds: true});
		// `--stdout` for a run timed against trace-cmd's, whose lines go to the same place.
		const out = new Output(args.includes('--stdout') ? process.stdout : fs.createWriteStream('/dev/null'));
		for (let i = 0; i < trace.count; i++) {
			const line = `${trace.comms[trace.comm[i]!]}-${trace.pid[i]} [${String(trace.cpu[i]).padStart(3, '0')}] ${trace.tsc[i]}: ${trace.names[trace.name[i]!]}: ${trace.text(i)}`;
			const wait = out.line(line);
			if (wait) await wait;
		}
		await out.flush();
		return {events: trace.count, seconds: seconds(t0), maxRss: process.resourceUsage().maxRSS * 1024};
	}
	if (what === 'guests') return guests(args[0]!, args.slice(1));
	const [hostFile, guestFile] = args;
	const t0 = process.hrtime.bigint();
	const [host, guest] = await Promise.all([loadTrace(hostFile!), loadTrace(guestFile!)]);
	const read = seconds(t0);
	const t1 = process.hrtime.bigint();
	// export needs the TSC's rate; the simulated pairs carry none.
	const alignment = align(host, guest, {recover: !args.includes('--no-recover'), tscKhz: what === 'export' ? 2_918_400 : undefined});
	const aligned = seconds(t1);
	if (what === 'align') {
		const t2 = process.hrtime.bigint();
		mergedOrder(alignment);
		const ordered = seconds(t2);
		const held = live();
		return {
			live: held,
			events: host.count + guest.count,
			read,
			align: aligned,
			order: ordered,
			exact: alignment.vcpus.reduce((n, v) => n + v.exact, 0),
			recovered: alignment.vcpus.filter((v) => v.recovered && v.recovered.length > 0).length,
			resident: process.memoryUsage().rss - base,
			maxRss: process.resourceUsage().maxRSS * 1024,
		};
	}
	const out = fs.createWriteStream('/dev/null');
	// Before writing: what merge and export add to it is their own.
	const before = process.resourceUsage().maxRSS * 1024;
	const t2 = process.hrtime.bigint();
	if (what === 'export') await writeExport({host: alignment.host, guests: [alignment]}, new Output(out));
	else await writeMerge(alignment, true, new Output(out));
	const written = seconds(t2);
	return {events: host.count + guest.count, read, align: aligned, write: written, bytes: out.bytesWritten, peakBefore: before, maxRss: process.resourceUsage().maxRSS * 1024};
}

/** Several guests on one host: matching each to its VM by fit, and converting each with its VM given. */
async function guests(hostFile: string, guestFiles: string[]): Promise<Record<string, unknown>> {
	const [host, ...traces] = await Promise.all([hostFile, ...guestFiles].map((f) => loadTrace(f)));
	const side = indexHost(host!);
	// Once untimed, so neither figure below carries the JIT's warm-up; it also finds the VMs.
	const matched = alignGuests(host!, traces, traces.map(() => ({})), side);
	// The conversion with every VM named (--vm per guest): no matching.
	const named = matched.guests.map((a) => ({vm: [a.vm.id]}));
	// Medians of 3, in turn: on a shared machine one run of a fraction of a second varies 2x.
	const convertRuns: number[] = [];
	const autoRuns: number[] = [];
	let given = matched;
	for (let k = 0; k < 3; k++) {
		gc?.();
		const t1 = process.hrtime.bigint();
		given = alignGuests(host!, traces, named, side);
		convertRuns.push(seconds(t1));
		gc?.();
		const t0 = process.hrtime.bigint();
		alignGuests(host!, traces, traces.map(() => ({})), side);
		autoRuns.push(seconds(t0));
	}
	const middle = (runs: number[]): number => runs.sort((x, y) => x - y)[1]!;
	const [convert, auto] = [middle(convertRuns), middle(autoRuns)];
	return {
		guests: traces.length,
		events: traces.reduce((n, t) => n + t.count, 0),
		convert,
		auto,
		exact: given.guests.reduce((n, a) => n + a.vcpus.reduce((m, v) => m + v.exact, 0), 0),
		maxRss: process.resourceUsage().maxRSS * 1024,
	};
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
