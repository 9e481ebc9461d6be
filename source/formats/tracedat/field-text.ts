// The fallback text of an event: `field=value ...` for every non-common field, used when
// its print fmt cannot be rendered (as libtraceevent's raw mode does).

import type {EventFormat, Field} from './format.js';
import type {Payload} from './payload.js';

function hexBytes(bytes: Uint8Array): string {
	const parts: string[] = [];
	for (const b of bytes) parts.push(b.toString(16).padStart(2, '0'));
	return parts.join(' ');
}

/** Text up to the first NUL that prints (libtraceevent shows anything else as bytes). */
function printable(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i]!;
		if (b === 0) return i > 0 || bytes.length === 1;
		if ((b < 0x20 && (b < 9 || b > 13)) || b === 0x7f) return false;
	}
	return true;
}

export function fieldValueText(field: Field, payload: Payload): string {
	if (field.string && printable(payload.data(field))) return payload.string(field);
	if (field.array || field.dynamic !== 0) {
		const data = payload.data(field);
		const size = field.elementSize;
		if (size <= 1 || data.length % size !== 0) return `ARRAY[${hexBytes(data)}]`;
		const values: string[] = [];
		const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
		for (let at = 0; at + size <= data.length; at += size) {
			const value = size === 8 ? view.getBigUint64(at, payload.little) : size === 4 ? view.getUint32(at, payload.little) : view.getUint16(at, payload.little);
			values.push(`0x${value.toString(16)}`);
		}
		return `ARRAY[${values.join(', ')}]`;
	}
	if (field.pointer) return `0x${payload.value(field).toString(16)}`;
	return payload.signedValue(field).toString();
}

export function fieldsText(format: EventFormat, payload: Payload): string {
	const parts: string[] = [];
	for (const field of format.own) parts.push(`${field.name}=${fieldValueText(field, payload)}`);
	return parts.join(' ');
}
