// Streams a text trace (ftrace `trace`/`trace_pipe` or `trace-cmd report`) as bytes, one
// line at a time, into columns. A JavaScript string cannot hold a 2 GB file; a line can.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {InputError} from '../core/errors.js';
import {TraceBuilder, traceOf, type Trace, type TraceColumns} from '../core/trace.js';
import {decimalWords} from '../core/u64-words.js';
import {ByteSource} from './byte-source.js';
import {kvmRecord} from './kvm-record.js';
import {RangeIds} from './range-ids.js';
import {latin1, LineKind, newLineFields, parseLine} from './text-line.js';

export type TextFormat = 'ftrace' | 'report';

export interface Progress {
	file: string;
	bytes: number;
	totalBytes: number;
	events: number;
}

export interface TextReadOptions {
	format?: TextFormat;
	/** Parse `sec.usec` timestamps as nanoseconds instead of refusing the file. */
	allowNanoseconds?: boolean;
	gzip?: boolean;
	onProgress?: (progress: Progress) => void;
}

const CHUNK = 4 * 1024 * 1024;
const MAX_LINE = 1024 * 1024;

export function nanosecondClockMessage(file: string, line: number): string {
	return (
		`${file}:${line}: timestamps are seconds.microseconds, so the trace was recorded with a nanosecond clock and cannot be put on the host TSC; ` +
		"record it again with the x86-tsc clock (`echo x86-tsc > /sys/kernel/tracing/trace_clock`, or `trace-cmd record -C x86-tsc`; for trace-cmd report text also pass --raw-ts)."
	);
}

/** Bytes of a file, read into a buffer the caller owns (reused: no 4 MiB allocation per chunk). */
interface ByteInput {
	/** Fills into[offset, offset + length) as far as it can; 0 at the end of the file. */
	read(into: Buffer, offset: number, length: number): Promise<number>;
	close(): Promise<void>;
	/** The file to read event text from later (the gunzipped copy for a .gz file). */
	path: string;
}

async function plainInput(file: string): Promise<ByteInput> {
	const handle = await fs.promises.open(file, 'r');
	return {
		path: file,
		read: async (into, offset, length) => (await handle.read(into, offset, length, null)).bytesRead,
		close: () => handle.close(),
	};
}

/** A .gz file, gunzipped into a temporary file as it is read so event text stays addressable. */
function gzipInput(file: string): ByteInput {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-'));
	const copy = path.join(dir, path.basename(file).replace(/\.gz$/, ''));
	const out = fs.openSync(copy, 'w');
	const chunks = fs.createReadStream(file).pipe(zlib.createGunzip())[Symbol.asyncIterator]();
	let pending: Buffer = Buffer.alloc(0);
	let closed = false;
	return {
		path: copy,
		async read(into, offset, length) {
			if (pending.length === 0) {
				let next: IteratorResult<Buffer>;
				try {
					next = await chunks.next();
				} catch (error) {
					throw new InputError('corrupt', `${file}: the gzip data is damaged (${(error as Error).message}); copy the file again.`, file);
				}
				if (next.done) return 0;
				pending = next.value;
				fs.writeSync(out, pending);
			}
			const n = Math.min(length, pending.length);
			pending.copy(into, offset, 0, n);
			pending = pending.subarray(n);
			return n;
		},
		async close() {
			if (closed) return;
			closed = true;
			fs.closeSync(out);
			await chunks.return?.();
		},
	};
}

function textAccess(file: string, temporary: boolean) {
	const source = new ByteSource(file);
	return {
		text(offset: number, length: number, textStart: number): string {
			return source.read(offset + textStart, length - textStart).toString('utf8').trimEnd();
		},
		raw(_index: number, offset: number, length: number): string {
			return source.read(offset, length).toString('utf8').replace(/\r$/, '');
		},
		close(): void {
			source.close();
			if (temporary) fs.rmSync(path.dirname(file), {recursive: true, force: true});
		},
	};
}

function hasHighByte(value: string): boolean {
	for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 127) return true;
	return false;
}

