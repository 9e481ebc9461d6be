// Streams a text trace (ftrace `trace`/`trace_pipe` or `trace-cmd report`) as bytes, one
// line at a time, into columns. A JavaScript string cannot hold a 2 GB file; a line can.

import fs from 'node:fs';
import {InputError} from '../../model/errors.js';
import {TraceBuilder, traceOf, type Malformed, type Trace, type TraceColumns} from '../../model/trace.js';
import {decimalWords} from '../../model/u64-words.js';
import {fileInput, gunzipInput, streamInput, TextCopy, type ByteInput, type OpenStream} from '../byte-input.js';
import {ByteSource} from '../byte-source.js';
import {ForeignContent, type Progress} from '../format-reader.js';
import {isGzip} from '../sniff.js';
import {textClaim} from './claim.js';
import {kvmRecord} from './kvm-record.js';
import {KvmEvent} from '../../model/kvm-events.js';
import {RangeIds} from './range-ids.js';
import {latin1, LineKind, newLineFields, parseLine, parseStamp, type LineFields} from './line.js';
import {HeadCache} from './head-cache.js';
import {NameCache} from './name-cache.js';

export type TextFormat = 'ftrace' | 'report';

export interface TextReadOptions {
	format?: TextFormat;
	/** Parse `sec.usec` timestamps as nanoseconds instead of refusing the file. */
	allowNanoseconds?: boolean;
	gzip?: boolean;
	/** Read this stream (a pipe) instead of opening the file; `file` is then only its name. */
	stream?: OpenStream;
	onProgress?: (progress: Progress) => void;
	/** Read only the first `limit` bytes, up to the last whole line in them (the viewer's preliminary look). */
	limit?: number;
	/** On a reader thread (in-worker.ts): run at a lower priority than the main thread. */
	background?: boolean;
}

const CHUNK = 4 * 1024 * 1024;
const MAX_LINE = 1024 * 1024;

export function nanosecondClockMessage(file: string, line: number): string {
	return (
		`${file}:${line}: timestamps are seconds.microseconds, so the trace was recorded with a nanosecond clock and cannot be put on the host TSC; ` +
		"record it again with the x86-tsc clock (`echo x86-tsc > /sys/kernel/tracing/trace_clock`, or `trace-cmd record -C x86-tsc`; for trace-cmd report text also pass --raw-ts)."
	);
}

function textAccess(text: TextSource) {
	const source = new ByteSource(text);
	return {
		text(offset: number, length: number, textStart: number): string {
			return source.read(offset + textStart, length - textStart).toString('utf8').trimEnd();
		},
		raw(_index: number, offset: number, length: number): string {
			return source.read(offset, length).toString('utf8').replace(/\r$/, '');
		},
		close(): void {
			source.close();
		},
	};
}

function hasHighByte(value: string): boolean {
	for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 127) return true;
	return false;
}

/** Lines with a NUL byte: text trace output never holds one (event text is C strings). */
const NUL_REASON = 'holds NUL bytes (a damaged or partly overwritten file); the line is skipped';
const CUT_REASON = 'cut off: the file ends inside this line, with no newline';

/**
 * Where event text is read from later: the file's path, or for text read once (gzip, a pipe)
 * the descriptor of its unlinked copy, which the trace then owns.
 */
export type TextSource = string | number;

