// Builds `trace.meta` (model/trace-meta.ts) from the decoded options of a trace.dat.

import {Corrupt} from './bytes.js';
import {isCounterClock, type BufferChoice} from './buffers.js';
import type {DatLayout} from './layout.js';
import type {DatMeta, GuestInfo, TimeShift, Tsc2Nsec} from '../../model/trace-meta.js';
import {decodeGuest, decodeTimeShift, decodeTsc2Nsec, Option, optionText, viewOf, type RawOption} from './options.js';

/** Decodes an option, turning a malformed one into a note instead of failing the file. */
function decodeOr<T>(option: RawOption | undefined, notes: string[], name: string, decode: (option: RawOption) => T): T | undefined {
	if (!option) return undefined;
	try {
		return decode(option);
	} catch (error) {
		if (!(error instanceof Corrupt)) throw error;
		notes.push(`the ${name} option at byte ${option.offset} is malformed (${error.message}) and was ignored`);
		return undefined;
	}
}

export function buildMeta(layout: DatLayout, choice: BufferChoice, notes: string[]): DatMeta {
	const little = layout.header.little;
	const {buffers, first: buffer, clock} = choice;
	const last = (id: number) => layout.options.findLast((o) => o.id === id);
	const text = (id: number) => {
		const option = last(id);
		return option ? optionText(option) : undefined;
	};
	const traceId = decodeOr(last(Option.TraceId), notes, 'TRACEID', (o) => viewOf(o, little, 'the TRACEID option').u64('the trace id'));
	const tsc2nsec: Tsc2Nsec | undefined = decodeOr(last(Option.Tsc2Nsec), notes, 'TSC2NSEC', (o) => decodeTsc2Nsec(viewOf(o, little, 'the TSC2NSEC option')));
	const timeShift: TimeShift | undefined = decodeOr(last(Option.TimeShift), notes, 'TIME_SHIFT', (o) => decodeTimeShift(viewOf(o, little, 'the TIME_SHIFT option')));
	const guests: GuestInfo[] = [];
	for (const option of layout.options) {
		if (option.id !== Option.Guest) continue;
		const guest = decodeOr(option, notes, 'GUEST', (o) => decodeGuest(viewOf(o, little, 'the GUEST option')));
		if (guest) guests.push(guest);
	}
	return {
		format: 'trace.dat',
		version: layout.header.version,
		endianness: little ? 'little' : 'big',
		userLongSize: layout.header.userLongSize,
		kernelLongSize: layout.page.longSize,
		pageSize: buffer.pageSize,
		compression: {algorithm: layout.header.compression, version: layout.header.compressionVersion},
		clock,
		bufferClock: layout.header.version === 7 ? buffer.clock : undefined,
		counterClock: isCounterClock(clock),
		traceId,
		tsc2nsec,
		timeShift,
		guests,
		instances: layout.buffers.filter((b) => !b.latency).map((b) => b.name),
		buffersRead: buffers.map((b) => b.name),
		cpus: layout.cpuCount,
		uname: text(Option.Uname),
		traceCmdVersion: text(Option.Version),
		date: text(Option.Date),
		offset: text(Option.Offset),
		notes,
	};
}
