// The byte-level kvm_entry/kvm_exit vCPU reader answers as the regular expressions do, or
// defers to them.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseEntry, parseExit} from '../../../source/model/kvm-events.js';
import {quickVcpu} from '../../../source/formats/text/kvm-record.js';

const token = fc.constantFrom('vcpu', 'vcpu ', 'reason', 'reason ', ' ', '\t', '\xa0', '0', '7', '12', '1234567890', 'HLT', ',', 'rip 0xffffffff81c14308', 'x', '');
const text = fc.array(token, {maxLength: 8}).map((parts) => parts.join(''));

function check(value: string, exit: boolean): void {
	// A little of the next line follows the text: the reader must stay inside it.
	const bytes = Buffer.from(`${value}reason X\nvcpu 1`, 'latin1');
	const quick = quickVcpu(bytes, 0, value.length, exit);
	const slow = exit ? parseExit(value) : parseEntry(value);
	if (quick !== undefined) expect(quick).toBe(slow);
}

describe('kvm_entry and kvm_exit vCPU from bytes', () => {
	it('reads the usual spellings', () => {
		expect(quickVcpu(Buffer.from('vcpu 3, rip 0xffffffff81c14308'), 0, 30, false)).toBe(3);
		expect(quickVcpu(Buffer.from('vcpu 12 reason HLT rip 0x1'), 0, 26, true)).toBe(12);
		expect(quickVcpu(Buffer.from('reason EXTERNAL_INTERRUPT rip 0x1'), 0, 33, true)).toBe(-1);
	});

	it('agrees with the regular expressions whenever it answers', () => {
		fc.assert(
			fc.property(text, fc.boolean(), (value, exit) => check(value, exit)),
			{numRuns: 2000},
		);
	});
});
