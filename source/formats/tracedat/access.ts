// Lazy event text: a record is found again from its locator (a file offset, or a chunk and
// an offset in it) and rendered only when someone asks, so no text is held per event. A
// locator's second part is 0 only for a file offset: in a chunk a record comes after its
// page header. The buffer a record came from is found from where its data lies in the file.

import {partitionPoint} from '../../model/bounds.js';
import type {Trace, TextAccess} from '../../model/trace.js';
import {ByteSource} from '../byte-source.js';
import {readChunk} from './cpu-data.js';
import type {Compression} from './decompress.js';
import type {EventTable} from './events.js';
import type {DatFile} from './file.js';
import type {KeptChunks} from './kept-chunks.js';
import {Payload} from './payload.js';
import type {Renderer} from './render.js';

const CHUNK_CACHE = 32;
/** And at most this many bytes of them: chunks may be up to 16 MiB each. */
const CACHE_BYTES = 64 * 1024 * 1024;

/** Where one instance's CPU data lies in the file, for the `NAME: ` prefix of its records. */
export interface InstanceSpan {
	start: number;
	end: number;
	name: string;
}

export interface AccessParts {
	file: DatFile;
	/** The file's algorithm, for records in compressed chunks. */
	compression: Compression;
	/** Some records are in uncompressed pages (read through a file handle opened now). */
	plain: boolean;
	/** The data of the named instances read, sorted by start; empty when only the top-level buffer was. */
	instances: InstanceSpan[];
	little: boolean;
	longSize: 4 | 8;
	table: EventTable;
	renderer: Renderer;
	/** Chunks the reader decompressed and kept, looked up before decompressing again. */
	kept?: KeptChunks;
}

/** A decompressed chunk, found by its key, and a view over it. */
interface Chunk {
	key: number;
	bytes: Uint8Array;
	view: DataView;
}

export class DatAccess implements TextAccess {
	/** Set once the trace exists, for `raw()` (which needs its columns). */
	trace: Trace | undefined;
	readonly #parts: AccessParts;
	readonly #source: ByteSource | undefined;
	/** Chunks decompressed here, the least recently used first (the reader's kept chunks are not among them). */
	readonly #chunks = new Map<number, Chunk>();
	/** Views over the chunks the reader kept, made once per chunk. */
	readonly #kept = new Map<number, Chunk>();
	readonly #payload: Payload;
	#cachedBytes = 0;

	constructor(parts: AccessParts) {
		this.#parts = parts;
		this.#payload = new Payload(parts.little, parts.longSize);
		this.#source = parts.plain ? new ByteSource(parts.file.path) : undefined;
	}

	#last: Chunk | undefined;

	#chunk(key: number): Chunk {
		const last = this.#last;
		if (last !== undefined && last.key === key) return last;
		let chunk = this.#kept.get(key);
		if (chunk === undefined) {
			const kept = this.#parts.kept?.get(key);
			if (kept) {
				chunk = {key, bytes: kept, view: new DataView(kept.buffer, kept.byteOffset, kept.byteLength)};
				this.#kept.set(key, chunk);
			} else chunk = this.#decompressed(key);
		}
		this.#last = chunk;
		return chunk;
	}

	/** A chunk the reader did not keep: decompressed again, and held while the cache's count and bytes allow. */
	#decompressed(key: number): Chunk {
		let chunk = this.#chunks.get(key);
		if (chunk) {
			this.#chunks.delete(key);
		} else {
			const bytes = readChunk(this.#parts.file, this.#parts.compression, key, -1).bytes;
			chunk = {key, bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)};
			while (this.#chunks.size > 0 && (this.#chunks.size >= CHUNK_CACHE || this.#cachedBytes + bytes.length > CACHE_BYTES)) {
				const oldest = this.#chunks.keys().next().value!;
				this.#cachedBytes -= this.#chunks.get(oldest)!.bytes.length;
				this.#chunks.delete(oldest);
			}
			this.#cachedBytes += bytes.length;
		}
		this.#chunks.set(key, chunk);
		return chunk;
	}

	/** Points the payload at the record whose header is at (locA, locB). */
	#load(locA: number, locB: number): Payload | undefined {
		let bytes: Uint8Array;
		let view: DataView;
		let at: number;
		const source = locB === 0 ? this.#source : undefined;
		if (source) {
			bytes = source.read(locA, 8);
			view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
			at = 0;
			if (bytes.length < 8) return undefined;
		} else {
			({bytes, view} = this.#chunk(locA));
			at = locB;
		}
		const little = this.#parts.little;
		const word = view.getUint32(at, little);
		const typeLen = little ? word & 31 : word >>> 27;
		// A record of over 28 payload words has its length in the word after its header. That
		// word and the length it gives are read for every record (each has a second word), so
		// V8 has seen them run before the first long record: one met first in optimised code
		// sent it back to be compiled again.
		const fits = at + 8 <= view.byteLength;
		// A long record cut off before its length word throws here, as it always did.
		if (!fits && typeLen === 0) view.getUint32(at + 4, little);
		const second = fits ? view.getUint32(at + 4, little) : 0;
		const longLength = (second - 4 + 3) & ~3;
		// Added for every record too: `at + 8` only in a long record's arm of a ?: would not be.
		const start = at + 4 + (typeLen === 0 ? 4 : 0);
		const length = typeLen === 0 ? longLength : typeLen * 4;
		if (source) {
			bytes = source.read(locA + start, length);
			return this.#payload.set(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length);
		}
		return this.#payload.set(bytes, view, start, Math.max(0, Math.min(length, bytes.length - start)));
	}

	text(locA: number, locB: number): string {
		try {
			const payload = this.#load(locA, locB);
			if (!payload) return '';
			const {table} = this.#parts;
			const format = table.types[payload.small(table.typeOffset, table.typeSize)]?.format;
			return format ? this.#parts.renderer.text(format, payload) : '';
		} catch (error) {
			// The file changed or vanished since it was read: say so in place of the text.
			return `[record unreadable: ${error instanceof Error ? error.message : String(error)}]`;
		}
	}

	raw(index: number, locA: number, locB: number): string {
		const trace = this.trace;
		if (!trace) return this.text(locA, locB);
		const comm = trace.comms[trace.comm[index]!];
		const name = trace.names[trace.name[index]!];
		const cpu = String(trace.cpu[index]).padStart(3, '0');
		// One line: a multi-line trace_printk text keeps its breaks as \n.
		const text = this.text(locA, locB).replace(/\r?\n/g, '\\n');
		const instance = this.#instance(locA);
		return `${instance === undefined ? '' : `${instance}: `}${comm}-${trace.pid[index]} [${cpu}] ${trace.tsc[index]}: ${name}: ${text}`;
	}

	/** The named instance whose data holds this file offset (a record's or its chunk's). */
	#instance(offset: number): string | undefined {
		const spans = this.#parts.instances;
		const span = spans[partitionPoint(0, spans.length, (i) => spans[i]!.end <= offset)];
		return span && span.start <= offset ? span.name : undefined;
	}

	close(): void {
		this.#source?.close();
		this.#chunks.clear();
		this.#kept.clear();
		this.#cachedBytes = 0;
		this.#parts.kept?.clear();
		this.#last = undefined;
		this.#parts.file.close();
	}
}
