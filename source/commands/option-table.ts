// Every command-line option, once. meow's flags (cli.tsx), the option sections of `--help`
// and `COMMAND --help` (help.ts), the unknown-option check (argv.ts) and the README's option
// table (`npm run docs`, source/build/) all come from this table: a new option is one entry
// here, its parsing where its command reads it (loading/options.ts for the viewer, merge and
// check; commands/export.ts for export), then `npm run docs`.

import {formatNames} from '../formats/registry.js';
import type {ExportFlags} from './export.js';
import type {CommandFlags} from './run.js';
import type {SimulateFlags} from './simulate.js';

/** What can take an option: the viewer (`tscalign HOST GUEST`) or a command. */
export type Command = 'viewer' | 'merge' | 'check' | 'export' | 'simulate';

/** A page of help: `tscalign --help`, which lists every option, or one command's. */
export type HelpPage = 'general' | Exclude<Command, 'viewer'>;

export interface OptionForm {
	/** How it is written, in the help and the README alike: `--offset VCPU=OFF`. */
	usage: string;
	/** Its words in `--help`, wrapped there to the help's width. */
	help: string;
	/** Other words on one page, where that page says it its own way. */
	helpOn?: Partial<Record<HelpPage, string>>;
	/** Its row of the README's option table (Markdown); without one the README tells of it elsewhere. */
	readme?: string;
}

export interface OptionEntry {
	// meow's part (its names and meanings).
	type: 'string' | 'boolean';
	default?: boolean;
	isMultiple?: boolean;
	shortFlag?: string;
	/** What takes it; none: tscalign answers it before any command (--help, --version). */
	commands: readonly Command[];
	/** One form, or more when it takes its value in more than one shape. */
	forms: readonly OptionForm[];
}

const ALIGN: readonly Command[] = ['viewer', 'merge', 'check', 'export'];
const formats = formatNames();
const scenarios = 'demo, forward-write, backward-write, ambiguous, two-vms, no-write, scaled, two-guests or random (default demo)';