/** Reads a text trace into columns; event text is read later from `text`. */
export async function parseTextFile(file: string, options: TextReadOptions = {}): Promise<{columns: TraceColumns; text: TextSource}> {
	const builder = new TraceBuilder();
	const fields = newLineFields();
	const prefixes = new Set<string>();
	const stream = options.stream;
	const {limit} = options;
	const totalBytes = stream ? 0 : Math.min(fs.statSync(file).size, limit ?? Infinity);
	const kvmEntry = builder.names.id(KvmEvent.Entry);
	const kvmExit = builder.names.id(KvmEvent.Exit);
	const kvmWrite = builder.names.id(KvmEvent.Write);
	const kvmMsr = builder.names.id(KvmEvent.Msr);
	const ts = {hi: 0, lo: 0};
	const nameIds = new RangeIds((raw) => builder.names.id(raw));
	const heads = new HeadCache();
	const knownNames = new NameCache();
	let functionName = -1;
	const commIds = new RangeIds((raw) => builder.comms.id(hasHighByte(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw));
	let clock: 'counter' | 'ns' | undefined;
	let lineNo = 0;
	let fileOffset = 0; // offset in the text of work[0]
	let skippingLongLine = false;
	let reserved = false;
	/** Where the next NUL byte of the work buffer is (or `filled` when none), found once per chunk. */
	let nul = -1;
	let filled = 0;

	// Lines are index ranges into the work buffer: no string per line or per chunk.
	const handleLine = (chunk: Buffer, start: number, end: number, lineOffset: number, last: boolean): void => {
		lineNo++;
		if (end - start > MAX_LINE) return builder.bad(lineNo, `line longer than ${MAX_LINE} bytes`);
		if (nul < start) {
			nul = chunk.subarray(0, filled).indexOf(0, start);
			if (nul < 0) nul = filled;
		}
		if (nul < end) return builder.bad(lineNo, NUL_REASON);
		// A head seen lately (most lines: a task's lines on one CPU share theirs, up to the
		// timestamp) gives task, pid, tgid and CPU.
		let knownComm = -1;
		const at = heads.at;
		if (at > 0 && start + at < end && (chunk[start + at]! - 48) >>> 0 < 10) {
			const slot = heads.find(chunk, start, at);
			if (slot >= 0) {
				knownComm = heads.fill(slot, start, fields);
				parseStamp(chunk, start + at, end, fields, knownNames);
			}
		}
		if (knownComm < 0) parseLine(chunk, start, end, fields, prefixes);
		if (last && !completeLast(fields)) return builder.bad(lineNo, CUT_REASON);
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
				// Times 2^-32 is exact and cheaper than a division.
				ts.hi = Math.floor(fields.tsValue * 2.3283064365386963e-10);
				ts.lo = fields.tsValue - ts.hi * 4294967296;
			} else if (fields.tsEnd - fields.tsStart > 20 || !decimalWords(chunk, fields.tsStart, fields.tsEnd, ts)) {
				return builder.bad(lineNo, 'timestamp does not fit in 64 bits');
			}
		}
		let comm = knownComm;
		if (comm < 0) {
			comm = commIds.id(chunk, fields.commStart, fields.commEnd);
			heads.add(chunk, start, fields, comm);
		}
		let name = fields.nameId;
		if (name < 0) {
			if (fields.nameEnd > fields.nameStart) {
				name = nameIds.idHashed(chunk, fields.nameStart, fields.nameEnd, fields.nameHash);
				knownNames.add(chunk, fields.nameStart, fields.nameEnd, name);
			} else {
				if (functionName < 0) functionName = builder.names.id('function');
				name = functionName;
			}
		}
		if (last && (name === kvmEntry || name === kvmExit || name === kvmWrite || name === kvmMsr)) {
			// Its numbers may be cut short and still parse: an offset cut to its first digits is wrong.
			return builder.bad(lineNo, CUT_REASON);
		}
		const textStart = Math.min(fields.textStart - start, 0xffff);
		const index =
			tsc === undefined
				? builder.eventWords(ts.hi, ts.lo, fields.cpu, fields.pid, fields.tgid, comm, name, lineNo, lineOffset, end - start, textStart)
				: builder.event(tsc, fields.cpu, fields.pid, fields.tgid, comm, name, lineNo, lineOffset, end - start, textStart);
		if (name === kvmEntry || name === kvmExit || name === kvmWrite || name === kvmMsr) {
			const kvm = name === kvmEntry ? KvmEvent.Entry : name === kvmExit ? KvmEvent.Exit : name === kvmWrite ? KvmEvent.Write : KvmEvent.Msr;
			kvmRecord(builder, index, kvm, chunk, fields.textStart, fields.textEnd, lineNo);
		}
	};

	let input: ByteInput;
	if (stream) input = options.gzip ? gunzipInput({stream}) : streamInput(stream);
	else input = options.gzip ? gunzipInput({file}) : await fileInput(file);
	if (limit !== undefined) input = limitedInput(input, limit);
	// Text read once (a pipe, gunzipped text) is copied as it is read, for the event text later.
	const copy = input.once ? new TextCopy() : undefined;
	// One work buffer: the unfinished last line of a chunk moves to its front and the next
	// read fills the rest.
	const work = Buffer.allocUnsafe(CHUNK + MAX_LINE);
	let carried = 0;
	try {
		for (;;) {
			const got = await input.read(work, carried, CHUNK);
			filled = carried + got;
			nul = -1;
			if (fileOffset === 0 && lineNo === 0 && got > 0) {
				const head = work.subarray(0, Math.min(filled, 64 * 1024));
				if (options.gzip) checkGunzipped(head, file);
				// Lines ended by a carriage return alone (classic Mac) would read as one line: one event
				// holding the rest as its text, every other event lost without a word.
				if (mostlyBareCr(head)) throw new InputError('unreadable', bareCrMessage(file), file);
			}
			if (got === 0) {
				if (input.damage !== undefined) {
					// What came before the damage is read; the damage is one malformed line.
					lineNo++;
					builder.bad(lineNo, input.damage);
				} else if (filled > 0 && !skippingLongLine && limit === undefined) {
					// (With a limit the bytes after the last newline are a line cut by it, not the file's end.)
					handleLine(work, 0, filled, fileOffset, true);
				}
				copy?.write(work, 0, filled, fileOffset);
				break;
			}
			let start = 0;
			let copyFrom = 0;
			for (;;) {
				const newline = work.indexOf(10, start);
				if (newline < 0 || newline >= filled) break;
				if (skippingLongLine) {
					// The end of a line too long to keep: its bytes are not copied.
					skippingLongLine = false;
					copyFrom = newline + 1;
				} else {
					handleLine(work, start, newline > start && work[newline - 1] === 13 ? newline - 1 : newline, fileOffset + start, false);
				}
				start = newline + 1;
			}
			copy?.write(work, copyFrom, start, fileOffset + copyFrom);
			fileOffset += start;
			if (!reserved && totalBytes > 0 && !options.gzip && lineNo > 1000) {
				// Size the columns once from the first chunk's bytes per line.
				builder.reserve((totalBytes / fileOffset) * builder.count * 1.05 + 1024);
				reserved = true;
			}
			carried = filled - start;
			if (skippingLongLine || carried > MAX_LINE) {
				// One physical line is one malformed line, however many chunks it spans.
				if (!skippingLongLine) {
					lineNo++;
					builder.bad(lineNo, `line longer than ${MAX_LINE} bytes`);
					skippingLongLine = true;
				}
				fileOffset += carried;
				carried = 0;
			} else {
				work.copyWithin(0, start, filled);
			}
			options.onProgress?.({file, bytes: fileOffset, totalBytes, events: builder.count});
		}
	} catch (error) {
		await input.close();
		copy?.discard();
		throw error;
	}
	await input.close();

	if (builder.count === 0) {
		copy?.discard();
		throw new InputError('no-events', noEventsMessage(file, lineNo, builder.malformed), file);
	}
	const format = options.format ?? (prefixes.size > 0 || builder.cpus !== undefined ? 'report' : 'ftrace');
	return {columns: builder.columns(file, format), text: copy?.fd ?? file};
}

