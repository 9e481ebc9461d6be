// Keys typed while Ink itself still loads (the plain `loading…` screen, up to a second or two
// on a busy host): the terminal goes raw at once, so they are neither echoed nor held back for
// a line; q and Ctrl-C quit then and there and Ctrl-Z stops, as on the loading screen; every
// other key goes back to the keyboard, for Ink to read and the viewer to apply.

import {StringDecoder} from 'node:string_decoder';
import {charKey} from './key-input.js';
import {TypeAhead} from './typeahead.js';

/** One key of raw terminal input: an escape sequence (or Alt and a key) whole, else a character. */
const KEY = /\x1b(?:\[[0-?]*[ -/]*[@-~]|O[@-~]|[^])?|[^]/gu;

export interface EarlyActs {
	quit(): void;
	interrupt(): void;
	suspend(): void;
}

/** Reads the keyboard until the returned function is called, which hands the keys kept back to it. */
export function holdKeys(input: NodeJS.ReadStream, act: EarlyActs): () => void {
	if (!input.isTTY) return () => {};
	try {
		input.setRawMode(true);
	} catch {
		return () => {};
	}
	const typed = new TypeAhead();
	const decoder = new StringDecoder('utf8');
	let kept = '';
	let done = false;
	const onReadable = (): void => {
		let chunk: Buffer | string | null;
		while (!done && (chunk = input.read() as Buffer | string | null) !== null) {
			for (const [raw] of decoder.write(Buffer.from(chunk)).matchAll(KEY)) {
				// Only a lone ESC is the Esc key; a sequence is a key of its own (no quit, no mode change).
				const now = typed.take(raw.length === 1 ? charKey(raw) : raw);
				if (now === 'quit' || now === 'interrupt') {
					done = true;
					return now === 'quit' ? act.quit() : act.interrupt();
				}
				if (now === 'suspend') act.suspend();
				else kept += raw;
			}
		}
	};
	input.on('readable', onReadable);
	return () => {
		done = true;
		input.off('readable', onReadable);
		kept += decoder.end();
		if (kept) input.unshift(Buffer.from(kept));
	};
}
