// v7 layout (docs/tracedat-format.md §4): sections found by following offsets from the OPTIONS chain.
// Section order is not fixed, so nothing here assumes one.

import {ByteView, Corrupt, textOf as decodeText} from './bytes.js';
import {decompressBlock} from './decompress.js';
import type {DatFile} from './file.js';
import {checkPageSize, type FileHeader} from './header.js';
import {readEventFormats, readFtraceFormats, readHeaderInfo, type FormatText} from './items.js';
import type {BufferInfo, CpuData, DatLayout} from './layout.js';
import {Option, optionText, selectedClock, viewOf, type RawOption} from './options.js';

const SECTION_HEADER = 16;
const FLAG_COMPRESSED = 1;

const SECTION_NAMES: Record<number, string> = {
	0: 'OPTIONS',
	3: 'BUFFER',
	16: 'HEADER_INFO',
	17: 'FTRACE_EVENTS',
	18: 'EVENT_FORMATS',
	19: 'KALLSYMS',
	20: 'PRINTK',
	21: 'CMDLINES',
};

interface SectionHead {
	id: number;
	flags: number;
	size: number;
	/** Offset of the payload (right after the 16-byte header). */
	start: number;
}

export function readSectionHead(file: DatFile, offset: number, expectId: number): SectionHead {
	const name = SECTION_NAMES[expectId] ?? `id ${expectId}`;
	const view = file.view(offset, SECTION_HEADER, `the ${name} section header`);
	const id = view.u16();
	if (id !== expectId) throw new Corrupt(offset, `a ${name} section (id ${expectId})`, `section id ${id}`);
	const flags = view.u16();
	view.i32();
	const size = view.size(`the ${name} section size`, file.size);
	if (offset + SECTION_HEADER + size > file.size) {
		throw new Corrupt(offset, `a ${name} section of ${size} bytes`, `the file ends ${file.size - offset - SECTION_HEADER} bytes after its header`);
	}
	return {id, flags, size, start: offset + SECTION_HEADER};
}

/** The payload of a section, decompressed when its flag says so. */
export function readSection(file: DatFile, header: FileHeader, offset: number, expectId: number): ByteView {
	const head = readSectionHead(file, offset, expectId);
	const name = SECTION_NAMES[expectId] ?? `id ${expectId}`;
	if ((head.flags & FLAG_COMPRESSED) === 0) return file.view(head.start, head.size, `the ${name} section at byte ${offset}`);
	if (header.compression === 'none') throw new Corrupt(offset, `an uncompressed ${name} section, since the file names no compression`, 'the compressed flag');
	const sizes = file.view(head.start, 8, `the compressed sizes of the ${name} section`);
	const compressed = sizes.u32();
	const uncompressed = sizes.u32();
	if (compressed + 8 > head.size) throw new Corrupt(head.start, `at most ${head.size - 8} compressed bytes in the ${name} section`, String(compressed));
	// Checked against what the file can hold before anything is allocated; the section is
	// parsed at once, so it is held only while it decompresses.
	file.budget.take(uncompressed, 0, head.start + 4, `a decompressed ${name} section`);
	const data = file.read(head.start + 8, compressed, `the compressed ${name} section`);
	const bytes = decompressBlock(header.compression, data, uncompressed, head.start, `the ${name} section`);
	file.budget.release(uncompressed);
	return new ByteView(bytes, file.little, head.start, `the ${name} section`, true);
}

function sectionOffset(option: RawOption, little: boolean): number {
	return viewOf(option, little, 'a section offset option').size('a section offset', Number.MAX_SAFE_INTEGER);
}

/** Reads every OPTIONS section of the chain that starts at the header's offset. */
function readOptionChain(file: DatFile, header: FileHeader): RawOption[] {
	const options: RawOption[] = [];
	const seen = new Set<number>();
	let next = header.firstOptions;
	while (next !== 0) {
		if (seen.has(next)) throw new Corrupt(next, 'a chain of OPTIONS sections without a loop', 'a section seen before');
		seen.add(next);
		const view = readSection(file, header, next, Option.Done);
		next = 0;
		while (view.remaining > 0) {
			const id = view.u16('an option id');
			const size = view.u32('an option size');
			const at = view.offset;
			const data = view.take(size, `the data of option ${id}`);
			if (id === Option.Done) {
				next = new ByteView(data, file.little, at, 'the DONE option', view.decompressed).size('the offset of the next OPTIONS section', file.size);
				break;
			}
			options.push({id, data, offset: at, decompressed: view.decompressed});
		}
	}
	return options;
}

