// What an offset source is: where one vCPU's TSC offset can come from, how it finds it, and
// how it names what started an epoch. sources.ts lists them in order of precedence; align
// takes the first that finds an offset for the vCPU (docs/conversion.md).

import type {Trace} from '../../model/trace.js';
import type {OffsetWrite} from '../../model/trace.js';
import type {Scaling} from '../../model/u64.js';
import type {Epoch, LostWrite, OffsetSource} from '../epochs.js';
import type {RunWindows} from '../windows.js';
import type {VcpuRecovery} from './recovery/vcpu.js';

export interface OffsetFlags {
	/** `--offset OFF`: every vCPU without a traced write. */
	all?: bigint;
	/** `--offset VCPU=OFF`. */
	perVcpu: Map<number, bigint>;
}

/** What a source may look at for one vCPU. */
export interface VcpuOffsetContext {
	host: Trace;
	guest: Trace;
	vcpu: number;
	/** The vCPU's traced kvm_write_tsc_offset events (its VM's threads only). */
	writes: readonly OffsetWrite[];
	/** The guest CPUs that map to the vCPU. */
	guestCpus: readonly number[];
	/** The vCPU's guest events, in record order. */
	events: Uint32Array;
	/** The vCPU thread's run windows; undefined when the host trace shows none. */
	windows: RunWindows | undefined;
	/** The TSC of a host thread's last kvm_entry before a TSC (-1 when none). */
	lastEntryBefore(pid: number, tsc: bigint): bigint;
	offsets: OffsetFlags | undefined;
	scaling: Scaling | undefined;
	/** Recovery from the run windows is allowed (not --no-recover). */
	recover: boolean;
}

export interface FoundOffsets {
	epochs: Epoch[];
	/** Writes whose `prev` shows an earlier write was lost. */
	lost?: LostWrite[];
	/** What the conversion cannot follow, one sentence each. */
	notes?: string[];
	/** Recovered offsets: assigned piece by piece, not epoch by epoch. */
	recovery?: VcpuRecovery;
}

export interface OffsetSourceEntry {
	/** As merge --json (`offset_source`), check and the epochs name it. */
	readonly name: OffsetSource;
	/**
	 * A single offset it gives is stated from outside the run windows (--offset, TIME_SHIFT):
	 * check compares it with the other stated ones and with the offset the windows allow.
	 */
	readonly stated: boolean;
	/** The vCPU's epochs from this source; undefined when it gives none. */
	find(context: VcpuOffsetContext): FoundOffsets | undefined;
	/** What started an epoch of this source, for the viewer: `write at host TSC t (msr_write 10)`. */
	describe(epoch: Epoch): string;
}
