// kvm_entry / kvm_exit / kvm_write_tsc_offset / kvm_msr into the builder's kvm columns.
// Read straight from the fields when the print fmt is one we know (the text would say the
// same); otherwise render the text and parse it as the text reader does.

import {parseEntry, parseExit, parseTscMsrWrite, parseWrite} from '../../core/kvm-text.js';
import {KvmKind, type TraceBuilder} from '../../model/trace.js';
import type {EventFormat, Field} from './format.js';
import type {Payload} from './payload.js';
import type {Renderer} from './render.js';

export const KVM_EVENTS = new Set(['kvm_entry', 'kvm_exit', 'kvm_write_tsc_offset', 'kvm_msr']);

export type KvmDecoder = (builder: TraceBuilder, index: number, payload: Payload, line: number) => void;

function numberField(format: EventFormat, name: string): Field | undefined {
	const field = format.byName.get(name);
	return field && !field.array && field.dynamic === 0 && field.size > 0 && field.size <= 8 ? field : undefined;
}

function fromText(format: EventFormat, renderer: Renderer, apply: (builder: TraceBuilder, index: number, text: string, line: number) => void): KvmDecoder {
	return (builder, index, payload, line) => apply(builder, index, renderer.text(format, payload), line);
}

export function kvmDecoder(format: EventFormat, renderer: Renderer): KvmDecoder | undefined {
	const fmt = format.printFmt;
	switch (format.name) {
		case 'kvm_entry': {
			const vcpu = numberField(format, 'vcpu_id');
			if (vcpu && fmt.startsWith('"vcpu %u')) return (builder, index, payload) => builder.run(index, KvmKind.Entry, payload.small(vcpu.offset, vcpu.size));
			return fromText(format, renderer, (builder, index, text, line) => {
				const id = parseEntry(text);
				if (id === undefined) builder.bad(line, 'kvm_entry without a vcpu id');
				else builder.run(index, KvmKind.Entry, id);
			});
		}
		case 'kvm_exit': {
			const vcpu = numberField(format, 'vcpu_id');
			if (vcpu && fmt.startsWith('"vcpu %u reason %s')) return (builder, index, payload) => builder.run(index, KvmKind.Exit, payload.small(vcpu.offset, vcpu.size));
			if (fmt.startsWith('"reason %s')) return (builder, index) => builder.run(index, KvmKind.Exit, -1);
			return fromText(format, renderer, (builder, index, text, line) => {
				const id = parseExit(text);
				if (id === undefined) builder.bad(line, 'kvm_exit without a reason');
				else builder.run(index, KvmKind.Exit, id);
			});
		}
		case 'kvm_write_tsc_offset': {
			const vcpu = numberField(format, 'vcpu_id');
			const prev = numberField(format, 'previous_tsc_offset');
			const next = numberField(format, 'next_tsc_offset');
			if (vcpu && prev && next && fmt.startsWith('"vcpu=%u prev=%llu next=%llu"')) {
				return (builder, index, payload) =>
					builder.writes.push({index, vcpu: payload.small(vcpu.offset, vcpu.size), prev: payload.value(prev), next: payload.value(next)});
			}
			return fromText(format, renderer, (builder, index, text, line) => {
				const write = parseWrite(text);
				if (write === undefined) builder.bad(line, 'kvm_write_tsc_offset without vcpu=, prev= and next=');
				else builder.writes.push({index, ...write});
			});
		}
		case 'kvm_msr':
			return fromText(format, renderer, (builder, index, text) => {
				const msr = parseTscMsrWrite(text);
				if (msr) builder.msrWrites.push({index, ...msr});
			});
		default:
			return undefined;
	}
}