function readBufferOption(option: RawOption, file: DatFile, header: FileHeader): BufferInfo {
	const view = viewOf(option, file.little, 'a BUFFER option');
	const sectionAt = view.size('the offset of the BUFFER section', file.size);
	const name = view.cstring('the instance name');
	const clock = view.cstring('the trace clock name');
	const pageAt = view.offset;
	const pageSize = view.u32('the instance page size');
	// 0 means the file's own page size.
	if (pageSize !== 0) checkPageSize(pageSize, pageAt, 'BUFFER option page size');
	const count = view.u32('the number of CPUs with data');
	if (count * 20 > view.remaining) view.fail(`${count} CPU entries of 20 bytes`);
	const cpus: CpuData[] = [];
	for (let i = 0; i < count; i++) {
		const cpu = view.u32('a CPU id');
		const offset = view.size('a CPU data offset', Number.MAX_SAFE_INTEGER);
		const size = view.size('a CPU data size', Number.MAX_SAFE_INTEGER);
		cpus.push({cpu, offset, size});
	}
	cpus.sort((a, b) => a.cpu - b.cpu);
	const head = readSectionHead(file, sectionAt, Option.Buffer);
	if ((head.flags & FLAG_COMPRESSED) !== 0 && header.compression === 'none') {
		throw new Corrupt(sectionAt, 'an uncompressed BUFFER section, since the file names no compression', 'the compressed flag');
	}
	return {
		name,
		clock: clock || undefined,
		pageSize: pageSize || header.pageSize,
		cpus,
		compressed: (head.flags & FLAG_COMPRESSED) !== 0,
		latency: false,
	};
}

function textOf(bytes: () => Uint8Array): () => string {
	let text: string | undefined;
	return () => (text ??= decodeText(bytes()));
}

/** A u32-sized text section (kallsyms, printk formats), read on first use. */
function lazySection(file: DatFile, header: FileHeader, offset: number | undefined, id: number): () => Uint8Array {
	let bytes: Uint8Array | undefined;
	return () => {
		if (offset === undefined) return new Uint8Array(0);
		if (bytes === undefined) {
			const view = readSection(file, header, offset, id);
			bytes = view.take(view.count(4, 'the text size'), 'the text');
		}
		return bytes;
	};
}

export function readV7(file: DatFile, header: FileHeader): DatLayout {
	const options = readOptionChain(file, header);
	const find = (id: number) => options.find((o) => o.id === id);
	const required = (id: number, what: string): number => {
		const option = find(id);
		if (!option) throw new Corrupt(header.firstOptions, `a ${what} option among the file's options`, 'none');
		return sectionOffset(option, file.little);
	};
	const page = readHeaderInfo(readSection(file, header, required(Option.HeaderInfo, 'HEADER_INFO'), Option.HeaderInfo));
	const formats: FormatText[] = [];
	const ftrace = find(Option.FtraceEvents);
	if (ftrace) readFtraceFormats(readSection(file, header, sectionOffset(ftrace, file.little), Option.FtraceEvents), formats);
	const events = find(Option.EventFormats);
	if (events) readEventFormats(readSection(file, header, sectionOffset(events, file.little), Option.EventFormats), formats);
	const cmdlinesOption = find(Option.Cmdlines);
	let cmdlines = '';
	if (cmdlinesOption) {
		const view = readSection(file, header, sectionOffset(cmdlinesOption, file.little), Option.Cmdlines);
		cmdlines = view.text(view.count(8, 'the saved cmdlines size'), 'the saved cmdlines');
	}
	const kallsyms = find(Option.Kallsyms);
	const printk = find(Option.Printk);
	const notes: string[] = [];
	const buffers: BufferInfo[] = [];
	for (const option of options) {
		if (option.id === Option.Buffer) buffers.push(readBufferOption(option, file, header));
		if (option.id === Option.BufferText) {
			const view = viewOf(option, file.little, 'a BUFFER_TEXT option');
			view.u64();
			const name = view.cstring('the instance name');
			const clock = view.cstring('the trace clock name');
			buffers.push({name, clock: clock || undefined, pageSize: header.pageSize, cpus: [], compressed: false, latency: true});
		}
	}
	const countOption = find(Option.CpuCount);
	const cpuCount = countOption ? viewOf(countOption, file.little, 'the CPUCOUNT option').u32('the CPU count') : 0;
	const traceClock = options.findLast((o) => o.id === Option.TraceClock);
	return {
		header,
		page,
		formats,
		cmdlines,
		kallsyms: lazySection(file, header, kallsyms && sectionOffset(kallsyms, file.little), Option.Kallsyms),
		printk: textOf(lazySection(file, header, printk && sectionOffset(printk, file.little), Option.Printk)),
		options,
		buffers,
		cpuCount: Math.max(cpuCount, ...buffers.flatMap((b) => b.cpus.map((c) => c.cpu + 1)), 0),
		traceClock: traceClock && traceClock.data.length > 0 ? selectedClock(optionText(traceClock)) : undefined,
		notes,
	};
}
