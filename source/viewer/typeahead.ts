// Keys typed before the rows are there (the loading screen, Ink still loading), kept in order
// for the viewer, as less keeps typeahead: `G`, `:50%` Enter, `/text` Enter all apply once
// it shows rows. A q or Ctrl-C among them that the viewer would take as quitting (not as
// the text of a prompt) says to quit now, and Ctrl-Z to stop now.

import {actionsFor, type Action, type KeyMode} from './keys.js';

export type Now = 'quit' | 'interrupt' | 'suspend';

/** The key mode after `actions`, as the viewer's reducer leaves it (state.ts), without a model to apply them to. */
export function modeAfter(mode: KeyMode, actions: readonly Action[]): KeyMode {
	for (const action of actions) {
		switch (action.type) {
			case 'prompt':
				mode = 'prompt';
				break;
			case 'pending':
				mode = action.what;
				break;
			case 'help':
				mode = mode === 'help' ? 'normal' : 'help';
				break;
			case 'submit':
			case 'escape':
				mode = 'normal';
				break;
			default:
				// Any other key after `m`, `'` or `@` ends the wait; a prompt and the help stay.
				if (mode !== 'prompt' && mode !== 'help') mode = 'normal';
		}
	}
	return mode;
}

export class TypeAhead {
	private keys: string[] = [];
	private mode: KeyMode = 'normal';
	/** Prompt text: the length of the input so far, for a Backspace that leaves the prompt. */
	private input = 0;

	/** Keeps `key` for the viewer, or says it is to act now. */
	take(key: string): Now | undefined {
		const actions = actionsFor(key, this.mode);
		for (const action of actions) {
			if (action.type === 'quit') return action.interrupted ? 'interrupt' : 'quit';
			if (action.type === 'suspend') return 'suspend';
		}
		this.keys.push(key);
		this.track(actions);
		return undefined;
	}

	private track(actions: readonly Action[]): void {
		if (this.mode === 'prompt') {
			for (const action of actions) {
				if (action.type === 'input') this.input += 1;
				else if (action.type === 'clear-input') this.input = 0;
				else if (action.type === 'backspace' && this.input-- === 0) {
					// Backspace on an empty prompt closes it.
					this.mode = 'normal';
					this.input = 0;
					return;
				}
			}
		}
		const before = this.mode;
		this.mode = modeAfter(this.mode, actions);
		if (this.mode !== before) this.input = 0;
	}

	/** The mode the kept keys leave the viewer in. */
	get keyMode(): KeyMode {
		return this.mode;
	}

	/** The keys kept, for the loading screen to show. */
	get waiting(): readonly string[] {
		return this.keys;
	}

	/** The keys kept, handed over once: the viewer applies them. */
	drain(): string[] {
		const keys = this.keys;
		this.keys = [];
		return keys;
	}
}
