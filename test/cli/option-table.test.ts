// The option table is the one list of options: meow parses each form as the help and the
// README write it, the unknown-option check knows exactly these, every --help page lists
// the options of its command (wrapped to the help's width), and the README documents each.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import meow from 'meow';
import {describe, expect, it} from 'vitest';
import {unknownOption} from '../../source/commands/argv.js';
import {HELP_WIDTH, helpText} from '../../source/commands/help.js';
import {helpForms, meowFlags, OPTIONS, type HelpPage, type OptionEntry} from '../../source/commands/option-table.js';
import {SCENARIOS} from '../../source/sim/scenarios.js';

const README = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');
const flags = meowFlags(OPTIONS);
const entries = Object.entries(OPTIONS) as [string, OptionEntry][];
const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const PAGES: HelpPage[] = ['general', 'merge', 'check', 'export', 'simulate'];

/** What meow makes of `argv` with the table's flags. */
const parse = (argv: string[]) => meow({importMeta: import.meta, argv, flags, autoHelp: false, autoVersion: false, allowUnknownFlags: false}).flags as Record<string, unknown>;

/** A form's usage as a command line: the flag, then a value for each placeholder word. */
function argvOf(usage: string): string[] {
	const [flag, ...rest] = usage.split(', ').at(-1)!.split(' ');
	return rest.length > 0 ? [flag!, usage.includes('=') ? '1=2' : '7'] : [flag!];
}

describe('the option table', () => {
	it.each(entries)('meow reads --%s in every form the help and README write', (name, entry) => {
		for (const form of entry.forms) {
			const argv = argvOf(form.usage);
			const flag = entry.default === true ? `--no-${kebab(name)}` : `--${kebab(name)}`;
			expect(form.usage.startsWith(flag) || form.usage.startsWith(`-${entry.shortFlag}, ${flag}`), form.usage).toBe(true);
			const value = parse(argv)[name];
			if (entry.type === 'boolean') expect(value).toBe(entry.default !== true);
			else expect(value).toEqual(entry.isMultiple ? [argv[1]] : argv[1]);
			expect(unknownOption(argv, flags)).toBeUndefined();
			if (entry.shortFlag) expect(parse([`-${entry.shortFlag}`, ...argv.slice(1)])[name]).toBe(entry.type === 'boolean' ? true : argv[1]);
		}
	});

	it('the unknown-option check knows only the table', () => {
		expect(Object.keys(flags)).toEqual(Object.keys(OPTIONS));
		expect(unknownOption(['--bogus', '1'], flags)).toBe('--bogus');
		expect(unknownOption(['-z', 'x'], flags)).toBe('-z');
		expect(unknownOption(['--no-json'], flags)).toBeUndefined();
	});

	it('every --help page lists the options of its command, and only those, wrapped to the help width', () => {
		for (const page of PAGES) {
			const text = helpText(page === 'general' ? undefined : page);
			const section = text.slice(text.indexOf('\nOptions\n') + 9).split('\n\n')[0]!;
			for (const [, entry] of entries) {
				const listed = page === 'general' || (entry.commands as readonly string[]).includes(page);
				for (const form of entry.forms) expect(section.includes(`  ${form.usage} `), `${page} help: ${form.usage}`).toBe(listed);
			}
			for (const line of section.split('\n')) expect(line.length, line).toBeLessThanOrEqual(HELP_WIDTH);
			// Every word of each option's help is there, in order, whatever the line breaks.
			const flat = section.replace(/\s+/g, ' ');
			for (const {usage, help} of helpForms(page)) expect(flat).toContain(`${usage} ${help}`);
		}
	});

	it('the README documents every option: the options of the viewer, merge and check in its table, the rest where their command is', () => {
		for (const [name, entry] of entries) {
			for (const form of entry.forms) {
				if (entry.commands.some((c) => c !== 'simulate')) expect(form.readme, `README row for ${form.usage}`).toBeTruthy();
				else if (entry.commands.length > 0) expect(README, `README: ${form.usage}`).toContain(form.usage);
				else expect(README.includes(form.usage) || helpText(undefined).includes(`  ${form.usage} `), name).toBe(true);
			}
		}
	});

	it('--scenario names every scenario simulate takes', () => {
		for (const page of ['general', 'simulate'] as const) {
			const help = helpForms(page).find((f) => f.usage === '--scenario NAME')!.help;
			for (const name of SCENARIOS) expect(help).toMatch(new RegExp(`\\b${name}\\b`));
		}
	});
});
