// What a trace.dat says about itself, as `trace.meta`. Plain data (bigints for 64-bit
// values) so it can be printed as JSON with bigints turned into strings.

/** One TIME_SHIFT sample of one guest CPU, exactly as trace-cmd stored it. */
export interface TimeShiftSample {
	/** Guest time (raw guest ring-buffer timestamp, TSC for KVM tsync) the sample was taken at. */
	time: bigint;
	/**
	 * Offset AS STORED: host minus guest (signed). trace-cmd's KVM tsync stores the NEGATED
	 * KVM tsc_offset, so for an unscaled guest `host = guest + offset`, and KVM's offset
	 * (guest = host + OFF) is `-offset`; see `kvmOffset()`.
	 */
	offset: bigint;
	/** TSC scaling ratio as stored (1 or 0 when the guest TSC is not scaled). */
	scaling: bigint;
	/** Fraction bits of `scaling` (0 when the file has no fraction arrays). */
	fracBits: number;
}

export interface TimeShiftCpu {
	/** Guest CPU index (the position in the option). */
	cpu: number;
	/** In the stored order (trace-cmd sorts by time before use). */
	samples: TimeShiftSample[];
}

/** TIME_SHIFT option (id 12): how this (guest) file's clock maps to its peer (host). */
export interface TimeShift {
	/** TRACEID of the peer (host) file; trace-cmd does not check it. */
	peerTraceId: bigint;
	/** Raw flags; bit 0 = interpolate between samples. */
	flags: number;
	interpolate: boolean;
	cpus: TimeShiftCpu[];
}

/** GUEST option (id 13) in a host file: one traced guest and its vCPU threads. */
export interface GuestInfo {
	/** Guest name given to trace-cmd (may be empty). */
	name: string;
	/** TRACEID of the guest's own file. */
	traceId: bigint;
	/** vCPU id -> host thread id (pid) running it. */
	vcpus: {vcpu: number; pid: number}[];
}

/** TSC2NSEC option (id 14): ns = (ts * multiplier) >> shift. */
export interface Tsc2Nsec {
	multiplier: number;
	shift: number;
	/** Stored but not applied by trace-cmd's reader. */
	offset: bigint;
}

export interface DatMeta {
	format: 'trace.dat';
	version: 6 | 7;
	endianness: 'little' | 'big';
	/** sizeof(long) of the recording tool (header byte). */
	userLongSize: number;
	/** sizeof(long) of the traced kernel (header_page), used for page headers and long fields. */
	kernelLongSize: number;
	/** Page size of the first buffer read that holds data (the top-level one unless it is empty or --instance names another). */
	pageSize: number;
	compression: {algorithm: 'none' | 'zlib' | 'zstd'; version: string};
	/**
	 * Trace clock of the buffers read (they share one), as trace-cmd decides it ("x86-tsc", "local", ...): the
	 * TRACECLOCK option's selection for the top buffer, else the buffer's own clock; undefined
	 * when the file names none (trace-cmd then assumes "local").
	 */
	clock: string | undefined;
	/** v7: the clock the first buffer's BUFFER option names (e.g. "tsc2nsec" over an x86-tsc trace clock). */
	bufferClock: string | undefined;
	/** True when raw timestamps are counter ticks (x86-tsc, tsc2nsec over the TSC, counter). */
	counterClock: boolean;
	/** TRACEID option (id 11): this file's session id. */
	traceId: bigint | undefined;
	tsc2nsec: Tsc2Nsec | undefined;
	/** TIME_SHIFT option of a guest file; undefined when absent. */
	timeShift: TimeShift | undefined;
	/** GUEST options of a host file (one per guest); empty when none. */
	guests: GuestInfo[];
	/** Buffer instance names in the file; "" is the top-level buffer. */
	instances: string[];
	/** The buffers that were read, in merge order ("" = top level): all of them unless --instance named one. */
	buffersRead: string[];
	/** CPU count of the file. */
	cpus: number;
	uname: string | undefined;
	/** trace-cmd version that wrote the file (VERSION option). */
	traceCmdVersion: string | undefined;
	/** DATE option (µs offset text) and OFFSET option (ns text), as stored; not applied. */
	date: string | undefined;
	offset: string | undefined;
	/** Things the reader had to skip or guess, one sentence each (e.g. a truncated last page). */
	notes: string[];
}

const U64 = (1n << 64n) - 1n;

/** KVM's tsc_offset (guest = host + OFF, as u64) for a stored TIME_SHIFT offset (host - guest). */
export function kvmOffset(sample: TimeShiftSample): bigint {
	return -sample.offset & U64;
}

/**
 * KVM's TSC scaling (guest = (host * ratio) >> fracBits + OFF) of a sample, or undefined when
 * the guest TSC is not scaled (trace-cmd stores 1 for the default ratio, or 1 << fracBits).
 */
export function kvmScaling(sample: TimeShiftSample): {ratio: bigint; fracBits: bigint} | undefined {
	const fracBits = BigInt(sample.fracBits);
	if (sample.scaling === 0n || sample.scaling === 1n || sample.scaling === 1n << fracBits) return undefined;
	return {ratio: sample.scaling, fracBits};
}
