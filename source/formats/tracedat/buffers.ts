// Which buffers of a trace.dat are read: by default all of them, the top-level buffer first
// and then the instances in file order (the order `trace-cmd report` merges them in, so ties
// go the same way); with --instance only the one it names. Buffers whose timestamps cannot
// share one time line are refused, never mixed in.

import {InputError} from '../../model/errors.js';
import {escapeControl} from '../../display/escape.js';
import type {BufferInfo, DatLayout} from './layout.js';

/** Clocks whose raw timestamps are counter ticks rather than nanoseconds. */
const COUNTER_CLOCKS = new Set(['x86-tsc', 'tsc2nsec', 'counter']);

export function isCounterClock(clock: string | undefined): boolean {
	return clock !== undefined && COUNTER_CLOCKS.has(clock);
}

/** What --instance calls the top-level buffer (trace-cmd split's name for it), unless an instance has that name. */
export const TOP_NAME = 'top';

export interface BufferChoice {
	/** In merge order. */
	buffers: BufferInfo[];
	/** The first of them that holds data (else the first), whose page size and clock meta shows. */
	first: BufferInfo;
	/** The clock of the buffers read: every one that holds data has it. */
	clock: string | undefined;
}

/** The clock a buffer's timestamps are in: trace-cmd lets the TRACECLOCK option decide for the top buffer; an instance has its own. */
export function clockOf(layout: DatLayout, buffer: BufferInfo): string | undefined {
	return buffer.name === '' ? (layout.traceClock ?? buffer.clock) : (buffer.clock ?? layout.traceClock);
}

/** Clocks whose raw timestamps are on the same counter (tsc2nsec is the TSC, converted only when printed). */
function timeBase(clock: string | undefined): string {
	if (clock === 'tsc2nsec') return 'x86-tsc';
	return clock ?? 'local';
}

function hasData(buffer: BufferInfo): boolean {
	return buffer.cpus.some((c) => c.size > 0);
}

/** "its top-level buffer" or `its buffer instance "NAME"`, for messages. */
export function bufferWhere(name: string): string {
	return name === '' ? 'its top-level buffer' : `its buffer instance "${escapeControl(name)}"`;
}

export function nanosecondDatMessage(file: string, clock: string | undefined): string {
	const which = clock === undefined ? 'names no trace clock, so it was recorded with the default "local" clock' : `was recorded with the "${escapeControl(clock)}" clock`;
	return (
		`${file} ${which}, whose timestamps are nanoseconds and cannot be put on the host TSC; ` +
		'record it again with the x86-tsc clock (`trace-cmd record -C x86-tsc ...`).'
	);
}

function latencyError(file: string, buffer: BufferInfo, alone: boolean): InputError {
	const message = alone
		? `${file} holds latency-tracer text, not ring-buffer pages; record events with \`trace-cmd record -e ...\` instead.`
		: `${file} holds latency-tracer text, not ring-buffer pages, in ${bufferWhere(buffer.name)}; read another of its buffers with --instance NAME, or record events with \`trace-cmd record -e ...\` instead.`;
	return new InputError('unreadable', message, file);
}

function named(file: string, layout: DatLayout, name: string): BufferInfo {
	// An instance really called "top" keeps its name; "" always means the top-level buffer.
	const buffer = layout.buffers.find((b) => b.name === name) ?? (name === TOP_NAME ? layout.buffers.find((b) => b.name === '') : undefined);
	if (buffer) return buffer;
	const top = layout.buffers.some((b) => b.name === '');
	const choices = [...(top ? [TOP_NAME] : []), ...layout.buffers.filter((b) => b.name !== '').map((b) => `"${escapeControl(b.name)}"`)];
	const what = name === '' || (name === TOP_NAME && !top) ? 'has no top-level buffer' : `has no buffer instance "${escapeControl(name)}"`;
	const hint = choices.length > 0 ? `choose one of its buffers with --instance (${choices.join(', ')}) or leave --instance out to read them all` : 'record it again';
	throw new InputError('usage', `${file} ${what}; ${hint}.`, file);
}

function clockText(clock: string | undefined): string {
	return clock === undefined ? 'the default "local" clock' : `the "${escapeControl(clock)}" clock`;
}

/** The buffers to read and their clock; throws the sentence a person needs when they cannot be read. */
export function chooseBuffers(file: string, layout: DatLayout, instance: string | undefined, allowNanoseconds: boolean): BufferChoice {
	let buffers: BufferInfo[];
	if (instance !== undefined) {
		const buffer = named(file, layout, instance);
		if (buffer.latency) throw latencyError(file, buffer, true);
		buffers = [buffer];
	} else {
		buffers = [...layout.buffers.filter((b) => b.name === ''), ...layout.buffers.filter((b) => b.name !== '')];
		if (buffers.length === 0) throw new InputError('usage', `${file} has no top-level buffer; record it again.`, file);
		const latency = buffers.find((b) => b.latency);
		if (latency) throw latencyError(file, latency, buffers.length === 1);
	}
	// Buffers without data add no timestamps, so their clocks do not matter.
	const holding = buffers.filter(hasData);
	const first = holding[0] ?? buffers[0]!;
	const clock = clockOf(layout, first);
	const other = holding.find((b) => timeBase(clockOf(layout, b)) !== timeBase(clock));
	if (other) {
		const otherClock = clockOf(layout, other);
		const code = isCounterClock(clock) && isCounterClock(otherClock) ? 'unreadable' : 'nanosecond-clock';
		throw new InputError(
			code,
			`${file} mixes trace clocks: ${bufferWhere(first.name)} was recorded with ${clockText(clock)} but ${bufferWhere(other.name)} with ${clockText(otherClock)}, ` +
				`and their timestamps cannot be merged; read one buffer with --instance NAME (${TOP_NAME} for the top-level buffer), or record again with \`trace-cmd record -C x86-tsc\` for every buffer.`,
			file,
		);
	}
	if (!isCounterClock(clock) && !allowNanoseconds) throw new InputError('nanosecond-clock', nanosecondDatMessage(file, clock), file);
	return {buffers, first, clock};
}
