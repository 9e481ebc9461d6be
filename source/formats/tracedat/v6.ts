// v6 layout (docs/tracedat-format.md §3): metadata items one after another, then options, then the
// flyrecord table of per-CPU (offset, size) pairs and an optional clock trailer.

import {Corrupt} from './bytes.js';
import {FileCursor, type DatFile} from './file.js';
import type {FileHeader} from './header.js';
import {readEventFormats, readFtraceFormats, readHeaderInfo, type FormatText} from './items.js';
import type {BufferInfo, CpuData, DatLayout} from './layout.js';
import {Option, optionText, selectedClock, viewOf, type RawOption} from './options.js';

const MAX_OPTION = 64 * 1024 * 1024;

/** `cpus` (offset, size) pairs; CPUs with no data are left out. */
function readCpuTable(cursor: FileCursor, cpus: number, file: DatFile): CpuData[] {
	const out: CpuData[] = [];
	for (let cpu = 0; cpu < cpus; cpu++) {
		const at = cursor.pos;
		const offset = cursor.u64(`the data offset of CPU ${cpu}`);
		const size = cursor.u64(`the data size of CPU ${cpu}`);
		if (size === 0n) continue;
		if (offset > BigInt(file.size)) throw new Corrupt(at, `the data of CPU ${cpu} inside the file (${file.size} bytes)`, `offset ${offset}`);
		out.push({cpu, offset: Number(offset), size: size > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(size)});
	}
	return out;
}

/** The u64 length + text clock trailer after a flyrecord table, if one is there. */
function readClockTrailer(cursor: FileCursor, file: DatFile): string | undefined {
	if (cursor.pos + 8 > file.size) return undefined;
	const length = cursor.u64('the clock trailer length');
	if (length === 0n || length > 4096n || cursor.pos + Number(length) > file.size) return undefined;
	return cursor.text(Number(length), 'the trace clock text');
}

function flyrecordLabel(cursor: FileCursor): 'flyrecord' | 'latency' | 'options' {
	const at = cursor.pos;
	const label = cursor.text(10, 'the "options", "latency" or "flyrecord" label');
	if (label.startsWith('flyrecord')) return 'flyrecord';
	if (label.startsWith('latency')) return 'latency';
	if (label.startsWith('options')) return 'options';
	throw new Corrupt(at, 'the "options", "latency" or "flyrecord" label', JSON.stringify(label.replace(/\0/g, '')));
}

export function readV6(file: DatFile, header: FileHeader): DatLayout {
	const cursor = new FileCursor(file, header.end);
	const page = readHeaderInfo(cursor);
	const formats: FormatText[] = [];
	readFtraceFormats(cursor, formats);
	readEventFormats(cursor, formats);
	const kallsymsSize = cursor.count(4, 'the kallsyms size');
	const kallsymsAt = cursor.pos;
	cursor.pos += kallsymsSize;
	const printkSize = cursor.count(4, 'the printk formats size');
	const printkAt = cursor.pos;
	cursor.pos += printkSize;
	const cmdlines = cursor.text(cursor.count(8, 'the saved cmdlines size'), 'the saved cmdlines');
	const headerCpus = cursor.u32('the CPU count');
	let label = flyrecordLabel(cursor);
	const options: RawOption[] = [];
	if (label === 'options') {
		for (;;) {
			const id = cursor.u16('an option id');
			if (id === Option.Done) break;
			const size = cursor.u32(`the size of option ${id}`);
			if (size > MAX_OPTION) throw new Corrupt(cursor.pos - 4, `an option size under ${MAX_OPTION} bytes`, String(size));
			const offset = cursor.pos;
			options.push({id, data: cursor.view(size, `the data of option ${id}`).bytes, offset, decompressed: false});
		}
		label = flyrecordLabel(cursor);
		if (label === 'options') throw new Corrupt(cursor.pos - 10, 'the "latency" or "flyrecord" label after the options', '"options" again');
	}
	const countOption = options.find((o) => o.id === Option.CpuCount);
	const cpuCount = Math.max(headerCpus, countOption ? viewOf(countOption, file.little, 'the CPUCOUNT option').u32('the CPU count') : 0);
	const clockOption = options.find((o) => o.id === Option.TraceClock);
	const buffers: BufferInfo[] = [];
	const notes: string[] = [];
	if (label === 'latency') {
		buffers.push({name: '', clock: undefined, pageSize: header.pageSize, cpus: [], compressed: false, latency: true});
	} else {
		const cpus = readCpuTable(cursor, cpuCount, file);
		// trace-cmd reads the trailer only when a TRACECLOCK option exists; old files keep an
		// empty option and the real text here.
		const trailer = clockOption ? readClockTrailer(cursor, file) : undefined;
		const clockText = clockOption && clockOption.data.length > 0 ? optionText(clockOption) : trailer;
		buffers.push({
			name: '',
			clock: clockText === undefined ? undefined : selectedClock(clockText),
			pageSize: header.pageSize,
			cpus,
			compressed: false,
			latency: false,
		});
	}
	for (const option of options) {
		if (option.id !== Option.Buffer) continue;
		const view = viewOf(option, file.little, 'a BUFFER option');
		const at = view.size('the offset of the instance data', file.size);
		const name = view.cstring('the instance name');
		const instance = new FileCursor(file, at);
		if (flyrecordLabel(instance) !== 'flyrecord') throw new Corrupt(at, `the "flyrecord" label of instance ${name}`, 'another label');
		const cpus = readCpuTable(instance, cpuCount, file);
		const trailer = readClockTrailer(instance, file);
		buffers.push({
			name,
			clock: trailer === undefined ? buffers[0]?.clock : selectedClock(trailer),
			pageSize: header.pageSize,
			cpus,
			compressed: false,
			latency: false,
		});
	}
	let kallsyms: Uint8Array | undefined;
	let printk: string | undefined;
	return {
		header,
		page,
		formats,
		cmdlines,
		kallsyms: () => (kallsyms ??= cursor.file.read(kallsymsAt, kallsymsSize, 'kallsyms')),
		printk: () => (printk ??= cursor.file.view(printkAt, printkSize, 'printk formats').text(printkSize, 'printk formats')),
		options,
		buffers,
		cpuCount,
		traceClock: buffers[0]?.clock,
		notes,
	};
}
