// `--from` / `--to`: the stretch of host time an export covers, as a host TSC or as a time
// since the first event with its unit (`12.5ms`), the viewer's "since first" clock.

import {InputError} from '../../model/errors.js';
import {U64_MASK} from '../../model/u64.js';
import type {TimeBase} from './time.js';

export type TimeBound = {text: string; tsc: bigint} | {text: string; ns: bigint};

export interface ExportRange {
	from?: TimeBound;
	to?: TimeBound;
}

const UNITS: Record<string, bigint> = {ns: 1n, us: 1000n, µs: 1000n, ms: 1_000_000n, s: 1_000_000_000n};

/** A bound as typed; a time is truncated to the nanosecond. */
export function parseBound(text: string, flag: '--from' | '--to'): TimeBound {
	const plain = text.trim();
	if (/^\d+$/.test(plain) && BigInt(plain) <= U64_MASK) return {text: plain, tsc: BigInt(plain)};
	const match = /^(\d+)(?:\.(\d+))?(ns|us|µs|ms|s)$/.exec(plain);
	if (!match) {
		throw new InputError(
			'usage',
			`${flag} takes a host TSC (such as 64643040010766) or a time since the first event with its unit (such as 12.5ms, 800us, 2s), not "${text}".`,
		);
	}
	const fraction = match[2] ?? '';
	const ns = (BigInt(match[1]! + fraction) * UNITS[match[3]!]!) / 10n ** BigInt(fraction.length);
	return {text: plain, ns};
}

export interface TscRange {
	/** Inclusive host TSC bounds. */
	from: bigint;
	to: bigint;
}

export function resolveRange(range: ExportRange, time: TimeBase): TscRange {
	const {from, to} = range;
	const lo = from === undefined ? 0n : 'tsc' in from ? from.tsc : time.firstTscAt(from.ns);
	const hi = to === undefined ? U64_MASK : 'tsc' in to ? to.tsc : time.firstTscAt(to.ns + 1n) - 1n;
	if (from && to && lo > hi) throw new InputError('usage', `--from ${from.text} lies after --to ${to.text}: give the earlier time to --from.`);
	return {from: lo, to: hi};
}
