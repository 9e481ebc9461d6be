// The file's event types by id (ids are per file: a host and a guest file differ), and
// where common_type and common_pid are (taken from the first format, as libtraceevent does).

import type {TraceBuilder} from '../core/trace.js';
import {parseFormat, type EventFormat} from './format.js';
import type {FormatText} from './items.js';
import {kvmDecoder, type KvmDecoder} from './kvm.js';
import type {Renderer} from './render.js';

export interface EventType {
	format: EventFormat;
	/** Index in the trace's interned names. */
	nameId: number;
	kvm: KvmDecoder | undefined;
}

export class EventTable {
	readonly types: (EventType | undefined)[] = [];
	readonly typeOffset: number;
	readonly typeSize: number;
	readonly pidOffset: number;
	readonly pidSize: number;
	/** Formats that could not be parsed (counted, not fatal: only their events are affected). */
	readonly unparsed: number;

	constructor(texts: FormatText[], builder: TraceBuilder, renderer: Renderer) {
		let unparsed = 0;
		let first: EventFormat | undefined;
		for (const text of texts) {
			const format = parseFormat(text.text, text.system);
			if (!format) {
				unparsed++;
				continue;
			}
			if (!first && format.byName.has('common_type')) first = format;
			this.types[format.id] = {format, nameId: builder.names.id(format.name), kvm: kvmDecoder(format, renderer)};
		}
		this.unparsed = unparsed;
		const type = first?.byName.get('common_type');
		const pid = first?.byName.get('common_pid');
		this.typeOffset = type?.offset ?? 0;
		this.typeSize = type?.size ?? 2;
		this.pidOffset = pid?.offset ?? 4;
		this.pidSize = pid?.size ?? 4;
	}
}
