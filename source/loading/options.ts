// Turns command-line flags into core options, with a one-sentence usage error for bad values.

import type {AlignOptions} from '../core/align.js';
import type {OffsetFlags} from '../core/offsets/offset-source.js';
import {InputError} from '../model/errors.js';
import {parseU64Loose, type Scaling} from '../model/u64.js';
import type {FormatChoice} from '../formats/load.js';
import {formatNames} from '../formats/registry.js';
import {guestFlags, type GuestFlagInput, type OneGuestFlags} from './guest-flags.js';

export interface CommonFlags extends GuestFlagInput {
	format?: string;
	instance?: string;
	/** meow's negation of --recover: `--no-recover` sets it false. */
	recover?: boolean;
	tscKhz?: string;
}

function usage(message: string): InputError {
	return new InputError('usage', message);
}

/** The largest id a trace can hold: pids, tgids, CPUs and vCPUs are 32-bit signed there. */
const MAX_ID = 2 ** 31 - 1;

/** A decimal id of at most MAX_ID; undefined for anything else (a huge one would print as 1e+23). */
function smallId(text: string): number | undefined {
	if (!/^\d+$/.test(text)) return undefined;
	const id = Number(text);
	return id <= MAX_ID ? id : undefined;
}

function parseIdList(text: string, flag: string): number[] {
	const ids = text.split(',').map((part) => smallId(part.trim()));
	if (ids.some((id) => id === undefined)) throw usage(`${flag} takes comma-separated numbers up to ${MAX_ID} (pids, tgids), not "${text}".`);
	return ids as number[];
}

export function parseOffsets(values: readonly string[]): OffsetFlags {
	const flags: OffsetFlags = {perVcpu: new Map()};
	for (const value of values) {
		const eq = value.indexOf('=');
		const target = eq >= 0 ? value.slice(0, eq).trim() : undefined;
		const number = parseU64Loose(eq >= 0 ? value.slice(eq + 1) : value);
		const vcpu = target === undefined ? undefined : smallId(target);
		if (number === undefined || (target !== undefined && vcpu === undefined)) {
			throw usage(
				`--offset takes OFF or VCPU=OFF with OFF a 64-bit integer in KVM's convention (guest = host + OFF), signed or as printed u64, and VCPU up to ${MAX_ID}, not "${value}".`,
			);
		}
		if (vcpu === undefined) flags.all = number;
		else flags.perVcpu.set(vcpu, number);
	}
	return flags;
}

function parseScaling(ratio: string | undefined, fracBits: string | undefined): Scaling | undefined {
	if (ratio === undefined) {
		if (fracBits !== undefined) throw usage('--tsc-frac-bits needs --tsc-ratio.');
		return undefined;
	}
	const r = parseU64Loose(ratio);
	if (r === undefined || r === 0n || ratio.trim().startsWith('-')) throw usage(`--tsc-ratio takes a positive integer, not "${ratio}".`);
	const f = fracBits === undefined ? 48 : Number(fracBits);
	if (!Number.isInteger(f) || f < 0 || f > 63) throw usage(`--tsc-frac-bits takes an integer from 0 to 63, not "${fracBits}".`);
	return {ratio: r, fracBits: BigInt(f)};
}

function parseVcpuMap(text: string): Map<number, number> {
	const map = new Map<number, number>();
	for (const pair of text.split(',')) {
		const match = /^\s*(\d+)\s*=\s*(\d+)\s*$/.exec(pair);
		const cpu = match ? smallId(match[1]!) : undefined;
		const vcpu = match ? smallId(match[2]!) : undefined;
		if (cpu === undefined || vcpu === undefined) throw usage(`--vcpu-map takes GUESTCPU=VCPU pairs such as 0=2,1=3, each up to ${MAX_ID}, not "${text}".`);
		map.set(cpu, vcpu);
	}
	return map;
}

/** --format: `auto` or a name of a registered format. */
export function parseFormat(text: string | undefined): FormatChoice {
	if (text === undefined) return 'auto';
	const names = formatNames();
	if (names.includes(text)) return text;
	throw usage(`--format takes ${names.slice(0, -1).join(', ')} or ${names.at(-1)}, not "${text}".`);
}

function parseKhz(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const khz = Number(text.trim());
	if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(khz >= 1000) || khz > 100_000_000) {
		throw usage(`--tsc-khz takes the TSC's rate in kHz, such as 2918400 for 2918.4 MHz (the kernel's "tsc: Refined TSC clocksource calibration" line in dmesg), not "${text}".`);
	}
	return khz;
}

/** One guest's options (`gN:` prefixes, docs/several-guests.md) per guest file. */
export function guestAlignOptions(flags: CommonFlags, guests: number): AlignOptions[] {
	const tscKhz = parseKhz(flags.tscKhz);
	return guestFlags(flags, guests).map((one) => oneGuestOptions(one, flags, tscKhz));
}

/** The options of a single guest file. */
export function alignOptions(flags: CommonFlags): AlignOptions {
	return guestAlignOptions(flags, 1)[0]!;
}

function oneGuestOptions(flags: OneGuestFlags, common: CommonFlags, tscKhz: number | undefined): AlignOptions {
	return {
		vm: flags.vm === undefined ? undefined : parseIdList(flags.vm, '--vm'),
		offsets: flags.offset && flags.offset.length > 0 ? parseOffsets(flags.offset) : undefined,
		scaling: parseScaling(flags.tscRatio, flags.tscFracBits),
		vcpuMap: flags.vcpuMap === undefined ? undefined : parseVcpuMap(flags.vcpuMap),
		recover: common.recover ?? true,
		tscKhz,
	};
}
