// Key names to viewer actions, less and vi style, through the keymap table. Pure: the Viewer
// applies the actions, one key at a time, each in the mode the previous one left.

import {KEY_ACTIONS, type Action, type Pending} from './keymap.js';

export type {Action} from './keymap.js';

export type KeyMode = 'normal' | 'prompt' | 'help' | Pending;

const printable = (key: string): boolean => key.length === 1 && key >= ' ';

/** `'x'`, or `^X` as it is, for a message. */
const shown = (key: string): string => (printable(key) ? `'${key}'` : key);

export function actionsFor(key: string, mode: KeyMode): Action[] {
	if (key === '^C') return [{type: 'quit', interrupted: true}];
	switch (mode) {
		case 'prompt':
			if (key === 'Enter') return [{type: 'submit'}];
			if (key === 'Esc') return [{type: 'escape'}];
			if (key === 'Backspace') return [{type: 'backspace'}];
			if (key === '^U') return [{type: 'clear-input'}];
			// Tabs would never match a row's single line.
			if (key === 'Tab') return [{type: 'input', text: ' '}];
			return printable(key) ? [{type: 'input', text: key}] : [];
		case 'help': {
			if (key === 'Esc' || key === '?' || key === 'q' || key === 'Enter') return [{type: 'help'}];
			const action = KEY_ACTIONS.get(key);
			return action && (action.type === 'move' || action.type === 'page' || action.type === 'first' || action.type === 'last') ? [action] : [];
		}
		case 'mark':
			if (/^[a-z]$/.test(key)) return [{type: 'set-mark', letter: key}];
			return key === 'Esc' ? [{type: 'escape'}] : [{type: 'unknown', key, hint: 'a mark is a letter a-z'}];
		case 'jump':
			if (/^[a-z']$/.test(key)) return [{type: 'jump-mark', letter: key}];
			return key === 'Esc' ? [{type: 'escape'}] : [{type: 'unknown', key, hint: "a mark is a letter a-z, or ' for the last jump"}];
		case 'candidate':
			if (/^[1-9]$/.test(key)) return [{type: 'candidate', n: Number(key)}];
			return key === 'Esc' ? [{type: 'escape'}] : [{type: 'unknown', key, hint: 'a candidate is a number 1-9'}];
		case 'normal': {
			if (key >= '0' && key <= '9' && key.length === 1) return [{type: 'count', digit: key}];
			const action = KEY_ACTIONS.get(key);
			return action ? [action] : [{type: 'unknown', key}];
		}
	}
}

/** The bottom bar's words for an unknown key. */
export function unknownKeyText(key: string, hint?: string): string {
	return hint ? `${shown(key)}: ${hint}` : `unknown key ${shown(key)} - ? for help`;
}
