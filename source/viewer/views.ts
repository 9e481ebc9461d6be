// The rows on screen: a vCPU filter (`v`) and a row filter (`&`) together. A row filter's
// matches are kept per filter over the whole trace, so changing the vCPU does not scan again.

import type {RowModel, View} from './row-model.js';

const KEPT_FILTERS = 4;

export class Views {
	readonly #model: RowModel;
	/** Merged positions each row filter keeps, most recent last. */
	readonly #matches = new Map<string, Uint32Array>();
	readonly #views = new Map<string, View>();

	constructor(model: RowModel) {
		this.#model = model;
	}

	has(filter: string): boolean {
		return this.#matches.has(filter);
	}

	/** Stores a filter's matches (ascending merged positions). */
	store(filter: string, positions: Uint32Array): void {
		this.#matches.delete(filter);
		this.#matches.set(filter, positions);
		if (this.#matches.size > KEPT_FILTERS) {
			const oldest = this.#matches.keys().next().value!;
			this.#matches.delete(oldest);
			for (const key of [...this.#views.keys()]) if (key.endsWith(`\u0000${oldest}`)) this.#views.delete(key);
		}
	}

	/** The view of `vcpu` (undefined: all) with row filter `filter` (undefined: none); the filter's matches must be stored. */
	get(vcpu: number | undefined, filter: string | undefined): View {
		const base = this.#model.view(vcpu);
		if (filter === undefined) return base;
		const key = `${vcpu ?? ''}\u0000${filter}`;
		let view = this.#views.get(key);
		if (!view) {
			const matches = this.#matches.get(filter);
			if (!matches) return base;
			view = this.#model.subView(vcpu, base.rows ? intersect(base.rows, matches) : matches);
			this.#views.set(key, view);
		}
		return view;
	}
}

/** Positions in both ascending lists. */
function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
	const out = new Uint32Array(Math.min(a.length, b.length));
	let n = 0;
	for (let i = 0, j = 0; i < a.length && j < b.length; ) {
		if (a[i]! < b[j]!) i++;
		else if (a[i]! > b[j]!) j++;
		else {
			out[n++] = a[i]!;
			i++;
			j++;
		}
	}
	return out.slice(0, n);
}
