// Per-guest options: `--vm g2:453724`, `--offset g1:0=-634...`. A `gN:` prefix gives a value
// to the Nth guest file only; an unprefixed value goes to every guest, except `--vm` given
// several times without a prefix, which goes to the guests in file order.

import {InputError} from '../model/errors.js';

/** The options that describe one guest, as one guest sees them. */
export interface OneGuestFlags {
	vm?: string;
	offset?: string[];
	tscRatio?: string;
	tscFracBits?: string;
	vcpuMap?: string;
}

/** The same options as given on the command line (meow gives a list per repeatable flag). */
export type GuestFlagInput = {[K in keyof OneGuestFlags]?: string | string[]};

const FLAG_NAMES: Record<keyof OneGuestFlags, string> = {vm: '--vm', offset: '--offset', tscRatio: '--tsc-ratio', tscFracBits: '--tsc-frac-bits', vcpuMap: '--vcpu-map'};

function usage(message: string): InputError {
	return new InputError('usage', message);
}

function list(value: string | string[] | undefined): string[] {
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `g2:453724` -> guest 2 (0-based 1) and `453724`; undefined guest when unprefixed. */
function split(value: string, flag: string, count: number): {guest: number | undefined; value: string} {
	const match = /^g(\d+):(.*)$/s.exec(value.trim());
	if (!match) return {guest: undefined, value};
	const n = Number(match[1]);
	if (n < 1 || n > count) {
		throw usage(`${flag} ${value}: g${n} names no guest file; there ${count === 1 ? 'is 1 guest file (g1)' : `are ${count} guest files (g1 to g${count})`}.`);
	}
	return {guest: n - 1, value: match[2]!};
}

/** Each guest file's own options, from the flags as meow gives them. */
export function guestFlags(flags: GuestFlagInput, count: number): OneGuestFlags[] {
	const out: OneGuestFlags[] = Array.from({length: count}, () => ({}));
	for (const key of Object.keys(FLAG_NAMES) as (keyof OneGuestFlags)[]) {
		const flag = FLAG_NAMES[key];
		const values = list(flags[key]).map((v) => split(v, flag, count));
		const shared = values.filter((v) => v.guest === undefined).map((v) => v.value);
		if (key === 'offset') {
			// Offsets add up: the shared ones first, a guest's own after them (a later one wins).
			for (let g = 0; g < count; g++) {
				const own = values.filter((v) => v.guest === g).map((v) => v.value);
				if (shared.length + own.length > 0) out[g]!.offset = [...shared, ...own];
			}
			continue;
		}
		if (key === 'vm' && shared.length > 1) {
			if (shared.length !== count) {
				throw usage(`--vm is given ${shared.length} times without a gN: prefix for ${count} guest file${count === 1 ? '' : 's'}; give it once per guest file, in their order, or prefix each with its guest (--vm g2:ID).`);
			}
			shared.forEach((value, g) => (out[g]!.vm = value));
		} else if (shared.length > 1) {
			throw usage(`${flag} is given ${shared.length} times for every guest; give it once, or once per guest with a prefix (${flag} g1:..., ${flag} g2:...).`);
		} else if (shared.length === 1) {
			for (const one of out) one[key] = shared[0];
		}
		const seen = new Set<number>();
		for (const v of values) {
			if (v.guest === undefined) continue;
			if (seen.has(v.guest)) throw usage(`${flag} is given twice for g${v.guest + 1}; give it once per guest.`);
			seen.add(v.guest);
			out[v.guest]![key] = v.value;
		}
	}
	return out;
}
