// The file's event types by id (ids are per file: a host and a guest file differ), and
// where common_type and common_pid are (taken from the first format, as libtraceevent does).
// A file can hold thousands of formats and use a few: only their names and ids are read up
// front, the fields when an event of that type is first rendered.

import {parseFormat, type EventFormat} from './format.js';
import type {FormatText} from './items.js';
import {KVM_EVENTS} from '../../model/kvm-events.js';
import {kvmDecoder, type KvmDecoder} from './kvm.js';
import type {Renderer} from './render.js';

export class EventType {
	readonly id: number;
	readonly name: string;
	readonly #text: FormatText;
	#format: EventFormat | null | undefined;
	/** Index of its name in the table's `names`: what the reader stores per event until the read ends. */
	readonly local: number;
	kvm: KvmDecoder | undefined;

	constructor(id: number, name: string, text: FormatText, local: number) {
		this.id = id;
		this.name = name;
		this.#text = text;
		this.local = local;
	}

	/** The parsed format; undefined when its text cannot be parsed. */
	get format(): EventFormat | undefined {
		if (this.#format === undefined) this.#format = parseFormat(this.#text.text, this.#text.system) ?? null;
		return this.#format ?? undefined;
	}
}

const HEAD_RE = /^name:\s*(\S+)\s*\nID:\s*(\d+)\s*$/m;

export class EventTable {
	readonly types: (EventType | undefined)[] = [];
	/** Every type's name by its `local` index. */
	readonly names: string[] = [];
	readonly typeOffset: number;
	readonly typeSize: number;
	readonly pidOffset: number;
	readonly pidSize: number;
	/** Formats without a readable name and id (counted, not fatal: only their events are affected). */
	readonly unparsed: number;

	constructor(texts: FormatText[], renderer: Renderer) {
		let unparsed = 0;
		let first: EventFormat | undefined;
		for (const text of texts) {
			const head = HEAD_RE.exec(text.text.slice(0, 512));
			const id = head ? Number(head[2]) : -1;
			if (!head || id > 0xffff) {
				unparsed++;
				continue;
			}
			const type = new EventType(id, head[1]!, text, this.names.length);
			this.names.push(type.name);
			if (!first) {
				const format = type.format;
				if (format?.byName.has('common_type')) first = format;
			}
			if (KVM_EVENTS.has(type.name)) {
				const format = type.format;
				type.kvm = format && kvmDecoder(format, renderer);
			}
			this.types[id] = type;
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