/** In the order `--help` lists them; keyed by meow's (camelCase) name. */
export const OPTIONS = {
	json: {
		type: 'boolean',
		default: false,
		commands: ['merge', 'check'],
		forms: [
			{
				usage: '--json',
				help: 'merge: JSON Lines, one object per event; check: one JSON object',
				helpOn: {merge: 'JSON Lines, one object per event', check: 'one JSON object instead of text'},
				readme: '`merge`: JSON Lines; `check`: one JSON object',
			},
		],
	},
	vm: {
		type: 'string',
		isMultiple: true,
		commands: ALIGN,
		forms: [
			{
				usage: '--vm ID[,ID...]',
				help: "the guest's VM on the host: its tgid, or its vCPU threads' pids (several guest files: --vm g2:ID for the second, or once per guest in file order)",
				readme: "the guest's VM on the host: its tgid, or its vCPU threads' pids. Needed only when tscalign cannot tell (several VMs, or colliding vCPU ids and no tgid); it then stops and lists what it found. Several guests: `--vm g2:ID` ([several-guests.md](docs/several-guests.md))",
			},
		],
	},
	offset: {
		type: 'string',
		isMultiple: true,
		commands: ALIGN,
		forms: [
			{
				usage: '--offset OFF',
				help: "TSC offset for vCPUs with no traced kvm_write_tsc_offset, in KVM's convention (guest = host + OFF), signed or as printed u64",
				readme: "TSC offset for every vCPU without a traced `kvm_write_tsc_offset`, in KVM's convention (`guest = host + OFF`): signed as debugfs prints it (`-63430235715905`) or unsigned as the tracepoint does; negate a trace-cmd TimeShift value. Traced writes win",
			},
			{usage: '--offset VCPU=OFF', help: 'the same for one vCPU (repeat the flag for several)', readme: 'the same for one vCPU; repeat for several'},
		],
	},
	tscRatio: {
		type: 'string',
		isMultiple: true,
		commands: ALIGN,
		forms: [{usage: '--tsc-ratio N', help: 'TSC scaling ratio of a scaled guest (guest = host * N >> F + OFF)', readme: "a TSC-scaled guest: KVM's ratio (`guest = (host * N >> F) + OFF`)"}],
	},
	tscFracBits: {
		type: 'string',
		isMultiple: true,
		commands: ALIGN,
		forms: [{usage: '--tsc-frac-bits F', help: 'fraction bits of the ratio (default 48; 32 on AMD)', readme: 'fraction bits of the ratio: 48 (Intel, the default) or 32 (AMD)'}],
	},
	vcpuMap: {
		type: 'string',
		isMultiple: true,
		commands: ALIGN,
		forms: [{usage: '--vcpu-map 0=2,1=3', help: 'guest CPU to vCPU (default: guest CPU n is vCPU n)', readme: 'guest CPU to vCPU id (default: guest CPU n is vCPU n)'}],
	},
	recover: {
		type: 'boolean',
		default: true,
		commands: ALIGN,
		forms: [
			{
				usage: '--no-recover',
				help: 'do not recover offsets from run windows when no write, --offset or TIME_SHIFT gives one',
				readme: 'do not recover offsets from the run windows (nor check other offsets against them)',
			},
		],
	},
	tscKhz: {
		type: 'string',
		commands: ALIGN,
		forms: [
			{
				usage: '--tsc-khz N',
				help: 'the TSC\'s rate in kHz, for times in ns, µs, ms and s (viewer, check, export; dmesg: "tsc: Refined TSC clocksource calibration: 2918.400 MHz" is 2918400); a trace.dat recorded with trace-cmd\'s tsc2nsec clock carries it already',
				// merge prints TSCs only; it takes the flag so that one command line serves check, export and merge.
				helpOn: {merge: 'not used by merge, which prints TSCs, not times; taken so that check, export and merge can share one command line'},
				readme: "the TSC's rate in kHz, for times in ns, µs, ms, s (viewer, `check`, `export`): `dmesg | grep -i 'tsc.*MHz'` prints it (`Refined TSC clocksource calibration: 2918.400 MHz` is `--tsc-khz 2918400`). A trace.dat recorded with trace-cmd's tsc2nsec clock holds it (TSC2NSEC)",
			},
		],
	},
	format: {
		type: 'string',
		commands: ALIGN,
		forms: [
			{
				usage: '--format FORMAT',
				help: `${formats[0]} (default), ${formats.slice(1, -1).join(', ')} or ${formats.at(-1)}`,
				readme: `the input format: ${formats[0]} (detected, the default), ${formats.slice(1, -1).join(', ')} or ${formats.at(-1)}`,
			},
		],
	},
	instance: {
		type: 'string',
		commands: ALIGN,
		forms: [
			{
				usage: '--instance NAME',
				help: 'trace.dat: read only buffer instance NAME, or top for the top-level buffer (default: every buffer, merged by time)',
				readme: 'trace.dat: read only buffer instance NAME (`top`: the top-level buffer)',
			},
		],
	},
	output: {
		type: 'string',
		shortFlag: 'o',
		commands: ['export'],
		forms: [
			{
				usage: '-o, --output FILE',
				help: 'export: write the JSON trace to FILE (gzip-compressed when FILE ends in .gz); - or none: standard output',
				helpOn: {export: 'write the JSON trace to FILE, gzip-compressed when FILE ends in .gz (- or none: standard output)'},
				readme: '`export`: the file to write, gzip-compressed when it ends in `.gz` (`-` or none: standard output)',
			},
		],
	},
	from: {
		type: 'string',
		commands: ['export'],
		forms: [
			{
				usage: '--from T',
				help: 'export: start at host TSC T, or T after the first event with a unit (12.5ms, 800us, 2s; needs the TSC rate)',
				helpOn: {export: 'start at host TSC T, or at time T after the first event with its unit (12.5ms, 800us, 2s)'},
				readme: '`export`: start at host TSC T, or T after the first event with a unit (`12.5ms`, `800us`, `2s`)',
			},
		],
	},
	to: {
		type: 'string',
		commands: ['export'],
		forms: [
			{
				usage: '--to T',
				help: 'export: end at host TSC T, or T after the first event with a unit (both ends included)',
				helpOn: {export: 'end at host TSC T, or at time T after the first event (both ends included)'},
				readme: '`export`: end at host TSC T, or T after the first event (both ends included)',
			},
		],
	},
	scenario: {
		type: 'string',
		commands: ['simulate'],
		forms: [{usage: '--scenario NAME', help: scenarios, helpOn: {general: `simulate: ${scenarios}`}}],
	},
	events: {
		type: 'string',
		commands: ['simulate'],
		forms: [
			{
				usage: '--events N',
				help: 'instead of a scenario: a lab-like pair of about N events, host and guest together (up to 50000000), to try the viewer at scale',
				helpOn: {general: 'simulate: a lab-like pair of about N events (host + guest)'},
			},
		],
	},
	guests: {
		type: 'string',
		commands: ['simulate'],
		forms: [
			{
				usage: '--guests N',
				help: 'with --scenario random: N guests on the host, one file each (guest1.txt, ...; default 1)',
				helpOn: {general: 'simulate: with --scenario random, N guests (one file each)'},
			},
		],
	},
	seed: {
		type: 'string',
		commands: ['simulate'],
		forms: [{usage: '--seed N', help: 'another capture of the same kind (default 1)', helpOn: {general: 'simulate: another capture of the same kind (default 1)'}}],
	},
	help: {type: 'boolean', shortFlag: 'h', commands: [], forms: [{usage: '-h, --help', help: 'this text'}]},
	version: {type: 'boolean', commands: [], forms: [{usage: '--version', help: "tscalign's version"}]},
} as const satisfies Record<string, OptionEntry>;

export type OptionName = keyof typeof OPTIONS;

// Every flag the commands read is in the table: a missing one fails the build here.
const everyFlagRead: Record<Exclude<keyof CommandFlags | keyof ExportFlags | keyof SimulateFlags, OptionName>, never> = {};
void everyFlagRead;

type MeowFlag<E> = {[K in Extract<keyof E, 'type' | 'default' | 'isMultiple' | 'shortFlag'>]: E[K]};

/** meow's `flags` option: the table without its words. */
export function meowFlags<T extends Record<string, OptionEntry>>(table: T): {[N in keyof T]: MeowFlag<T[N]>} {
	const flags: Record<string, Partial<OptionEntry>> = {};
	for (const [name, {type, default: value, isMultiple, shortFlag}] of Object.entries(table)) {
		flags[name] = {type, ...(value === undefined ? {} : {default: value}), ...(isMultiple ? {isMultiple} : {}), ...(shortFlag ? {shortFlag} : {})};
	}
	return flags as {[N in keyof T]: MeowFlag<T[N]>};
}

/** The forms a page of help lists, with that page's words: every option on the general page, a command's own on its page. */
export function helpForms(page: HelpPage, table: Record<string, OptionEntry> = OPTIONS): {usage: string; help: string}[] {
	const shown = Object.values(table).filter((entry) => page === 'general' || entry.commands.includes(page));
	return shown.flatMap((entry) => entry.forms.map((form) => ({usage: form.usage, help: form.helpOn?.[page] ?? form.help})));
}
