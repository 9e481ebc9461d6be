// Reads a trace-cmd trace.dat into a Trace: one buffer instance, its CPUs merged by
// timestamp as `trace-cmd report` orders them, raw ring-buffer timestamps, lazy text.

import {InputError} from '../core/errors.js';
import {TraceBuilder, type Trace} from '../core/trace.js';
import {escapeControl} from '../display/escape.js';
import type {Progress} from '../readers/text-reader.js';
import {DatAccess} from './access.js';
import {Corrupt} from './bytes.js';
import {CompressedChunks, PlainPages, type BlockSource} from './cpu-data.js';
import {CpuHeap} from './cpu-heap.js';
import {describe} from './describe.js';
import {EventTable} from './events.js';
import {parseCmdlines} from './items.js';
import {DatFile} from './file.js';
import type {BufferInfo, DatLayout} from './layout.js';
import type {DatMeta} from './meta.js';
import {readLayout} from './metadata.js';
import {CpuCursor} from './page.js';
import {Payload} from './payload.js';
import {Renderer} from './render.js';
import {Symbols} from './symbols.js';

export interface DatReadOptions {
	/** Buffer instance to read by name; the top-level buffer when absent. */
	instance?: string;
	/** Read a nanosecond-clock file instead of refusing it (timestamps stay as recorded). */
	allowNanoseconds?: boolean;
	onProgress?: (progress: Progress) => void;
}

/** Records between progress reports and yields to the event loop. */
const PROGRESS_EVERY = 1 << 16;

export function nanosecondDatMessage(file: string, clock: string | undefined): string {
	const which = clock === undefined ? 'names no trace clock, so it was recorded with the default "local" clock' : `was recorded with the "${escapeControl(clock)}" clock`;
	return (
		`${file} ${which}, whose timestamps are nanoseconds and cannot be put on the host TSC; ` +
		'record it again with the x86-tsc clock (`trace-cmd record -C x86-tsc ...`).'
	);
}

function corruptMessage(file: string, error: Corrupt): string {
	// What it expected can quote the file's own bytes (a system name): never raw on a terminal.
	const found = error.found === undefined ? '' : `, found ${escapeControl(String(error.found))}`;
	return `${file} is a damaged or truncated trace.dat: at byte ${error.offset} it expected ${escapeControl(error.expected)}${found}; copy the file again or record a new one.`;
}

function pickBuffer(file: string, layout: DatLayout, instance: string | undefined): BufferInfo {
	const name = instance ?? '';
	const buffer = layout.buffers.find((b) => b.name === name);
	const names = layout.buffers.filter((b) => b.name !== '').map((b) => `"${escapeControl(b.name)}"`);
	if (!buffer) {
		const what = name === '' ? 'has no top-level buffer' : `has no buffer instance "${escapeControl(name)}"`;
		const hint = names.length > 0 ? `choose one of its instances with --instance (${names.join(', ')})` : 'record it again';
		throw new InputError('usage', `${file} ${what}; ${hint}.`, file);
	}
	if (buffer.latency) {
		throw new InputError('unreadable', `${file} holds latency-tracer text, not ring-buffer pages; record events with \`trace-cmd record -e ...\` instead.`, file);
	}
	return buffer;
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
		file.close();
		if (error instanceof InputError) throw error;
		if (error instanceof Corrupt) throw new InputError('corrupt', corruptMessage(path, error), path);
		// Anything else on bad bytes is still the file's fault, said in one sentence.
		const message = error instanceof Error ? error.message : String(error);
		throw new InputError('corrupt', `${path} cannot be read as a trace.dat (${escapeControl(message)}); copy the file again or record a new one.`, path);
	}
}

