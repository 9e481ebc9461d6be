// The keymap is the one list of keys: the help overlay shows every entry, the key tables of
// docs/viewer.md and the README are made from it (test/docs/generated.test.ts holds the files
// to them), and a read holding several keys yields each in order.

import {expect, test} from 'vitest';
import {fullKeyTable, shortKeyTable} from '../../source/build/doc-tables.js';
import {helpLines} from '../../source/viewer/help-overlay.js';
import {keyNames} from '../../source/viewer/key-input.js';
import {KEY_ACTIONS, keyLabel, keyName, KEYMAP, plainHelp} from '../../source/viewer/keymap.js';

const entries = KEYMAP.flatMap((s) => s.entries);
/** The names in a label or a table cell: `j`, `^D`, wheel. */
const names = (text: string): string[] => text.split(/[\s,`]+/).filter(Boolean);

test('every key bound is named where its entry is shown: the help, docs/viewer.md and the README', () => {
	expect(KEY_ACTIONS.size).toBeGreaterThan(50);
	const full = fullKeyTable().split('\n');
	const short = shortKeyTable();
	for (const entry of entries) {
		const bound = entry.bind.flatMap(([keys]) => keys.map(keyName));
		for (const key of bound) expect(names(keyLabel(entry)), `the label ${keyLabel(entry)} names ${key}`).toContain(key);
		const row = full.find((line) => line.endsWith(` | ${entry.help.replaceAll('|', '\\|')} |`));
		expect(row, `docs/viewer.md's row for ${entry.help}`).toBeDefined();
		for (const key of bound) expect(names(row!.split(' | ')[0]!.slice(2)), `docs/viewer.md names ${key}`).toContain(key);
		expect(short).toContain(`\`${keyName(entry.bind[0]![0][0]!)}\``.replace('`wheel`', 'wheel'));
		expect(short).toContain(` ${entry.gist}`);
	}
	expect(full.length - 2).toBe(entries.length);
	expect(short.split('\n').length - 2).toBe(KEYMAP.length);
});

test('the help overlay shows every entry, at 80 columns too', () => {
	for (const columns of [80, 200]) {
		const text = helpLines(columns).join('\n');
		for (const section of KEYMAP) {
			expect(text).toContain(section.title);
			for (const entry of section.entries) {
				expect(text).toContain(keyLabel(entry));
				// Its whole help, wrapped, without the docs' backticks.
				expect(text.replace(/\s+/g, ' ')).toContain(plainHelp(entry));
			}
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
