// kvm_entry / kvm_exit / kvm_write_tsc_offset / kvm_msr into the builder's kvm columns.
// Read straight from the fields when the print fmt is one we know (the text would say the
// same); otherwise render the text and record it as every reader does (model/kvm-events.ts).

import {KvmEvent, recordEntry, recordExit, recordKvmText, recordWrite, type KvmEventName} from '../../model/kvm-events.js';
import type {TraceBuilder} from '../../model/trace.js';
import type {EventFormat, Field} from './format.js';
import type {Payload} from './payload.js';
import type {Renderer} from './render.js';

export type KvmDecoder = (builder: TraceBuilder, index: number, payload: Payload, line: number) => void;

function numberField(format: EventFormat, name: string): Field | undefined {
	const field = format.byName.get(name);
	return field && !field.array && field.dynamic === 0 && field.size > 0 && field.size <= 8 ? field : undefined;
}

function fromText(format: EventFormat, renderer: Renderer, name: KvmEventName): KvmDecoder {
	return (builder, index, payload, line) => recordKvmText(builder, index, name, renderer.text(format, payload), line);
}

export function kvmDecoder(format: EventFormat, renderer: Renderer): KvmDecoder | undefined {
	const fmt = format.printFmt;
	switch (format.name) {
		case KvmEvent.Entry: {
			const vcpu = numberField(format, 'vcpu_id');
			if (vcpu && fmt.startsWith('"vcpu %u')) return (builder, index, payload, line) => recordEntry(builder, index, payload.small(vcpu.offset, vcpu.size), line);
			return fromText(format, renderer, KvmEvent.Entry);
		}
		case KvmEvent.Exit: {
			const vcpu = numberField(format, 'vcpu_id');
			if (vcpu && fmt.startsWith('"vcpu %u reason %s')) return (builder, index, payload, line) => recordExit(builder, index, payload.small(vcpu.offset, vcpu.size), line);
			if (fmt.startsWith('"reason %s')) return (builder, index, _payload, line) => recordExit(builder, index, -1, line);
			return fromText(format, renderer, KvmEvent.Exit);
		}
		case KvmEvent.Write: {
			const vcpu = numberField(format, 'vcpu_id');
			const prev = numberField(format, 'previous_tsc_offset');
			const next = numberField(format, 'next_tsc_offset');
			if (vcpu && prev && next && fmt.startsWith('"vcpu=%u prev=%llu next=%llu"')) {
				return (builder, index, payload, line) =>
					recordWrite(builder, index, {vcpu: payload.small(vcpu.offset, vcpu.size), prev: payload.value(prev), next: payload.value(next)}, line);
			}
			return fromText(format, renderer, KvmEvent.Write);
		}
		case KvmEvent.Msr:
			return fromText(format, renderer, KvmEvent.Msr);
		default:
			return undefined;
	}
}
