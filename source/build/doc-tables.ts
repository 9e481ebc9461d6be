// The documentation's tables as Markdown, made from the tables the program runs on: the
// README's option table from commands/option-table.ts, the README's short key table and
// docs/viewer.md's full one from viewer/keymap.ts.

import {OPTIONS, type OptionEntry} from '../commands/option-table.js';
import {keyLabel, keyName, KEYMAP, type KeyEntry} from '../viewer/keymap.js';

/** A table cell: a `|` would end it, even inside code. */
const cell = (text: string): string => text.replaceAll('|', '\\|');

function table(head: [string, string], rows: [string, string][]): string {
	return [`| ${head[0]} | ${head[1]} |`, '|---|---|', ...rows.map(([a, b]) => `| ${cell(a)} | ${cell(b)} |`)].join('\n');
}

/** A key or a run of keys as code; words that are not keys (`wheel`, the ranges `a-z`, `1-9`) plain. */
function keysAsCode(names: string): string {
	return names
		.split('  ')
		.map((group) => group.split(' ').map((name) => (name === 'wheel' || /^.-.$/.test(name) ? name : `\`${name}\``)).join(' '))
		.join(', ');
}

/** Every option with a README row, in the table's order. */
export function optionTable(options: Record<string, OptionEntry> = OPTIONS): string {
	const rows = Object.values(options).flatMap((entry) => entry.forms.flatMap((form): [string, string][] => (form.readme ? [[`\`${form.usage}\``, form.readme]] : [])));
	return table(['option', 'meaning'], rows);
}

/** An entry's first keys (the first of each pair's), for the short table. */
const firstKeys = (entry: KeyEntry): string => keysAsCode([...new Set(entry.bind.map(([keys]) => keyName(keys[0]!)))].join(' '));

/** The README's short key table: a row per section of the keymap, each entry as its first keys and its gist. */
export function shortKeyTable(): string {
	return table(
		['', 'Keys'],
		KEYMAP.map((section) => [section.title, section.entries.map((entry) => `${firstKeys(entry)} ${entry.gist}`).join(' · ')]),
	);
}

/** docs/viewer.md's key table: every entry, with all its keys and its whole help. */
export function fullKeyTable(): string {
	return table(
		['Keys', 'What they do'],
		KEYMAP.flatMap((section) => section.entries.map((entry): [string, string] => [keysAsCode(keyLabel(entry)), entry.help])),
	);
}
