// Exact unsigned 64-bit arithmetic on BigInt. TSCs pass 2^53 after ~35 days of uptime,
// so JavaScript numbers are never used for a timestamp or an offset.

export const U64_MOD = 1n << 64n;
export const U64_MASK = U64_MOD - 1n;
const I64_MIN = -(1n << 63n);

export function wrapU64(value: bigint): bigint {
	return value & U64_MASK;
}

/** The signed (two's complement) reading of a u64, as debugfs and KVM print offsets. */
export function toSigned(value: bigint): bigint {
	return value >= 1n << 63n ? value - U64_MOD : value;
}

/**
 * Parses an offset or TSC given by a person: signed decimal (`-63430235715905`), the u64
 * spelling the tracepoint prints (`18446680643473835711`), or hex (`0x...`, `-0x...`).
 * Returns undefined when the text is not a number that fits in 64 bits.
 */
export function parseU64Loose(text: string): bigint | undefined {
	const match = /^\s*([+-]?)(0x[0-9a-f]+|\d+)\s*$/i.exec(text);
	if (!match) return undefined;
	const magnitude = BigInt(match[2]!);
	const value = match[1] === '-' ? -magnitude : magnitude;
	if (value < I64_MIN || value > U64_MASK) return undefined;
	return wrapU64(value);
}

/** Parses a run of ASCII digits known to be a counter; undefined when it does not fit in u64. */
export function parseDecimalU64(digits: string): bigint | undefined {
	// Up to 15 digits fit a double exactly, and BigInt(number) is cheaper than BigInt(string).
	const value = digits.length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
	return value > U64_MASK ? undefined : value;
}

export interface Scaling {
	/** KVM's multiplier: guest = (host * ratio) >> fracBits. */
	ratio: bigint;
	fracBits: bigint;
}

/**
 * Guest TSC to host TSC (docs/domain.md §1-2): the smallest host TSC that maps to `guest`
 * under `guest = ((host * ratio) >> frac) + offset`. Undefined when that host TSC would not
 * fit in 64 bits (a ratio below 1): no host TSC maps to the guest TSC under this offset.
 */
export function guestToHost(guest: bigint, offset: bigint, scaling?: Scaling): bigint | undefined {
	const unshifted = (guest - offset) & U64_MASK;
	if (!scaling) return unshifted;
	const numerator = unshifted << scaling.fracBits;
	const host = (numerator + scaling.ratio - 1n) / scaling.ratio;
	return host > U64_MASK ? undefined : host;
}

/** Host TSC to guest TSC, KVM's forward direction (used by the simulator and tests). */
export function hostToGuest(host: bigint, offset: bigint, scaling?: Scaling): bigint {
	const scaled = scaling ? (host * scaling.ratio) >> scaling.fracBits : host;
	return (scaled + offset) & U64_MASK;
}

export function formatSigned(value: bigint): string {
	return toSigned(value).toString();
}
