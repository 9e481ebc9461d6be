// Reads a trace-cmd trace.dat into a Trace: every buffer (or the one --instance names), all
// their CPUs merged by timestamp as `trace-cmd report` orders them, raw ring-buffer
// timestamps, lazy text.

import {InputError} from '../../model/errors.js';
import {TraceBuilder, type Trace} from '../../model/trace.js';
import {cpuName} from '../../display/cpu-name.js';
import {escapeControl} from '../../display/escape.js';
import type {Progress} from '../format-reader.js';
import {DatAccess, type InstanceSpan} from './access.js';
import {bufferWhere, chooseBuffers, TOP_NAME} from './buffers.js';
import {Corrupt} from './bytes.js';
import {CompressedChunks, PlainPages, type BlockSource} from './cpu-data.js';
import {CpuHeap} from './cpu-heap.js';
import {buildMeta} from './build-meta.js';
import {EventTable} from './events.js';
import {parseCmdlines} from './items.js';
import {DatFile} from './file.js';
import type {BufferInfo, DatLayout} from './layout.js';
import type {DatMeta} from '../../model/trace-meta.js';
import {readHeader} from './header.js';
import {readLayout} from './read-layout.js';
import {readyZstd} from './zstd.js';
import {CpuCursor} from './page.js';
import {KeptChunks} from './kept-chunks.js';
import {Payload} from './payload.js';
import {Renderer} from './render.js';
import {Symbols} from './symbols.js';

export interface DatReadOptions {
	/** The one buffer to read: an instance's name, or "top" (or "") for the top-level buffer; every buffer when absent. */
	instance?: string;
	/** Read a nanosecond-clock file instead of refusing it (timestamps stay as recorded). */
	allowNanoseconds?: boolean;
	onProgress?: (progress: Progress) => void;
}

/** Records between progress reports and yields to the event loop. */
const PROGRESS_EVERY = 1 << 16;

/** The sentence for a damaged trace.dat: where, and what was expected there. */
export function corruptMessage(file: string, error: Corrupt): string {
	// What it expected can quote the file's own bytes (a system name): never raw on a terminal.
	const found = error.found === undefined ? '' : `, found ${escapeControl(String(error.found))}`;
	return `${file} is a damaged or truncated trace.dat: at byte ${error.offset} it expected ${escapeControl(error.expected)}${found}; copy the file again or record a new one.`;
}

export async function readTraceDat(path: string, options: DatReadOptions = {}): Promise<Trace> {
	let file: DatFile;
	try {
		file = new DatFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(code === 'ENOENT' ? 'missing' : 'unreadable', `${path} cannot be opened (${code ?? 'error'}); check the path and its permissions.`, path);
	}
	try {
		return await read(file, options);
	} catch (error) {
		// A Corrupt goes on to the loader, which words it with corruptMessage; anything else is
		// ours, not the file's, and goes on as an internal error, never as a damaged file.
		file.close();
		throw error;
	}
}