async function read(file: DatFile, options: DatReadOptions): Promise<Trace> {
	const path = file.path;
	const layout = readLayout(file);
	const buffer = pickBuffer(path, layout, options.instance);
	const notes = [...layout.notes];
	const meta: DatMeta = describe(layout, buffer, notes);
	if (!meta.counterClock && !options.allowNanoseconds) {
		throw new InputError('nanosecond-clock', nanosecondDatMessage(path, meta.clock), path);
	}
	const builder = new TraceBuilder();
	builder.cpus = layout.cpuCount;
	const little = layout.header.little;
	const longSize = layout.page.longSize;
	const renderer = new Renderer(new Symbols(layout.kallsyms, layout.printk), little, longSize);
	const table = new EventTable(layout.formats, renderer);
	if (table.unparsed > 0) notes.push(`${table.unparsed} event formats have no readable name and id; records of those events are counted as malformed`);

	let line = 0;
	const loss = (message: string) => {
		notes.push(message);
		builder.bad(line + 1, message);
	};
	const bad = (reason: string) => builder.bad(line + 1, reason);
	const heap = new CpuHeap();
	const cursors: CpuCursor[] = [];
	for (const data of buffer.cpus) {
		const source: BlockSource = buffer.compressed
			? new CompressedChunks(file, data, layout.header.compression, loss)
			: new PlainPages(file, data, buffer.pageSize, loss);
		const cursor = new CpuCursor(source, little, buffer.pageSize, longSize, loss, bad);
		cursors.push(cursor);
		if (cursor.advance()) heap.push(cursor);
	}

	const payload = new Payload(little, longSize);
	const {types, typeOffset, typeSize, pidOffset, pidSize} = table;
	const comms = commIds(layout.cmdlines, builder);
	const totalBytes = file.size;
	const plain = !buffer.compressed;
	const progress = (done = false) => {
		let bytes = 0;
		for (const cursor of cursors) bytes += cursor.consumed;
		options.onProgress?.({file: path, bytes: done ? totalBytes : Math.min(bytes, totalBytes), totalBytes, events: builder.count});
	};
	let nextPause = PROGRESS_EVERY;
	for (;;) {
		const cursor = heap.top;
		if (!cursor) break;
		line++;
		if (cursor.missed.length > 0) {
			for (const count of cursor.missed) builder.lostEvents(cursor.cpu, count, line);
			cursor.missed.length = 0;
		}
		payload.set(cursor.bytes, cursor.view, cursor.payloadAt, cursor.payloadLength);
		const id = payload.small(typeOffset, typeSize);
		const type = types[id];
		if (type === undefined) {
			builder.bad(line, `record ${line} (CPU ${cursor.cpu}) has event id ${id}, which the file's formats do not define`);
		} else {
			const pid = payload.small(pidOffset, pidSize, true);
			const index = builder.event(
				cursor.ts,
				cursor.cpu,
				pid,
				-1,
				comms(pid),
				type.nameId >= 0 ? type.nameId : table.nameId(type, builder),
				line,
				plain ? cursor.key + cursor.headerAt : cursor.key,
				plain ? 0 : cursor.headerAt,
			);
			if (type.kvm) type.kvm(builder, index, payload, line);
		}
		if (cursor.advance()) heap.topMoved();
		else heap.popTop();
		if (line >= nextPause) {
			nextPause += PROGRESS_EVERY;
			progress();
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
	// Missed events at the end of a CPU's data, with no record after them.
	for (const cursor of cursors) {
		for (const count of cursor.missed) builder.lostEvents(cursor.cpu, count, line + 1);
	}
	progress(true);
	if (builder.count === 0) {
		const where = buffer.name === '' ? 'its top-level buffer' : `its buffer instance "${escapeControl(buffer.name)}"`;
		const others = meta.instances.filter((n) => n !== buffer.name);
		const hint = others.length > 0 ? `; try --instance ${others.map((n) => (n === '' ? '""' : escapeControl(n))).join(' or ')}` : '; record it again';
		throw new InputError('no-events', `${path} holds no events in ${where}${hint}.`, path);
	}
	const access = new DatAccess({
		file,
		compression: buffer.compressed ? layout.header.compression : undefined,
		little,
		longSize,
		table,
		renderer,
	});
	const trace = builder.finish(path, 'dat', access, meta);
	access.trace = trace;
	return trace;
}

/** comm per pid from the saved cmdlines: `<idle>` for 0, `<...>` when unknown. */
function commIds(cmdlines: string, builder: TraceBuilder): (pid: number) => number {
	const names = parseCmdlines(cmdlines);
	const ids = new Map<number, number>();
	return (pid) => {
		let id = ids.get(pid);
		if (id === undefined) {
			id = builder.comms.id(pid === 0 ? '<idle>' : (names.get(pid) ?? '<...>'));
			ids.set(pid, id);
		}
		return id;
	};
}
