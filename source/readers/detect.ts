// Decides what a file is from its first bytes: a text trace, gzip'd text, a trace.dat, or
// something unusable (missing, empty, binary), with one sentence saying what to do.

import fs from 'node:fs';
import {InputError} from '../core/errors.js';

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
		const bytes = head.subarray(0, got);
		if (bytes.subarray(0, TRACE_DAT_MAGIC.length).equals(TRACE_DAT_MAGIC)) return {kind: 'dat', size: stat.size};
		if (bytes[0] === 0x1f && bytes[1] === 0x8b) return {kind: 'gzip', size: stat.size};
		const firstBinary = findBinaryByte(bytes);
		if (firstBinary >= 0) {
			throw new InputError(
				'binary',
				`${file} is binary, not a trace (byte ${firstBinary} is 0x${bytes[firstBinary]!.toString(16).padStart(2, '0')}); give ftrace or trace-cmd report text, or a trace-cmd trace.dat.`,
				file,
			);
		}
		return {kind: 'text', size: stat.size};
	} finally {
		fs.closeSync(fd);
	}
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
