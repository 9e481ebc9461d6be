import {describe, expect, it} from 'vitest';
import {KeptChunks} from '../../../source/formats/tracedat/kept-chunks.js';

describe('KeptChunks', () => {
	it('keeps chunks in the order offered until the budget is spent, then none after', () => {
		const kept = new KeptChunks(10);
		const a = new Uint8Array(4);
		const b = new Uint8Array(5);
		kept.offer(100, a);
		kept.offer(200, b);
		// 9 of 10 bytes used: a 2-byte chunk no longer fits, and nothing later is kept either,
		// so the kept chunks stay the earliest ones rather than scattered small ones.
		kept.offer(300, new Uint8Array(2));
		kept.offer(400, new Uint8Array(1));
		expect(kept.get(100)).toBe(a);
		expect(kept.get(200)).toBe(b);
		expect(kept.get(300)).toBeUndefined();
		expect(kept.get(400)).toBeUndefined();
		expect(kept.size).toBe(2);
		kept.clear();
		expect(kept.get(100)).toBeUndefined();
	});
});
