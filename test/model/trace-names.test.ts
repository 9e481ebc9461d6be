// A reader may store its own name indexes while it reads and intern them at the end
// (the trace.dat reader does): the trace's names and ids are then what interning each
// name at its first event gives.

import {describe, expect, it} from 'vitest';
import {TraceBuilder} from '../../source/model/trace.js';

describe('TraceBuilder.resolveNames', () => {
	it('interns names in the order of their first event, one id per distinct name', () => {
		const builder = new TraceBuilder();
		const local = ['sched_switch', 'kvm_entry', 'irq_handler_entry', 'kvm_entry'];
		const stored = [2, 0, 2, 3, 1, 0];
		stored.forEach((l, k) => builder.eventWords(0, 100 + k, 0, 1, -1, 0, l, k + 1, 0, 0));
		builder.resolveNames(local);
		const columns = builder.columns('guest.dat', 'dat');
		expect(columns.names).toEqual(['irq_handler_entry', 'sched_switch', 'kvm_entry']);
		expect(Array.from(columns.name, (id) => columns.names[id])).toEqual(stored.map((l) => local[l]));
		expect(Array.from(columns.name)).toEqual([0, 1, 0, 2, 2, 1]);
	});
});
