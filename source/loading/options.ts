// Turns command-line flags into core options, with a one-sentence usage error for bad values.

import type {AlignOptions} from '../core/align.js';
import type {OffsetFlags} from '../core/offsets/offset-source.js';
import {InputError} from '../model/errors.js';
import {parseU64Loose, type Scaling} from '../model/u64.js';
import type {FormatChoice} from '../formats/load.js';
import {formatNames} from '../formats/registry.js';

export interface CommonFlags {
	vm?: string;
	offset?: string[];
	tscRatio?: string;
	tscFracBits?: string;
	vcpuMap?: string;
	format?: string;
	instance?: string;
	/** meow's negation of --recover: `--no-recover` sets it false. */
	recover?: boolean;
	tscKhz?: string;
}

function usage(message: string): InputError {
	return new InputError('usage', message);
}

function parseIdList(text: string, flag: string): number[] {
	const ids = text.split(',').map((part) => part.trim());
	if (ids.some((id) => !/^\d+$/.test(id))) throw usage(`${flag} takes comma-separated numbers, not "${text}".`);
	return ids.map(Number);
}

export function parseOffsets(values: readonly string[]): OffsetFlags {
	const flags: OffsetFlags = {perVcpu: new Map()};
	for (const value of values) {
		const eq = value.indexOf('=');
		const target = eq >= 0 ? value.slice(0, eq).trim() : undefined;
		const number = parseU64Loose(eq >= 0 ? value.slice(eq + 1) : value);
		if (number === undefined || (target !== undefined && !/^\d+$/.test(target))) {
			throw usage(
				`--offset takes OFF or VCPU=OFF with OFF a 64-bit integer in KVM's convention (guest = host + OFF), signed or as printed u64, not "${value}".`,
			);
		}
		if (target === undefined) flags.all = number;
		else flags.perVcpu.set(Number(target), number);
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
		if (!match) throw usage(`--vcpu-map takes GUESTCPU=VCPU pairs such as 0=2,1=3, not "${text}".`);
		map.set(Number(match[1]), Number(match[2]));
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

export function alignOptions(flags: CommonFlags): AlignOptions {
	return {
		vm: flags.vm === undefined ? undefined : parseIdList(flags.vm, '--vm'),
		offsets: flags.offset && flags.offset.length > 0 ? parseOffsets(flags.offset) : undefined,
		scaling: parseScaling(flags.tscRatio, flags.tscFracBits),
		vcpuMap: flags.vcpuMap === undefined ? undefined : parseVcpuMap(flags.vcpuMap),
		recover: flags.recover ?? true,
		tscKhz: parseKhz(flags.tscKhz),
	};
}
