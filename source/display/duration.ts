// Durations for people: auto-scaled to ns, µs, ms or s, keeping nanosecond resolution where
// the number stays short (12.345 µs, 1.234567 ms is too long: 1.235 ms).

/**
 * `845 ns`, `12.345 µs`, `123.456 ms`, `6.123456 s`; `signed` adds `+` to positive values.
 * `exact` keeps every nanosecond (`123.456789 ms`, `6.123456789 s`), for a column where
 * neighbouring rows differ by a few.
 */
export function formatDuration(ns: bigint, signed = false, exact = false): string {
	const negative = ns < 0n;
	const abs = negative ? -ns : ns;
	const sign = negative ? '-' : signed ? '+' : '';
	if (abs < 1000n) return `${sign}${abs} ns`;
	if (abs < 1_000_000n) return `${sign}${decimal(abs, 1000n, 3)} µs`;
	if (abs < 1_000_000_000n) return `${sign}${decimal(abs, 1_000_000n, exact ? 6 : 3)} ms`;
	return `${sign}${decimal(abs, 1_000_000_000n, exact ? 9 : 6)} s`;
}

/** `value / unit` with `digits` decimals, truncated (a duration is never rounded up past a boundary). */
function decimal(value: bigint, unit: bigint, digits: number): string {
	const whole = value / unit;
	const scale = unit / 10n ** BigInt(digits);
	const fraction = (value % unit) / scale;
	return `${whole}.${String(fraction).padStart(digits, '0')}`;
}

/** Cycles with a sign and unit, for when no TSC rate is known: `+12345 cyc`. */
export function formatCycles(cycles: bigint, signed = false): string {
	return `${cycles > 0n && signed ? '+' : ''}${cycles} cyc`;
}
