// The metadata items shared by v6 (one after another in the file) and v7 (one per section):
// header_page, the event format lists and saved cmdlines (docs/tracedat-format.md §3, §7).

import {Corrupt} from './bytes.js';

/** What ByteView (a section) and FileCursor (v6, sequential) both offer. */
export interface Sequential {
	readonly offset: number;
	u32(what: string): number;
	u64(what: string): bigint;
	count(bytes: 4 | 8, what: string): number;
	cstring(what: string): string;
	text(length: number, what: string): string;
}

export interface PageHeader {
	/** Kernel sizeof(long): the size of header_page's `commit` field. */
	longSize: 4 | 8;
	/** Where event data starts in a page: 8 + long size (kbuffer ignores the text's offset). */
	dataStart: number;
}

export interface FormatText {
	system: string;
	text: string;
	/** File offset where the text was found, for messages. */
	offset: number;
}

/** header_page and header_event: "header_page\0" u64 size text "header_event\0" u64 size text. */
export function readHeaderInfo(seq: Sequential): PageHeader {
	const at = seq.offset;
	const magic = seq.cstring('the "header_page" label');
	if (magic !== 'header_page') throw new Corrupt(at, 'the "header_page" label', JSON.stringify(magic.slice(0, 20)));
	const pageText = seq.text(seq.count(8, 'the header_page size'), 'the header_page text');
	const eventAt = seq.offset;
	const eventMagic = seq.cstring('the "header_event" label');
	if (eventMagic !== 'header_event') throw new Corrupt(eventAt, 'the "header_event" label', JSON.stringify(eventMagic.slice(0, 20)));
	seq.text(seq.count(8, 'the header_event size'), 'the header_event text');
	return pageHeaderOf(pageText, at);
}

export function pageHeaderOf(text: string, offset: number): PageHeader {
	const commit = /field:\s*[^;]*\bcommit;\s*offset:\s*(\d+);\s*size:\s*(\d+);/.exec(text);
	// An empty header_page means a pre-2.6.31 kernel; assume the common 64-bit layout.
	const size = commit ? Number(commit[2]) : 8;
	if (size !== 4 && size !== 8) throw new Corrupt(offset, 'a header_page commit field of 4 or 8 bytes', `${size} bytes`);
	return {longSize: size, dataStart: 8 + size};
}

/** The ftrace event formats: u32 count, then per format u64 size and text. */
export function readFtraceFormats(seq: Sequential, out: FormatText[]): void {
	const count = seq.u32('the number of ftrace event formats');
	for (let i = 0; i < count; i++) {
		const size = seq.count(8, `the size of ftrace event format ${i + 1} of ${count}`);
		const offset = seq.offset;
		out.push({system: 'ftrace', text: seq.text(size, 'an ftrace event format'), offset});
	}
}

/** The other event systems: u32 count, then per system a name, a u32 count and formats. */
export function readEventFormats(seq: Sequential, out: FormatText[]): void {
	const systems = seq.u32('the number of event systems');
	for (let s = 0; s < systems; s++) {
		const system = seq.cstring(`the name of event system ${s + 1} of ${systems}`);
		const count = seq.u32(`the number of events in system ${system}`);
		for (let i = 0; i < count; i++) {
			const size = seq.count(8, `the size of event format ${i + 1} of ${count} in system ${system}`);
			const offset = seq.offset;
			out.push({system, text: seq.text(size, `an event format of system ${system}`), offset});
		}
	}
}

/** saved_cmdlines text ("<pid> <comm>" per line) as pid -> comm. */
export function parseCmdlines(text: string): Map<number, string> {
	const comms = new Map<number, string>();
	for (const line of text.split('\n')) {
		const space = line.indexOf(' ');
		if (space <= 0) continue;
		const pid = Number(line.slice(0, space));
		if (Number.isInteger(pid)) comms.set(pid, line.slice(space + 1));
	}
	return comms;
}
