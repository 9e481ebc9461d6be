// Host thread ids to dense slots (0, 1, ... in order of first appearance) without a Map lookup
// per kvm record: a direct-mapped cache in front of the Map. A host's vCPU threads interleave
// their records, so "the same thread as the record before" misses most of the time, and the
// Map lookup was 40% of the run-window pass.

const CACHE = 1024;
const MASK = CACHE - 1;

export class PidSlots {
	/** The pid of each slot. */
	readonly pids: number[] = [];
	readonly #slotOf = new Map<number, number>();
	/** NaN, unequal to every pid, marks an empty cache entry. */
	readonly #cachedPid = new Float64Array(CACHE).fill(Number.NaN);
	readonly #cachedSlot = new Int32Array(CACHE);

	/** The pid's slot, -1 when it has none. */
	get(pid: number): number {
		const h = pid & MASK;
		if (this.#cachedPid[h] === pid) return this.#cachedSlot[h]!;
		const slot = this.#slotOf.get(pid) ?? -1;
		this.#cachedPid[h] = pid;
		this.#cachedSlot[h] = slot;
		return slot;
	}

	/** The pid's slot, a new one when it has none. */
	add(pid: number): number {
		let slot = this.get(pid);
		if (slot >= 0) return slot;
		slot = this.pids.length;
		this.pids.push(pid);
		this.#slotOf.set(pid, slot);
		this.#cachedSlot[pid & MASK] = slot; // get() just cached the pid as slotless
		return slot;
	}
}
