// What the keyboard filter lets through to Ink: the keys the viewer reads, whole; every other
// escape sequence dropped whole (Ink read them as strings of commands, or crashed on them).

import {expect, test} from 'vitest';
import {filterKeys} from '../../source/viewer/key-filter.js';

const keys = (text: string): string => filterKeys(text).keys;

test('plain keys, control keys, Esc and Alt keys pass as they are', () => {
	expect(keys('jk/kvm\r')).toBe('jk/kvm\r');
	expect(keys('\x03\x1a\x7f\t')).toBe('\x03\x1a\x7f\t');
	expect(keys('\x1b')).toBe('\x1b');
	expect(keys('\x1bq')).toBe('\x1bq');
	expect(keys('\x1b\x1b')).toBe('\x1b\x1b');
});

test('arrows, Home/End, PgUp/PgDn, Delete and wheel reports pass, with modifiers', () => {
	const kept = ['\x1b[A', '\x1b[1;5B', '\x1bOC', '\x1bOD', '\x1b[H', '\x1b[F', '\x1b[1~', '\x1b[4~', '\x1b[5~', '\x1b[6;5~', '\x1b[3~', '\x1b[Z', '\x1b[<64;3;3M', '\x1b[<65;10;2M', '\x1b\x1b[A'];
	for (const key of kept) expect(keys(`j${key}k`), JSON.stringify(key)).toBe(`j${key}k`);
});

test('F-keys, Ctrl- and Shift-modified keys Ink cannot name, terminal replies and an X10 mouse report are dropped whole', () => {
	const dropped = ['\x1b[1;5P', '\x1b[1;6Q', '\x1b[99;5~', '\x1b[1;5G', '\x1b[1;2P', '\x1b[23;2~', '\x1bOP', '\x1b[15~', '\x1b[?1;2c', '\x1b[12;40R', '\x1b[I', '\x1b[O', '\x1b[200~', '\x1b[[A', '\x1bO5P', '\x1b[M !!', '\x1b\x1b[1;2P'];
	for (const key of dropped) expect(keys(`j${key}k`), JSON.stringify(key)).toBe('jk');
});

test('a sequence cut at the end of a read is held for the next one, a lone ESC is not', () => {
	expect(filterKeys('j\x1b[1;5')).toEqual({keys: 'j', held: '\x1b[1;5'});
	expect(filterKeys('\x1b[1;5' + 'Pk')).toEqual({keys: 'k', held: ''});
	expect(filterKeys('j\x1b[M !')).toEqual({keys: 'j', held: '\x1b[M !'});
	expect(filterKeys('j\x1b')).toEqual({keys: 'j\x1b', held: ''});
	expect(filterKeys('j\x1bO')).toEqual({keys: 'j\x1bO', held: ''});
});