async function read(file: DatFile, options: DatReadOptions): Promise<Trace> {
	const path = file.path;
	if (readHeader(file).compression === 'zstd') await readyZstd();
	const layout = readLayout(file);
	const choice = chooseBuffers(path, layout, options.instance, options.allowNanoseconds ?? false);
	const {buffers} = choice;
	const notes = [...layout.notes];
	const meta: DatMeta = buildMeta(layout, choice, notes);
	const builder = new TraceBuilder();
	builder.cpus = layout.cpuCount;
	const little = layout.header.little;
	const longSize = layout.page.longSize;
	const renderer = new Renderer(new Symbols(layout.kallsyms, layout.printk), little, longSize);
	const table = new EventTable(layout.formats, renderer);
	if (table.unparsed > 0) notes.push(`${table.unparsed} event formats have no readable name and id; records of those events are counted as malformed`);

	let line = 0;
	const heap = new CpuHeap();
	const cursors: CpuCursor[] = [];
	/** Per cursor rank, its buffer instance's name ('' for the top-level buffer), for markers and messages. */
	const bufferNames: string[] = [];
	const kept = new KeptChunks();
	for (const buffer of buffers) {
		// A top-level buffer's messages read as they did before instances were merged in.
		const tag = buffer.name === '' ? '' : `buffer instance "${escapeControl(buffer.name)}": `;
		const loss = (message: string) => {
			notes.push(tag + message);
			builder.bad(line + 1, tag + message);
		};
		const bad = (reason: string) => builder.bad(line + 1, tag + reason);
		for (const data of buffer.cpus) {
			const source: BlockSource = buffer.compressed
				? new CompressedChunks(file, data, layout.header.compression, loss, kept, file.budget)
				: new PlainPages(file, data, buffer.pageSize, loss);
			const cursor = new CpuCursor(source, little, buffer.pageSize, longSize, loss, bad, cursors.length);
			cursors.push(cursor);
			bufferNames.push(buffer.name);
			if (cursor.advance()) heap.push(cursor);
		}
	}

	const payload = new Payload(little, longSize);
	const {types, typeOffset, typeSize, pidOffset, pidSize} = table;
	const comms = new CommIds(layout.cmdlines, builder);
	const totalBytes = file.size;
	const progress = (done = false) => {
		let bytes = 0;
		for (const cursor of cursors) bytes += cursor.consumed;
		options.onProgress?.({file: path, bytes: done ? totalBytes : Math.min(bytes, totalBytes), totalBytes, events: builder.count});
	};
	/**
	 * The records up to line `until`, or all; false once none is left. Kept apart from the
	 * async loop around it: V8 optimises this small loop alone, and the pause below is not on
	 * its path (reached first after 65,536 records, it sent the whole function back to be
	 * compiled again).
	 */
	const records = (until: number): boolean => {
		while (line < until) {
			const cursor = heap.top;
			if (!cursor) return false;
			line++;
			if (cursor.missed.length > 0) {
				// Reported right before this cursor's record, so the marker names it as the next event on its CPU.
				for (const count of cursor.missed) builder.lostEvents(cursor.cpu, count, line, bufferNames[cursor.rank]);
				cursor.missed.length = 0;
			}
			payload.set(cursor.bytes, cursor.view, cursor.payloadAt, cursor.payloadLength);
			const id = payload.small(typeOffset, typeSize);
			const type = types[id];
			if (type === undefined) {
				builder.bad(line, `record ${line} (${cpuName(cursor.cpu, bufferNames[cursor.rank])}) has event id ${id}, which the file's formats do not define`);
			} else {
				const pid = payload.small(pidOffset, pidSize, true);
				const plain = cursor.plain;
				const index = builder.eventWords(
					cursor.tsHi,
					cursor.tsLo,
					cursor.cpu,
					pid,
					-1,
					comms.id(pid),
					// Interned after the read (resolveNames): a branch here for a type's first record
					// was first taken by the guest's read in the loop V8 had compiled on the host's,
					// and sent it back to be compiled again.
					type.local,
					line,
					plain ? cursor.key + cursor.headerAt : cursor.key,
					plain ? 0 : cursor.headerAt,
				);
				if (type.kvm) type.kvm(builder, index, payload, line);
			}
			if (cursor.advance()) heap.topMoved();
			else heap.popTop();
		}
		return true;
	};
	// With no one to show progress to (merge, check) a file is read in one call: each call
	// after the first was compiled by V8 again.
	const every = options.onProgress ? PROGRESS_EVERY : Infinity;
	for (let nextPause = every; records(nextPause); nextPause += every) {
		progress();
		await new Promise((resolve) => setImmediate(resolve));
	}
	builder.resolveNames(table.names);
	// Missed events at the end of a CPU's data, with no record after them.
	for (const cursor of cursors) {
		for (const count of cursor.missed) builder.lostEvents(cursor.cpu, count, line + 1, bufferNames[cursor.rank]);
	}
	progress(true);
	if (builder.count === 0 && builder.malformed.count > 0) {
		// Pages were there but none held a readable record: the file is damaged, not empty.
		const first = builder.malformed.samples[0]!;
		throw new InputError(
			'corrupt',
			`${path} is a damaged trace.dat: none of its records could be read (${builder.malformed.count} damaged pages or records; the first: ${first.reason}); copy the file again or record a new one.`,
			path,
		);
	}
	if (builder.count === 0) throw new InputError('no-events', noEventsMessage(path, layout, buffers, options.instance !== undefined), path);
	const access = new DatAccess({
		file,
		compression: layout.header.compression,
		plain: buffers.some((b) => !b.compressed),
		instances: instanceSpans(buffers),
		little,
		longSize,
		table,
		renderer,
		kept,
	});
	const trace = builder.finish(path, 'dat', access, meta);
	access.trace = trace;
	return trace;
}

function noEventsMessage(path: string, layout: DatLayout, buffers: BufferInfo[], chosen: boolean): string {
	if (!chosen && buffers.length > 1) return `${path} holds no events in any of its buffers; record it again.`;
	const read = buffers[0]!.name;
	const others = layout.buffers.filter((b) => !b.latency && b.name !== read).map((b) => (b.name === '' ? TOP_NAME : `"${escapeControl(b.name)}"`));
	const hint = others.length > 0 ? `; try --instance ${others.join(' or ')}` : '; record it again';
	return `${path} holds no events in ${bufferWhere(read)}${hint}.`;
}

/** Where the named instances' CPU data lies, sorted, for DatAccess to name a record's buffer. */
function instanceSpans(buffers: BufferInfo[]): InstanceSpan[] {
	const spans: InstanceSpan[] = [];
	for (const buffer of buffers) {
		if (buffer.name === '') continue;
		for (const data of buffer.cpus) spans.push({start: data.offset, end: data.offset + data.size, name: buffer.name});
	}
	return spans.sort((a, b) => a.start - b.start);
}

/**
 * comm per pid from the saved cmdlines: `<idle>` for 0, `<...>` when unknown. A class, not a
 * closure per file: the record loop is shared by the files read side by side, and a call to
 * another file's closure sent V8's optimised loop back to be compiled again.
 */
class CommIds {
	readonly #names: Map<number, string>;
	readonly #builder: TraceBuilder;
	readonly #ids = new Map<number, number>();

	constructor(cmdlines: string, builder: TraceBuilder) {
		this.#names = parseCmdlines(cmdlines);
		this.#builder = builder;
	}

	id(pid: number): number {
		let id = this.#ids.get(pid);
		if (id === undefined) {
			id = this.#builder.comms.id(pid === 0 ? '<idle>' : (this.#names.get(pid) ?? '<...>'));
			this.#ids.set(pid, id);
		}
		return id;
	}
}
