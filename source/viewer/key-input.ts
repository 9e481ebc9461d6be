// Ink's view of one read from the keyboard, as the key names the keymap uses: `j`, `Enter`,
// `^D`, `PgDn`, `WheelUp`. A read can hold several keys (typeahead over a slow ssh link, a
// paste): Ink then hands over the whole string, and every key in it is kept, in order.

import type {Key} from 'ink';

export type KeyInfo = Partial<Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'tab' | 'backspace' | 'delete' | 'meta'>>;

/** SGR mouse report (`ESC [ < button ; x ; y M`), as Ink passes it on without its ESC. */
const MOUSE = /^\[<(\d+);\d+;\d+[Mm]$/;

function special(key: KeyInfo): string | undefined {
	if (key.upArrow) return 'Up';
	if (key.downArrow) return 'Down';
	if (key.leftArrow) return 'Left';
	if (key.rightArrow) return 'Right';
	if (key.pageDown) return 'PgDn';
	if (key.pageUp) return 'PgUp';
	if (key.home) return 'Home';
	if (key.end) return 'End';
	if (key.return) return 'Enter';
	if (key.tab) return 'Tab';
	if (key.backspace || key.delete) return 'Backspace';
	if (key.escape) return 'Esc';
	return undefined;
}

/** One character of a multi-key read. */
export function charKey(ch: string): string {
	if (ch === '\r' || ch === '\n') return 'Enter';
	if (ch === '\t') return 'Tab';
	if (ch === '\x7f' || ch === '\b') return 'Backspace';
	if (ch === '\x1b') return 'Esc';
	const code = ch.charCodeAt(0);
	if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
	return ch;
}

export function keyNames(input: string, key: KeyInfo): string[] {
	const named = special(key);
	if (named) return [named];
	const mouse = MOUSE.exec(input);
	if (mouse) {
		const button = Number(mouse[1]);
		// 64/65: wheel up/down (with modifier bits); every other button is left to the terminal.
		if ((button & ~0x1c) === 64) return ['WheelUp'];
		if ((button & ~0x1c) === 65) return ['WheelDown'];
		return [];
	}
	if (key.ctrl && input.length === 1) return [`^${input.toUpperCase()}`];
	if (key.meta) return input ? [`M-${input}`] : [];
	return [...input].map(charKey);
}
