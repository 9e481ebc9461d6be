// The keymap is the one list of keys: the help overlay shows every entry, the guide in
// docs/viewer.md documents every key, and a read holding several keys yields each in order.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {helpLines} from '../../source/viewer/help-overlay.js';
import {keyNames} from '../../source/viewer/key-input.js';
import {KEY_ACTIONS, keyLabel, KEYMAP} from '../../source/viewer/keymap.js';

const GUIDE = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/viewer.md'), 'utf8');
const keyTable = GUIDE.slice(GUIDE.indexOf('## Keys'), GUIDE.indexOf('## Jumps and marks'));

test('docs/viewer.md lists every key of the keymap', () => {
	const shown: Record<string, string> = {' ': 'Space', WheelUp: 'wheel', WheelDown: 'wheel'};
	for (const key of KEY_ACTIONS.keys()) {
		const name = shown[key] ?? key;
		expect(keyTable.includes(`\`${name}\``) || (name === 'wheel' && keyTable.includes('| wheel |')), `docs/viewer.md documents ${name}`).toBe(true);
	}
});

test('the help overlay shows every entry, at 80 columns too', () => {
	for (const columns of [80, 200]) {
		const text = helpLines(columns).join('\n');
		for (const section of KEYMAP) {
			expect(text).toContain(section.title);
			for (const entry of section.entries) expect(text).toContain(keyLabel(entry));
		}
	}
});

test('a read with several keys yields each, in order; special keys and mouse reports by name', () => {
	expect(keyNames('j\r', {})).toEqual(['j', 'Enter']);
	expect(keyNames('}\r', {})).toEqual(['}', 'Enter']);
	expect(keyNames('\rjj', {})).toEqual(['Enter', 'j', 'j']);
	expect(keyNames('j\t', {})).toEqual(['j', 'Tab']);
	expect(keyNames('5j\x04', {})).toEqual(['5', 'j', '^D']);
	expect(keyNames('', {return: true})).toEqual(['Enter']);
	expect(keyNames('', {pageDown: true})).toEqual(['PgDn']);
	expect(keyNames('d', {ctrl: true})).toEqual(['^D']);
	expect(keyNames('[<65;12;4M', {})).toEqual(['WheelDown']);
	expect(keyNames('[<64;12;4M', {})).toEqual(['WheelUp']);
	expect(keyNames('[<0;12;4M', {})).toEqual([]);
});