/** Reads a text trace into columns; event text is read later from `textPath`. */
export async function parseTextFile(file: string, options: TextReadOptions = {}): Promise<{columns: TraceColumns; textPath: string}> {
	const builder = new TraceBuilder();
	const fields = newLineFields();
	const prefixes = new Set<string>();
	const totalBytes = fs.statSync(file).size;
	const kvmEntry = builder.names.id('kvm_entry');
	const kvmExit = builder.names.id('kvm_exit');
	const kvmWrite = builder.names.id('kvm_write_tsc_offset');
	const kvmMsr = builder.names.id('kvm_msr');
	const ts = {hi: 0, lo: 0};
	const nameIds = new RangeIds((raw) => builder.names.id(raw));
	const commIds = new RangeIds((raw) => builder.comms.id(hasHighByte(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw));
	let clock: 'counter' | 'ns' | undefined;
	let lineNo = 0;
	let fileOffset = 0; // file offset of work[0]
	let skippingLongLine = false;
	let reserved = false;

	// Lines are index ranges into the work buffer: no string per line or per chunk.
	const handleLine = (chunk: Buffer, start: number, end: number, lineOffset: number): void => {
		lineNo++;
		if (end - start > MAX_LINE) return builder.bad(lineNo, `line longer than ${MAX_LINE} bytes`);
		parseLine(chunk, start, end, fields, prefixes);
		switch (fields.kind) {
			case LineKind.Skip:
				return;
			case LineKind.Cpus:
				builder.cpus ??= fields.count;
				return;
			case LineKind.Lost:
				builder.lostEvents(fields.cpu, fields.count, lineNo);
				return;
			case LineKind.Bad:
				builder.bad(lineNo, fields.reason);
				return;
			case LineKind.Event:
				break;
		}
		// A counter timestamp goes in as two 32-bit words: no BigInt per event.
		let tsc: bigint | undefined;
		if (fields.decimal) {
			if (clock === undefined && !options.allowNanoseconds) {
				throw new InputError('nanosecond-clock', nanosecondClockMessage(file, lineNo), file);
			}
			if (clock === 'counter') return builder.bad(lineNo, 'seconds.microseconds timestamp in a raw-counter trace');
			clock = 'ns';
			const [sec, frac = ''] = latin1(chunk, fields.tsStart, fields.tsEnd).split('.');
			tsc = BigInt(sec!) * 1_000_000_000n + BigInt(frac.padEnd(9, '0').slice(0, 9));
		} else {
			if (clock === 'ns') return builder.bad(lineNo, 'raw-counter timestamp in a seconds.microseconds trace');
			clock = 'counter';
			if (fields.tsValue >= 0) {
				ts.hi = Math.floor(fields.tsValue / 4294967296);
				ts.lo = fields.tsValue - ts.hi * 4294967296;
			} else if (fields.tsEnd - fields.tsStart > 20 || !decimalWords(chunk, fields.tsStart, fields.tsEnd, ts)) {
				return builder.bad(lineNo, 'timestamp does not fit in 64 bits');
			}
		}
		const comm = commIds.id(chunk, fields.commStart, fields.commEnd);
		const name = fields.nameEnd > fields.nameStart ? nameIds.id(chunk, fields.nameStart, fields.nameEnd) : builder.names.id('function');
		const textStart = Math.min(fields.textStart - start, 0xffff);
		const index =
			tsc === undefined
				? builder.eventWords(ts.hi, ts.lo, fields.cpu, fields.pid, fields.tgid, comm, name, lineNo, lineOffset, end - start, textStart)
				: builder.event(tsc, fields.cpu, fields.pid, fields.tgid, comm, name, lineNo, lineOffset, end - start, textStart);
		if (name === kvmEntry || name === kvmExit || name === kvmWrite || name === kvmMsr) {
			const what = name === kvmEntry ? 'entry' : name === kvmExit ? 'exit' : name === kvmWrite ? 'write' : 'msr';
			kvmRecord(builder, index, what, chunk, fields.textStart, fields.textEnd, lineNo);
		}
	};

	const input = options.gzip ? gzipInput(file) : await plainInput(file);
	const removeTemporary = (): void => {
		if (input.path !== file) fs.rmSync(path.dirname(input.path), {recursive: true, force: true});
	};
	// One work buffer: the unfinished last line of a chunk moves to its front and the next
	// read fills the rest.
	const work = Buffer.allocUnsafe(CHUNK + MAX_LINE);
	let carried = 0;
	try {
		for (;;) {
			const got = await input.read(work, carried, CHUNK);
			const filled = carried + got;
			if (got === 0) {
				if (filled > 0 && !skippingLongLine) handleLine(work, 0, filled, fileOffset);
				break;
			}
			let start = 0;
			for (;;) {
				const newline = work.indexOf(10, start);
				if (newline < 0 || newline >= filled) break;
				if (skippingLongLine) {
					skippingLongLine = false;
				} else {
					handleLine(work, start, newline > start && work[newline - 1] === 13 ? newline - 1 : newline, fileOffset + start);
				}
				start = newline + 1;
			}
			fileOffset += start;
			if (!reserved && !options.gzip && lineNo > 1000) {
				// Size the columns once from the first chunk's bytes per line.
				builder.reserve((totalBytes / fileOffset) * builder.count * 1.05 + 1024);
				reserved = true;
			}
			carried = filled - start;
			if (carried > MAX_LINE) {
				lineNo++;
				builder.bad(lineNo, `line longer than ${MAX_LINE} bytes`);
				fileOffset += carried;
				carried = 0;
				skippingLongLine = true;
			} else {
				work.copyWithin(0, start, filled);
			}
			options.onProgress?.({file, bytes: fileOffset, totalBytes, events: builder.count});
		}
	} catch (error) {
		await input.close();
		removeTemporary();
		throw error;
	}
	await input.close();

	if (builder.count === 0) {
		const what = builder.malformed.count > 0 ? `none of its ${lineNo} lines is an event line` : 'it holds no event lines';
		removeTemporary();
		throw new InputError(
			'no-events',
			`${file} is not a usable trace: ${what}; give ftrace text (/sys/kernel/tracing/trace) or \`trace-cmd report --raw-ts\` output.`,
			file,
		);
	}
	const format = options.format ?? (prefixes.size > 0 || builder.cpus !== undefined ? 'report' : 'ftrace');
	return {columns: builder.columns(file, format), textPath: input.path};
}

export async function readTextTrace(file: string, options: TextReadOptions = {}): Promise<Trace> {
	const {columns, textPath} = await parseTextFile(file, options);
	return textTrace(columns, textPath);
}

/** A trace over parsed columns, reading event text from `textPath` (a temporary copy for .gz). */
export function textTrace(columns: TraceColumns, textPath: string): Trace {
	return traceOf(columns, textAccess(textPath, textPath !== columns.file));
}
