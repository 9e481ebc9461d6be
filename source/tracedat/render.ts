// An event's own text: its print fmt rendered from the payload, or `field=value` pairs.

import {fieldsText} from './field-text.js';
import type {EventFormat} from './format.js';
import type {Payload} from './payload.js';
import type {Symbols} from './symbols.js';

export class Renderer {
	readonly symbols: Symbols;
	readonly little: boolean;
	readonly longSize: 4 | 8;

	constructor(symbols: Symbols, little: boolean, longSize: 4 | 8) {
		this.symbols = symbols;
		this.little = little;
		this.longSize = longSize;
	}

	text(format: EventFormat, payload: Payload): string {
		return fieldsText(format, payload);
	}
}
