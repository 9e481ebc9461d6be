// Where everything is in a trace.dat, once the metadata has been read (v6 or v7).

import type {FileHeader} from './header.js';
import type {FormatText, PageHeader} from './items.js';
import type {RawOption} from './options.js';

/** One CPU's ring-buffer pages of one instance: absolute offset and size as stored. */
export interface CpuData {
	cpu: number;
	offset: number;
	size: number;
}

export interface BufferInfo {
	/** "" for the top-level buffer. */
	name: string;
	clock: string | undefined;
	pageSize: number;
	/** Only CPUs that have data, in increasing CPU order. */
	cpus: CpuData[];
	/** v7: the data is in chunks compressed with the file's algorithm. */
	compressed: boolean;
	/** Latency-format ASCII instead of pages (not readable here). */
	latency: boolean;
}

export interface DatLayout {
	header: FileHeader;
	page: PageHeader;
	formats: FormatText[];
	cmdlines: string;
	/** kallsyms and printk_formats are read only when a rendering needs them. */
	kallsyms: () => Uint8Array;
	printk: () => string;
	options: RawOption[];
	buffers: BufferInfo[];
	cpuCount: number;
	/** The clock selected in the TRACECLOCK option (v6: or the clock trailer); trace-cmd lets it win for the top buffer. */
	traceClock: string | undefined;
	notes: string[];
}
