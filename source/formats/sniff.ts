// Decides which format reads an input from its first bytes, asking every reader of the
// registry; or refuses it (missing, empty, binary) with one sentence saying what to do.

import fs from 'node:fs';
import {writeReason} from '../display/write-failure.js';
import {InputError} from '../model/errors.js';
import type {Claim, FormatReader} from './format-reader.js';

/** How many bytes the readers' sniffs see. */
export const HEAD_BYTES = 64 * 1024;

/** Opens a file and reads its first bytes; a missing, unreadable or empty file is refused here. */
export function readHead(file: string): {head: Buffer; size: number} {
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
		const head = Buffer.alloc(HEAD_BYTES);
		let got: number;
		try {
			got = fs.readSync(fd, head, 0, HEAD_BYTES, 0);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EISDIR') throw new InputError('unreadable', `${file} is a directory; give a trace file.`, file);
			throw readFailure(file, error) ?? error;
		}
		if (got === 0) {
			throw new InputError('empty', `${file} is empty; record the trace again (it holds no events).`, file);
		}
		return {head: head.subarray(0, got), size: stat.size};
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * A system error while reading an input (EIO from a failing disk, a network file gone stale):
 * the input's fault, not tscalign's, so one sentence rather than an internal error. Undefined
 * for anything that is not a system error.
 */
export function readFailure(file: string, error: unknown): InputError | undefined {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return undefined;
	return new InputError('unreadable', `${file} cannot be read (${writeReason(error)}); check the disk or network it is on, or copy it elsewhere, and run the command again.`, file);
}

/**
 * Offset of the first byte that marks the file as binary, or -1. A NUL is decisive; other
 * control bytes must be over 10% of the sample, since guest-controlled event text can hold a
 * few (escape sequences, bells) without the file being binary.
 */
export function findBinaryByte(bytes: Uint8Array): number {
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

export function isGzip(head: Uint8Array): boolean {
	return head[0] === 0x1f && head[1] === 0x8b;
}

const RANK: Record<Claim, number> = {magic: 3, content: 2, fallback: 1};

/** The reader whose claim on these bytes is strongest (the first in the registry on a tie), and its claim. */
export function strongestClaim(formats: readonly FormatReader[], head: Buffer): {reader: FormatReader; claim: Claim} | undefined {
	// Magic bytes outrank any other claim, and only a reader with `magic` makes that claim: the
	// first to find its magic wins without the text sniff parsing 64 KiB of a binary file.
	for (const reader of formats) if (reader.magic?.(head)) return {reader, claim: 'magic'};
	let best: {reader: FormatReader; claim: Claim} | undefined;
	for (const reader of formats) {
		const claim = reader.sniff(head);
		if (claim && (!best || RANK[claim] > RANK[best.claim])) best = {reader, claim};
	}
	return best;
}

/**
 * The reader for an input. Bytes no reader claims are refused as binary. A format's magic
 * bytes decide; otherwise --format (`chosen`, one of a reader's names) does, else the sniff.
 */
export function chooseReader(formats: readonly FormatReader[], head: Buffer, file: string, chosen: string | undefined): FormatReader {
	const best = strongestClaim(formats, head);
	if (!best) throw binaryRefusal(formats, head, file);
	if (best.claim === 'magic' || chosen === undefined) return best.reader;
	return formats.find((r) => r.names.includes(chosen)) ?? best.reader;
}

/** What to give instead, from every format's noun: `ftrace or trace-cmd report text, or a trace-cmd trace.dat`. */
export function wanted(formats: readonly FormatReader[]): string {
	return formats.map((r) => r.noun).join(', or ');
}

/** The refusal of binary bytes, naming the first binary byte. */
export function binaryRefusal(formats: readonly FormatReader[], head: Uint8Array, file: string): InputError {
	const at = Math.max(findBinaryByte(head), 0);
	return new InputError(
		'binary',
		`${file} is binary, not a trace (byte ${at} is 0x${(head[at] ?? 0).toString(16).padStart(2, '0')}); give ${wanted(formats)}.`,
		file,
	);
}
