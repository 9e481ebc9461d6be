// Keystrokes to viewer actions, less and vi style. Pure: the Viewer applies the actions.

import type {Key} from 'ink';

export type Action =
	| {type: 'move'; delta: number}
	| {type: 'page'; pages: number}
	| {type: 'first'}
	| {type: 'last'}
	| {type: 'epoch'; dir: 1 | -1}
	| {type: 'flag'; dir: 1 | -1}
	| {type: 'filter'; dir: 1 | -1}
	| {type: 'prompt'; mode: 'search' | 'goto'}
	| {type: 'input'; text: string}
	| {type: 'backspace'}
	| {type: 'clear-input'}
	| {type: 'submit'}
	| {type: 'escape'}
	| {type: 'match'; dir: 1 | -1}
	| {type: 'detail'}
	| {type: 'tab'}
	| {type: 'help'}
	| {type: 'shift'; dir: 1 | -1}
	| {type: 'count'; digit: string}
	| {type: 'suspend'}
	| {type: 'quit'};

export type KeyMode = 'normal' | 'prompt' | 'help';

type KeyInfo = Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'tab' | 'backspace' | 'delete' | 'meta'>;

function special(key: KeyInfo): Action | undefined {
	if (key.upArrow) return {type: 'move', delta: -1};
	if (key.downArrow) return {type: 'move', delta: 1};
	if (key.pageDown) return {type: 'page', pages: 1};
	if (key.pageUp) return {type: 'page', pages: -1};
	if (key.home) return {type: 'first'};
	if (key.end) return {type: 'last'};
	if (key.leftArrow) return {type: 'shift', dir: -1};
	if (key.rightArrow) return {type: 'shift', dir: 1};
	if (key.return) return {type: 'detail'};
	if (key.tab) return {type: 'tab'};
	if (key.escape) return {type: 'escape'};
	return undefined;
}

function control(letter: string): Action | undefined {
	switch (letter) {
		case 'c':
			return {type: 'quit'};
		case 'f':
			return {type: 'page', pages: 1};
		case 'b':
			return {type: 'page', pages: -1};
		case 'd':
			return {type: 'page', pages: 0.5};
		case 'u':
			return {type: 'page', pages: -0.5};
		case 'n':
		case 'e':
			return {type: 'move', delta: 1};
		case 'p':
		case 'y':
			return {type: 'move', delta: -1};
		case 'z':
			return {type: 'suspend'};
		default:
			return undefined;
	}
}

const PLAIN: Record<string, Action> = {
	j: {type: 'move', delta: 1},
	k: {type: 'move', delta: -1},
	' ': {type: 'page', pages: 1},
	f: {type: 'page', pages: 1},
	b: {type: 'page', pages: -1},
	d: {type: 'page', pages: 0.5},
	u: {type: 'page', pages: -0.5},
	g: {type: 'first'},
	'<': {type: 'first'},
	G: {type: 'last'},
	'>': {type: 'last'},
	']': {type: 'epoch', dir: 1},
	'[': {type: 'epoch', dir: -1},
	'}': {type: 'flag', dir: 1},
	'{': {type: 'flag', dir: -1},
	v: {type: 'filter', dir: 1},
	V: {type: 'filter', dir: -1},
	'/': {type: 'prompt', mode: 'search'},
	':': {type: 'prompt', mode: 'goto'},
	n: {type: 'match', dir: 1},
	N: {type: 'match', dir: -1},
	'?': {type: 'help'},
	q: {type: 'quit'},
	Q: {type: 'quit'},
};

/** Actions for one keystroke (or a pasted run of keys) in the given mode. */
export function actionsFor(input: string, key: KeyInfo, mode: KeyMode): Action[] {
	if (key.ctrl && input === 'c') return [{type: 'quit'}];
	if (mode === 'prompt') {
		if (key.return) return [{type: 'submit'}];
		if (key.escape) return [{type: 'escape'}];
		if (key.backspace || key.delete) return [{type: 'backspace'}];
		if (key.ctrl && input === 'u') return [{type: 'clear-input'}];
		if (key.ctrl || key.meta || input === '') return [];
		return typed(input);
	}
	if (mode === 'help') {
		if (key.escape || input === '?' || input === 'q' || key.return) return [{type: 'help'}];
		const action = special(key) ?? (key.ctrl ? control(input) : PLAIN[input]);
		return action && (action.type === 'move' || action.type === 'page' || action.type === 'first' || action.type === 'last') ? [action] : [];
	}
	const action = special(key);
	if (action) return [action];
	if (key.ctrl) {
		const found = control(input);
		return found ? [found] : [];
	}
	// A paste or a burst of keys arrives as one string: act on each key in turn.
	const actions: Action[] = [];
	const chars = [...input];
	for (let i = 0; i < chars.length; i++) {
		const ch = chars[i]!;
		if (ch >= '0' && ch <= '9') actions.push({type: 'count', digit: ch});
		else if (PLAIN[ch]) actions.push(PLAIN[ch]);
		if (PLAIN[ch]?.type === 'prompt') {
			// The rest of the burst is what was typed into the prompt.
			const rest = chars.slice(i + 1).join('');
			if (rest) actions.push(...typed(rest));
			break;
		}
	}
	return actions;
}

/**
 * Text typed into a prompt. Over ssh, or from a paste, Enter can arrive in the same read as
 * the text before it: it submits, and what follows is keys again.
 */
function typed(text: string): Action[] {
	const enter = text.search(/[\r\n]/);
	const line = enter < 0 ? text : text.slice(0, enter);
	// Tabs would never match a row's single line.
	const actions: Action[] = line ? [{type: 'input', text: line.replace(/\t/g, ' ')}] : [];
	if (enter < 0) return actions;
	actions.push({type: 'submit'});
	const after = text.slice(enter + 1).replace(/^\n/, '');
	return after ? [...actions, ...actionsFor(after, {} as KeyInfo, 'normal')] : actions;
}