/** The first `limit` bytes of `input`, then its end. */
function limitedInput(input: ByteInput, limit: number): ByteInput {
	let left = limit;
	return {
		...input,
		get damage() {
			return input.damage;
		},
		read: async (into, offset, length) => {
			if (left <= 0) return 0;
			const got = await input.read(into, offset, Math.min(length, left));
			left -= got;
			return got;
		},
	};
}

/**
 * Gunzipped bytes are decided by content too: binary data (a bomb of zeros) is refused at
 * once; what else it is (another format, gzip'd) the loader says, which knows every format.
 */
function checkGunzipped(head: Buffer, file: string): void {
	if (isGzip(head)) throw new InputError('binary', `${file} holds gzip data again inside its gzip data; gunzip it and give the result.`, file);
	if (!textClaim(head)) throw new ForeignContent(Uint8Array.from(head), 'inside its gzip data');
}

/** A last line with no newline is kept only when it is a whole event line (`task-pid [cpu] ts: name: text`). */
function completeLast(fields: LineFields): boolean {
	return fields.kind !== LineKind.Event || fields.nameEnd > fields.nameStart;
}

/** More lines end in a CR alone than in a newline (a file converted to classic Mac line ends, perhaps partly). */
function mostlyBareCr(bytes: Uint8Array): boolean {
	let bare = 0;
	let newlines = 0;
	for (let i = 0; i < bytes.length; i++) {
		if (bytes[i] === 10) newlines++;
		else if (bytes[i] === 13 && bytes[i + 1] !== 10) bare++;
	}
	return bare > newlines;
}

function bareCrMessage(file: string): string {
	return `${file} has lines that end in a carriage return alone (CR, no newline), which would read as one line; convert them with \`tr '\\r' '\\n' < FILE > NEW\` and give the result.`;
}

function noEventsMessage(file: string, lines: number, malformed: Malformed): string {
	const first = malformed.samples[0];
	const what =
		malformed.count === 0
			? 'it holds no event lines'
			: `none of its ${lines} ${lines === 1 ? 'line is an event line' : 'lines is an event line'} (${file}:${first!.line}: ${first!.reason})`;
	return `${file} is not a usable trace: ${what}; give ftrace text (/sys/kernel/tracing/trace) or \`trace-cmd report --raw-ts\` output.`;
}

export async function readTextTrace(file: string, options: TextReadOptions = {}): Promise<Trace> {
	const {columns, text} = await parseTextFile(file, options);
	return textTrace(columns, text);
}

/** A trace over parsed columns, reading event text from the file or from its unlinked copy (gzip, a pipe). */
export function textTrace(columns: TraceColumns, text: TextSource): Trace {
	return traceOf(columns, textAccess(text));
}
