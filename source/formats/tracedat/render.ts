// An event's own text: its print fmt rendered from the payload (compiled once per event
// type), or `field=value` pairs when the print fmt uses something not supported here.

import {Bprint} from './bprint.js';
import {compileEvent} from './compile.js';
import {fieldsText} from './field-text.js';
import type {EventFormat} from './format.js';
import type {Payload} from './payload.js';
import type {Symbols} from './symbols.js';

type Render = (p: Payload) => string;

export class Renderer {
	readonly symbols: Symbols;
	readonly little: boolean;
	readonly longSize: 4 | 8;
	readonly #compiled = new Map<EventFormat, Render | null>();

	constructor(symbols: Symbols, little: boolean, longSize: 4 | 8) {
		this.symbols = symbols;
		this.little = little;
		this.longSize = longSize;
	}

	#compile(format: EventFormat): Render | null {
		try {
			if (format.system === 'ftrace' && format.name === 'bprint') {
				const bprint = new Bprint(format, this.symbols, this.longSize);
				return (p) => bprint.text(p);
			}
			return compileEvent(format, this.symbols, this.longSize);
		} catch {
			// Not every kernel print fmt is understood; the event then shows its fields.
			return null;
		}
	}

	/** Whether the event's print fmt is rendered (false: it falls back to `field=value`). */
	printable(format: EventFormat): boolean {
		let render = this.#compiled.get(format);
		if (render === undefined) {
			render = this.#compile(format);
			this.#compiled.set(format, render);
		}
		return render !== null;
	}

	text(format: EventFormat, payload: Payload): string {
		let render = this.#compiled.get(format);
		if (render === undefined) {
			render = this.#compile(format);
			this.#compiled.set(format, render);
		}
		if (render) {
			try {
				return render(payload).trimEnd();
			} catch {
				// A payload that does not fit its own format; show the fields instead.
			}
		}
		return fieldsText(format, payload);
	}
}
