// Where guest events sit on the host clock: converted ones at their host TSC, unresolved ones
// right after the previous event of their own vCPU (at the start when it has none).

import {describe, expect, it} from 'vitest';
import type {Alignment} from '../../source/core/align.js';
import {Status} from '../../source/core/assign.js';
import {guestPlacement} from '../../source/core/order.js';

const U = Status.Unresolved;
const E = Status.Exact;

/** Just what guestPlacement reads of an alignment. */
function alignment(events: Array<[vcpu: number, status: Status, hostTsc: bigint]>): Alignment {
	return {
		guest: {count: events.length},
		results: {
			vcpu: Int32Array.from(events.map(([vcpu]) => vcpu)),
			status: Uint8Array.from(events.map(([, status]) => status)),
			hostTsc: BigUint64Array.from(events.map(([, , tsc]) => tsc)),
		},
	} as unknown as Alignment;
}

describe('guestPlacement', () => {
	it("puts an unresolved event at its own vCPU's previous key, across interleaved vCPUs", () => {
		const keys = guestPlacement(
			alignment([
				[0, U, 0n], // vCPU 0 has nothing before: the start
				[0, E, 100n],
				[1, E, 500n],
				[0, U, 0n], // after vCPU 0's 100, not vCPU 1's 500
				[1, U, 0n], // after vCPU 1's 500
				[2, U, 0n], // vCPU 2 has nothing before
				[0, E, 120n],
				[1, U, 0n], // still vCPU 1's 500
				[0, U, 0n], // vCPU 0's 120
				[2, E, 900n],
				[2, U, 0n],
			]),
		);
		expect([...keys]).toEqual([0n, 100n, 500n, 100n, 500n, 0n, 120n, 500n, 120n, 900n, 900n]);
	});

	it('keeps full 64-bit keys', () => {
		const top = (1n << 64n) - 1n;
		expect([...guestPlacement(alignment([[3, E, top], [3, U, 0n], [4, U, 0n]]))]).toEqual([top, top, 0n]);
	});
});
