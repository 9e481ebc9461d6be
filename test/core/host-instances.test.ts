// The README says to keep kvm_write_tsc_offset in its own ftrace instance and concatenate
// the two buffers into one HOST file: the result must not depend on that order.

import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {checkReport} from '../../source/outputs/check-report.js';
import {example} from '../helpers/cli.js';
import {alignLines} from '../helpers/traces.js';

describe('a host file made of two concatenated buffers', () => {
	it('gives the same epochs, causes and results as the time-sorted file', async () => {
		const lines = fs.readFileSync(example('forward-write', 'host.txt'), 'utf8').trimEnd().split('\n');
		const guest = fs.readFileSync(example('forward-write', 'guest.txt'), 'utf8').trimEnd().split('\n');
		const isInstance = (l: string) => l.includes('kvm_write_tsc_offset:');
		const concatenated = [...lines.filter((l) => !isInstance(l)), ...lines.filter(isInstance)];
		const sorted = checkReport(await alignLines(lines, guest));
		const split = checkReport(await alignLines(concatenated, guest));
		const strip = (r: typeof sorted) => r.vms[0]!.vcpus.map((v) => ({...v, epochs: v.epochs.map((e) => ({...e, start_line: null}))}));
		expect(strip(split)).toEqual(strip(sorted));
		expect(sorted.vms[0]!.vcpus[0]!.epochs.some((e) => e.cause.startsWith('msr_write'))).toBe(true);
		expect(split.exact).toBe(21);
	});
});
