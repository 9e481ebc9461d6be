// Growable typed-array columns: millions of events without one object per event.

type TypedArray =
	| Uint8Array
	| Uint16Array
	| Uint32Array
	| Int32Array
	| Float64Array
	| BigUint64Array;

interface TypedArrayConstructor<T extends TypedArray> {
	new (length: number): T;
}

/** A copy of `array` with room for `length` values (at least its own). */
export function grownTo<T extends TypedArray>(array: T, length: number): T {
	const bigger = new (array.constructor as TypedArrayConstructor<T>)(Math.max(length, array.length));
	(bigger as Uint8Array).set(array as Uint8Array);
	return bigger;
}

/** A copy of `array` with twice its length, for arrays grown by hand in hot loops. */
export function doubled<T extends TypedArray>(array: T): T {
	return grownTo(array, array.length * 2);
}

/**
 * A copy of `array` a quarter longer, or `atLeast` long when that is more: for an array sized
 * to a good guess that may be passed by a little (a vCPU's candidates, about one per event),
 * where doubling would zero and copy twice the memory for a few more entries.
 */
export function grownByQuarter<T extends TypedArray>(array: T, atLeast = 0): T {
	return grownTo(array, Math.max(array.length + (array.length >> 2) + 16, atLeast));
}

export class Column<T extends TypedArray> {
	array: T;
	length = 0;
	readonly #make: TypedArrayConstructor<T>;

	constructor(make: TypedArrayConstructor<T>, capacity = 1024) {
		this.#make = make;
		this.array = new make(capacity);
	}

	/** Makes room for one more value and returns its index. */
	grow(): number {
		if (this.length === this.array.length) this.array = doubled(this.array);
		return this.length++;
	}

	reserve(capacity: number): void {
		if (capacity <= this.array.length) return;
		const bigger = new this.#make(Math.ceil(capacity));
		(bigger as Uint8Array).set(this.array as Uint8Array);
		this.array = bigger;
	}

	push(value: T[number]): number {
		// grow() may replace the array, so it must run before the array is read.
		const index = this.grow();
		(this.array as unknown as T[number][])[index] = value;
		return index;
	}

	/** The filled part, trimmed to its length (a copy, so the spare capacity is freed). */
	finish(): T {
		return this.array.slice(0, this.length) as T;
	}
}

/** Strings stored once each, referred to by index. */
export class Interner {
	readonly values: string[] = [];
	readonly #index = new Map<string, number>();

	id(value: string): number {
		let id = this.#index.get(value);
		if (id === undefined) {
			id = this.values.length;
			// Readers pass slices of a large chunk string; a slice would keep the chunk alive.
			const own = flatCopy(value);
			this.values.push(own);
			this.#index.set(own, id);
		}
		return id;
	}
}

function flatCopy(value: string): string {
	return Buffer.from(value, 'utf8').toString('utf8');
}
