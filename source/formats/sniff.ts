// Decides what a file is from its first bytes: a text trace, gzip'd text, a trace.dat, or
// something unusable (missing, empty, binary), with one sentence saying what to do.

import fs from 'node:fs';
import {InputError} from '../model/errors.js';
import {LineKind, newLineFields, parseLine} from './text/line.js';

export type FileKind = 'text' | 'gzip' | 'dat';

const SNIFF = 64 * 1024;
export const TRACE_DAT_MAGIC = Buffer.from([0x17, 0x08, 0x44, 0x74, 0x72, 0x61, 0x63, 0x69, 0x6e, 0x67]);

export function sniffFile(file: string): {kind: FileKind; size: number} {
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new InputError('missing', `${file}: no such file; check the path.`, file);
		if (code === 'EISDIR') throw new InputError('unreadable', `${file} is a directory; give a trace file.`, file);
		throw new InputError('unreadable', `${file} cannot be opened (${code ?? 'error'}); check its permissions.`, file);
	}
	try {
		const stat = fs.fstatSync(fd);
		if (stat.isDirectory()) throw new InputError('unreadable', `${file} is a directory; give a trace file.`, file);
		const head = Buffer.alloc(SNIFF);
		let got: number;
		try {
			got = fs.readSync(fd, head, 0, SNIFF, 0);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EISDIR') throw new InputError('unreadable', `${file} is a directory; give a trace file.`, file);
			throw error;
		}
		if (got === 0) {
			throw new InputError('empty', `${file} is empty; record the trace again (it holds no events).`, file);
		}
		const kind = classifyHead(head.subarray(0, got), file);
		return {kind, size: stat.size};
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * What the first bytes of a file (or of a pipe, or of gunzipped text) say it is. Decided by
 * content, as a person would: a start that holds trace text is text, even when a NUL block
 * follows (what a file system leaves after a crash); those lines are counted as malformed
 * later. Only a start with no trace text at all and binary bytes is refused.
 */
export function classifyHead(bytes: Buffer, file: string): FileKind {
	if (bytes.subarray(0, TRACE_DAT_MAGIC.length).equals(TRACE_DAT_MAGIC)) return 'dat';
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
	if (holdsTraceText(bytes)) return 'text';
	const firstBinary = findBinaryByte(bytes);
	if (firstBinary >= 0) {
		throw new InputError(
			'binary',
			`${file} is binary, not a trace (byte ${firstBinary} is 0x${bytes[firstBinary]!.toString(16).padStart(2, '0')}); give ftrace or trace-cmd report text, or a trace-cmd trace.dat.`,
			file,
		);
	}
	return 'text';
}

/** Whether a line of the sample is trace text: an event, a `#` header, `cpus=`, a lost-events line. */
function holdsTraceText(bytes: Buffer): boolean {
	const fields = newLineFields();
	const prefixes = new Set<string>();
	let start = 0;
	while (start < bytes.length) {
		let end = bytes.indexOf(10, start);
		if (end < 0) end = bytes.length;
		const line = bytes.subarray(start, end);
		if (line.indexOf(0) < 0) {
			const kind = parseLine(line, 0, line.length, fields, prefixes).kind;
			if (kind === LineKind.Event || kind === LineKind.Cpus || kind === LineKind.Lost) return true;
			const first = line.findIndex((b) => b !== 32 && b !== 9);
			if (first >= 0 && line[first] === 35 /* # */) return true;
		}
		start = end + 1;
	}
	return false;
}

/**
 * Offset of the first byte that marks the file as binary, or -1. A NUL is decisive; other
 * control bytes must be over 10% of the sample, since guest-controlled event text can hold a
 * few (escape sequences, bells) without the file being binary.
 */
function findBinaryByte(bytes: Buffer): number {
	const nul = bytes.indexOf(0);
	if (nul >= 0) return nul;
	let first = -1;
	let controls = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i]!;
		if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 0x1b) {
			if (first < 0) first = i;
			controls++;
		}
	}
	return controls * 10 > bytes.length ? first : -1;
}
