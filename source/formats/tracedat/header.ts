// The initial header (docs/tracedat-format.md §2): magic, version, byte order, user long size, page size,
// and for v7 the compression and the offset of the first OPTIONS section.

import {Corrupt} from './bytes.js';
import type {Compression} from './decompress.js';
import type {DatFile} from './file.js';

export interface FileHeader {
	version: 6 | 7;
	little: boolean;
	/** sizeof(long) of the recording tool; the kernel's comes from header_page. */
	userLongSize: number;
	pageSize: number;
	compression: Compression;
	compressionVersion: string;
	/** v7: offset of the first OPTIONS section. */
	firstOptions: number;
	/** Offset of the first byte after the header. */
	end: number;
}

const MIN_PAGE = 4096;
const MAX_PAGE = 1024 * 1024;

/**
 * Ring-buffer pages are the kernel's page size or a power-of-two sub-buffer of it: 4 KiB to
 * 1 MiB. Anything else is damage (a page of 1 byte cannot hold its own header).
 */
export function checkPageSize(size: number, offset: number, what: string): void {
	if (size < MIN_PAGE || size > MAX_PAGE || (size & (size - 1)) !== 0) {
		throw new Corrupt(offset, `a ${what} that is a power of two from 4 KiB to 1 MiB`, String(size));
	}
}

/** A trace.dat's first bytes: 17 08 44 "tracing". */
const MAGIC = [0x17, 0x08, 0x44, 0x74, 0x72, 0x61, 0x63, 0x69, 0x6e, 0x67];

export function hasTraceDatMagic(head: Uint8Array): boolean {
	return head.length >= MAGIC.length && MAGIC.every((byte, i) => head[i] === byte);
}

export function readHeader(file: DatFile): FileHeader {
	const head = file.readUpTo(0, 256);
	for (let i = 0; i < MAGIC.length; i++) {
		if (head[i] !== MAGIC[i]) throw new Corrupt(i, 'the trace.dat magic bytes 17 08 44 "tracing"');
	}
	const nul = head.indexOf(0, 10);
	if (nul < 0 || nul > 20) throw new Corrupt(10, 'the file version as a NUL-terminated number');
	const versionText = Buffer.from(head.subarray(10, nul)).toString('latin1');
	if (versionText !== '6' && versionText !== '7') {
		throw new Corrupt(10, 'file version 6 or 7', `version "${versionText}"`);
	}
	const version = versionText === '6' ? 6 : 7;
	let pos = nul + 1;
	if (head.length < pos + 6) throw new Corrupt(head.length, 'the byte order, long size and page size after the version', 'the end of the file');
	const endian = head[pos]!;
	if (endian > 1) throw new Corrupt(pos, 'byte order 0 (little) or 1 (big)', String(endian));
	const little = endian === 0;
	file.little = little;
	const userLongSize = head[pos + 1]!;
	if (userLongSize !== 4 && userLongSize !== 8) throw new Corrupt(pos + 1, 'long size 4 or 8', String(userLongSize));
	const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
	const pageSize = view.getUint32(pos + 2, little);
	checkPageSize(pageSize, pos + 2, 'page size');
	pos += 6;
	if (version === 6) {
		return {version, little, userLongSize, pageSize, compression: 'none', compressionVersion: '', firstOptions: 0, end: pos};
	}
	const nameEnd = head.indexOf(0, pos);
	const name = nameEnd < 0 ? undefined : Buffer.from(head.subarray(pos, nameEnd)).toString('latin1');
	if (name === undefined) throw new Corrupt(pos, 'the compression name as a NUL-terminated string');
	if (name !== 'none' && name !== 'zlib' && name !== 'zstd') {
		throw new Corrupt(pos, 'compression "none", "zlib" or "zstd"', `"${name.slice(0, 40)}"`);
	}
	pos = nameEnd + 1;
	const versionEnd = head.indexOf(0, pos);
	if (versionEnd < 0) throw new Corrupt(pos, 'the compression version as a NUL-terminated string');
	const compressionVersion = Buffer.from(head.subarray(pos, versionEnd)).toString('latin1');
	pos = versionEnd + 1;
	if (head.length < pos + 8) throw new Corrupt(pos, 'the 8-byte offset of the first OPTIONS section', 'the end of the file');
	const first = view.getBigUint64(pos, little);
	if (first >= BigInt(file.size)) throw new Corrupt(pos, `the offset of the first OPTIONS section inside the file (${file.size} bytes)`, String(first));
	pos += 8;
	return {version, little, userLongSize, pageSize, compression: name, compressionVersion, firstOptions: Number(first), end: pos};
}
