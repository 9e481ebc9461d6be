// The CPU whose next record comes first: smallest timestamp, ties to the lower rank (the
// earlier buffer, then the lower CPU), as trace-cmd report merges its buffers' CPUs
// (docs/tracedat-format.md §11). Within a CPU, ring-buffer order is kept.

import type {CpuCursor} from './page.js';

function before(a: CpuCursor, b: CpuCursor): boolean {
	return a.tsHi < b.tsHi || (a.tsHi === b.tsHi && (a.tsLo < b.tsLo || (a.tsLo === b.tsLo && a.rank < b.rank)));
}

export class CpuHeap {
	readonly #items: CpuCursor[] = [];

	get size(): number {
		return this.#items.length;
	}

	get top(): CpuCursor | undefined {
		// Not items[0] on an empty heap: a read past the end sends V8's optimised reader loop back to be compiled again.
		return this.#items.length > 0 ? this.#items[0] : undefined;
	}

	push(cursor: CpuCursor): void {
		const items = this.#items;
		let i = items.push(cursor) - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(items[i]!, items[parent]!)) break;
			[items[i], items[parent]] = [items[parent]!, items[i]!];
			i = parent;
		}
	}

	/** Restores the order after the top cursor moved to its next record. */
	topMoved(): void {
		this.#down(0);
	}

	/** Removes the top cursor (it has no more records). */
	popTop(): void {
		const items = this.#items;
		const last = items.pop()!;
		if (items.length === 0) return;
		items[0] = last;
		this.#down(0);
	}

	#down(i: number): void {
		const items = this.#items;
		const n = items.length;
		for (;;) {
			const left = 2 * i + 1;
			if (left >= n) return;
			const right = left + 1;
			const child = right < n && before(items[right]!, items[left]!) ? right : left;
			if (!before(items[child]!, items[i]!)) return;
			[items[i], items[child]] = [items[child]!, items[i]!];
			i = child;
		}
	}
}
