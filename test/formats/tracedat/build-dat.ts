// Writes small trace.dat files for tests, following docs/tracedat-format.md: v6 or v7, either byte
// order, 32- or 64-bit kernels, zlib sections, instances and extra options. Pages are built
// record by record so every record type and page flag can be exercised.

import zlib from 'node:zlib';

export interface Order {
	little: boolean;
	/** Kernel long size: page header commit word and missed-events count. */
	longSize: 4 | 8;
}

class Bytes {
	readonly parts: Buffer[] = [];
	length = 0;
	constructor(readonly order: Order) {}

	raw(bytes: Uint8Array): this {
		this.parts.push(Buffer.from(bytes));
		this.length += bytes.length;
		return this;
	}

	u8(v: number): this {
		return this.raw(Uint8Array.of(v));
	}

	u16(v: number): this {
		const b = Buffer.alloc(2);
		if (this.order.little) b.writeUInt16LE(v);
		else b.writeUInt16BE(v);
		return this.raw(b);
	}

	u32(v: number): this {
		const b = Buffer.alloc(4);
		if (this.order.little) b.writeUInt32LE(v >>> 0);
		else b.writeUInt32BE(v >>> 0);
		return this.raw(b);
	}

	i32(v: number): this {
		return this.u32(v >>> 0);
	}

	u64(v: bigint | number): this {
		const b = Buffer.alloc(8);
		const value = BigInt.asUintN(64, BigInt(v));
		if (this.order.little) b.writeBigUInt64LE(value);
		else b.writeBigUInt64BE(value);
		return this.raw(b);
	}

	long(v: bigint | number): this {
		return this.order.longSize === 8 ? this.u64(v) : this.u32(Number(v));
	}

	str(s: string): this {
		return this.raw(Buffer.from(`${s}\0`, 'utf8'));
	}

	text(s: string): this {
		return this.raw(Buffer.from(s, 'utf8'));
	}

	pad(to: number): this {
		return this.length % to === 0 ? this : this.raw(Buffer.alloc(to - (this.length % to)));
	}

	bytes(): Buffer {
		return Buffer.concat(this.parts);
	}
}

export function bytes(order: Order): Bytes {
	return new Bytes(order);
}

/** One record on a page. `delta` is the 27-bit time delta of the record header. */
export type Rec =
	| {kind: 'event'; delta: number; payload: Uint8Array; forceLength0?: boolean}
	| {kind: 'extend'; delta: number; high: number}
	| {kind: 'stamp'; delta: number; high: number}
	| {kind: 'pad'; delta: number; length: number};

function header(order: Order, typeLen: number, delta: number): number {
	return order.little ? ((delta << 5) | typeLen) >>> 0 : ((typeLen << 27) | delta) >>> 0;
}

export interface PageSpec {
	ts: bigint;
	records: Rec[];
	/** Missed events before this page: a count, or -1 for "some" (no count stored). */
	missed?: number;
	/** Claim a different commit size than the records take (to build broken pages). */
	commit?: number;
}

export function page(order: Order, pageSize: number, spec: PageSpec): Buffer {
	const data = bytes(order);
	for (const r of spec.records) {
		if (r.kind === 'event') {
			const len = r.payload.length;
			const aligned = Buffer.alloc((len + 3) & ~3);
			aligned.set(r.payload);
			if (!r.forceLength0 && aligned.length <= 28 * 4 && aligned.length > 0) {
				data.u32(header(order, aligned.length / 4, r.delta)).raw(aligned);
			} else {
				data.u32(header(order, 0, r.delta)).u32(aligned.length + 4).raw(aligned);
			}
		} else if (r.kind === 'extend') {
			data.u32(header(order, 30, r.delta)).u32(r.high);
		} else if (r.kind === 'stamp') {
			data.u32(header(order, 31, r.delta)).u32(r.high);
		} else {
			data.u32(header(order, 29, r.delta)).u32(r.length).raw(Buffer.alloc(Math.max(0, r.length - 4)));
		}
	}
	const body = data.bytes();
	let commit = spec.commit ?? body.length;
	if (spec.missed !== undefined) commit |= spec.missed >= 0 ? 0xc0000000 : 0x80000000;
	const out = bytes(order).u64(spec.ts).long(BigInt(commit >>> 0)).raw(body);
	if (spec.missed !== undefined && spec.missed >= 0) out.long(spec.missed);
	const page = out.bytes();
	if (page.length > pageSize) throw new Error('page overflow');
	return Buffer.concat([page, Buffer.alloc(pageSize - page.length)]);
}

/** A `sample` event payload: common fields, u32 value, s16 small, __data_loc char[] msg. */
export function samplePayload(order: Order, id: number, pid: number, value: number, small: number, msg: string): Buffer {
	const text = Buffer.from(`${msg}\0`);
	const b = bytes(order).u16(id).u8(0).u8(0).i32(pid).u32(value).u16(small & 0xffff).u16(0);
	b.u32((text.length << 16) | 20);
	return Buffer.concat([b.bytes(), text]);
}

export const SAMPLE_ID = 501;
export const ENTRY_ID = 502;
export const EXIT_ID = 503;
export const WRITE_ID = 504;

const COMMON = `	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;
`;

export const SAMPLE_FORMAT = `name: sample
ID: ${SAMPLE_ID}
format:
${COMMON}
	field:u32 value;	offset:8;	size:4;	signed:0;
	field:s16 small;	offset:12;	size:2;	signed:1;
	field:__data_loc char[] msg;	offset:16;	size:4;	signed:0;

print fmt: "value=%u small=%d msg=%s", REC->value, REC->small, __get_str(msg)
`;

export const ENTRY_FORMAT = `name: kvm_entry
ID: ${ENTRY_ID}
format:
${COMMON}
	field:unsigned int vcpu_id;	offset:8;	size:4;	signed:0;
	field:unsigned long rip;	offset:16;	size:8;	signed:0;

print fmt: "vcpu %u, rip 0x%lx", REC->vcpu_id, REC->rip
`;

export const EXIT_FORMAT = `name: kvm_exit
ID: ${EXIT_ID}
format:
${COMMON}
	field:unsigned int exit_reason;	offset:8;	size:4;	signed:0;
	field:unsigned long guest_rip;	offset:16;	size:8;	signed:0;
	field:u32 isa;	offset:24;	size:4;	signed:0;
	field:unsigned int vcpu_id;	offset:28;	size:4;	signed:0;

print fmt: "vcpu %u reason %s rip 0x%lx", REC->vcpu_id, (REC->isa == 1) ? __print_symbolic(REC->exit_reason, { 1, "EXTERNAL_INTERRUPT" }, { 30, "IO_INSTRUCTION" }) : "svm", REC->guest_rip
`;

export const WRITE_FORMAT = `name: kvm_write_tsc_offset
ID: ${WRITE_ID}
format:
${COMMON}
	field:unsigned int vcpu_id;	offset:8;	size:4;	signed:0;
	field:__u64 previous_tsc_offset;	offset:16;	size:8;	signed:0;
	field:__u64 next_tsc_offset;	offset:24;	size:8;	signed:0;

print fmt: "vcpu=%u prev=%llu next=%llu", REC->vcpu_id, REC->previous_tsc_offset, REC->next_tsc_offset
`;

export function headerPage(longSize: 4 | 8): string {
	return `	field: u64 timestamp;	offset:0;	size:8;	signed:0;
	field: local_t commit;	offset:8;	size:${longSize};	signed:1;
	field: int overwrite;	offset:8;	size:1;	signed:1;
	field: char data;	offset:${8 + longSize};	size:${4096 - 8 - longSize};	signed:0;
`;
}

export interface Instance {
	name: string;
	clock?: string;
	/** Per CPU id, its pages (CPUs without pages are left out). */
	cpus: Map<number, Buffer[]>;
}

export interface DatSpec extends Order {
	version: 6 | 7;
	pageSize?: number;
	compression?: 'none' | 'zlib' | 'zstd';
	/**
	 * Packs a compressed block (a section with its id, or a CPU chunk as 'chunk'): the bytes
	 * stored and the size declared for them. Default: the data itself, packed for real.
	 */
	pack?: (data: Uint8Array, what: number | 'chunk', algorithm: 'zlib' | 'zstd') => {packed: Uint8Array; size: number};
	/** v7: the BUFFER option's page size, when it should differ from the file's. */
	bufferPageSize?: number;
	cpuCount: number;
	clock?: string;
	formats?: {system: string; text: string}[];
	cmdlines?: string;
	kallsyms?: string;
	/** Extra options: id and data (already in file order). */
	options?: {id: number; data: Uint8Array}[];
	/** Top-level buffer (name "") first, then instances. */
	instances: Instance[];
	/** v7: pages per compressed chunk (default 2). */
	chunkPages?: number;
}

const DEFAULT_FORMATS = () => [
	{system: 'test', text: SAMPLE_FORMAT},
	{system: 'kvm', text: ENTRY_FORMAT},
	{system: 'kvm', text: EXIT_FORMAT},
	{system: 'kvm', text: WRITE_FORMAT},
];

function headerInfo(order: Order): Buffer {
	const page = headerPage(order.longSize);
	return bytes(order).str('header_page').u64(page.length).text(page).str('header_event').u64(10).text('# compat\n').text('\n').bytes();
}

function eventFormats(order: Order, formats: {system: string; text: string}[]): Buffer {
	const systems = new Map<string, string[]>();
	for (const f of formats) systems.set(f.system, [...(systems.get(f.system) ?? []), f.text]);
	const b = bytes(order).u32(systems.size);
	for (const [system, texts] of systems) {
		b.str(system).u32(texts.length);
		for (const text of texts) b.u64(Buffer.byteLength(text)).text(text);
	}
	return b.bytes();
}

function leadIn(spec: DatSpec): Bytes {
	const b = bytes(spec);
	b.raw(Uint8Array.of(0x17, 0x08, 0x44)).text('tracing').str(String(spec.version));
	b.u8(spec.little ? 0 : 1).u8(8).u32(spec.pageSize ?? 4096);
	return b;
}

function writeV6(spec: DatSpec): Buffer {
	const b = leadIn(spec);
	b.raw(headerInfo(spec));
	b.u32(0); // no ftrace formats
	b.raw(eventFormats(spec, spec.formats ?? DEFAULT_FORMATS()));
	const kallsyms = spec.kallsyms ?? '';
	b.u32(Buffer.byteLength(kallsyms)).text(kallsyms);
	b.u32(0);
	const cmdlines = spec.cmdlines ?? '';
	b.u64(Buffer.byteLength(cmdlines)).text(cmdlines);
	b.u32(spec.cpuCount);
	const pageSize = spec.pageSize ?? 4096;
	const [top, ...others] = spec.instances;
	// Layout: options (with BUFFER offsets patched later), flyrecord table, instance tables, data.
	const options = [...(spec.options ?? [])];
	if (spec.clock) options.push({id: 4, data: Buffer.from(`[${spec.clock}] global\0`)});
	// Each table ends in its buffer's clock trailer (an instance's own clock when it has one).
	const clockOf = (inst: Instance) => inst.clock ?? spec.clock;
	const tableSize = (cpus: number, clock: string | undefined) => 10 + cpus * 16 + 8 + (clock ? clock.length + 2 : 0);
	const bufferOptions = others.map((inst) => ({id: 3, data: Buffer.alloc(8 + Buffer.byteLength(inst.name) + 1)}));
	const all = [...options, ...bufferOptions];
	const optionsSize = 10 + all.reduce((n, o) => n + 6 + o.data.length, 0) + 2;
	let pos = b.length + optionsSize;
	const topTable = pos;
	pos += tableSize(spec.cpuCount, clockOf(top!));
	const instanceTables = others.map((inst) => {
		const at = pos;
		pos += tableSize(spec.cpuCount, clockOf(inst));
		return at;
	});
	let dataPos = Math.ceil(pos / pageSize) * pageSize;
	const placements = spec.instances.map((inst) => {
		const offsets = new Map<number, {offset: number; size: number}>();
		for (const [cpu, pages] of inst.cpus) {
			offsets.set(cpu, {offset: dataPos, size: pages.length * pageSize});
			dataPos += pages.length * pageSize;
		}
		return offsets;
	});
	others.forEach((inst, i) => {
		const data = bytes(spec).u64(instanceTables[i]!).str(inst.name).bytes();
		bufferOptions[i]!.data = data;
	});
	b.text('options  ').u8(0);
	for (const o of all) b.u16(o.id).u32(o.data.length).raw(o.data);
	b.u16(0);
	const table = (placement: Map<number, {offset: number; size: number}>, clock: string | undefined) => {
		b.text('flyrecord').u8(0);
		for (let cpu = 0; cpu < spec.cpuCount; cpu++) {
			const p = placement.get(cpu);
			b.u64(p?.offset ?? 0).u64(p?.size ?? 0);
		}
		if (clock) b.u64(clock.length + 2).text(`[${clock}]`);
		else b.u64(0);
	};
	if (b.length !== topTable) throw new Error('v6 layout');
	spec.instances.forEach((inst, i) => table(placements[i]!, clockOf(inst)));
	b.pad(pageSize);
	for (const inst of [top!, ...others]) for (const pages of inst.cpus.values()) for (const p of pages) b.raw(p);
	return b.bytes();
}

/** zstd frames of raw blocks (no zstd compressor in Node 20): valid frames libzstd decodes. */
export function zstdRaw(data: Uint8Array): Buffer {
	const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58])];
	const BLOCK = 128 * 1024;
	for (let at = 0; at < data.length || at === 0; at += BLOCK) {
		const size = Math.min(BLOCK, data.length - at);
		const last = at + BLOCK >= data.length ? 1 : 0;
		const h = (size << 3) | last;
		parts.push(Buffer.from([h & 255, (h >> 8) & 255, (h >> 16) & 255]), Buffer.from(data.subarray(at, at + size)));
		if (data.length === 0) break;
	}
	return Buffer.concat(parts);
}

/** A zstd frame of `bytes` zeros made of RLE blocks: 4 bytes per 128 KiB. */
export function zstdZeros(bytes: number): Buffer {
	const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58])];
	const BLOCK = 128 * 1024;
	for (let at = 0; at < bytes; at += BLOCK) {
		const size = Math.min(BLOCK, bytes - at);
		const h = (size << 3) | (1 << 1) | (at + BLOCK >= bytes ? 1 : 0);
		parts.push(Buffer.from([h & 255, (h >> 8) & 255, (h >> 16) & 255, 0]));
	}
	return Buffer.concat(parts);
}

function compressBlock(spec: DatSpec, data: Uint8Array, what: number | 'chunk'): Buffer {
	const algorithm = spec.compression === 'zstd' ? 'zstd' : 'zlib';
	const {packed, size} = spec.pack?.(data, what, algorithm) ?? {packed: algorithm === 'zstd' ? zstdRaw(data) : zlib.deflateSync(data, {level: 9}), size: data.length};
	return bytes(spec).u32(packed.length).u32(size).raw(packed).bytes();
}

function writeV7(spec: DatSpec): Buffer {
	const compressed = spec.compression === 'zlib' || spec.compression === 'zstd';
	const b = leadIn(spec);
	b.str(compressed ? spec.compression! : 'none').str(compressed ? '1.5.4' : '');
	const firstOptionsAt = b.length;
	b.u64(0); // patched below
	const section = (id: number, payload: Uint8Array, compress: boolean): number => {
		const at = b.length;
		const body = compress ? compressBlock(spec, payload, id) : Buffer.from(payload);
		b.u16(id).u16(compress ? 1 : 0).i32(-1).u64(body.length).raw(body);
		return at;
	};
	const offsets: {id: number; at: number}[] = [];
	offsets.push({id: 16, at: section(16, headerInfo(spec), compressed)});
	offsets.push({id: 17, at: section(17, bytes(spec).u32(0).bytes(), compressed)});
	offsets.push({id: 18, at: section(18, eventFormats(spec, spec.formats ?? DEFAULT_FORMATS()), compressed)});
	const kallsyms = spec.kallsyms ?? '';
	offsets.push({id: 19, at: section(19, bytes(spec).u32(Buffer.byteLength(kallsyms)).text(kallsyms).bytes(), compressed)});
	offsets.push({id: 20, at: section(20, bytes(spec).u32(0).bytes(), compressed)});
	const cmdlines = spec.cmdlines ?? '';
	offsets.push({id: 21, at: section(21, bytes(spec).u64(Buffer.byteLength(cmdlines)).text(cmdlines).bytes(), compressed)});
	const pageSize = spec.pageSize ?? 4096;
	const chunkPages = spec.chunkPages ?? 2;
	const buffers: Buffer[] = [];
	const sizes: {at: number; size: number}[] = [];
	for (const inst of spec.instances) {
		b.pad(pageSize);
		const sectionAt = b.length;
		b.u16(3).u16(compressed ? 1 : 0).i32(-1);
		const sizeAt = b.length;
		b.u64(0);
		const cpus: {cpu: number; offset: number; size: number}[] = [];
		for (const [cpu, pages] of inst.cpus) {
			if (!compressed) b.pad(pageSize);
			const offset = b.length;
			if (compressed) {
				const chunks: Buffer[] = [];
				for (let i = 0; i < pages.length; i += chunkPages) chunks.push(compressBlock(spec, Buffer.concat(pages.slice(i, i + chunkPages)), 'chunk'));
				b.u32(chunks.length);
				for (const c of chunks) b.raw(c);
			} else for (const p of pages) b.raw(p);
			cpus.push({cpu, offset, size: b.length - offset});
		}
		const payloadSize = b.length - sizeAt - 8;
		buffers.push(
			(() => {
				const o = bytes(spec).u64(sectionAt).str(inst.name).str(inst.clock ?? spec.clock ?? '').u32(spec.bufferPageSize ?? pageSize).u32(cpus.length);
				for (const c of cpus) o.u32(c.cpu).u64(c.offset).u64(c.size);
				return o.bytes();
			})(),
		);
		sizes.push({at: sizeAt, size: payloadSize});
	}
	const optionsAt = b.length;
	const opts = bytes(spec);
	for (const o of offsets) opts.u16(o.id).u32(8).u64(o.at);
	if (spec.clock) {
		const text = Buffer.from(`[${spec.clock}] global\0`);
		opts.u16(4).u32(text.length).raw(text);
	}
	opts.u16(8).u32(4).u32(spec.cpuCount);
	for (const o of spec.options ?? []) opts.u16(o.id).u32(o.data.length).raw(o.data);
	for (const data of buffers) opts.u16(3).u32(data.length).raw(data);
	opts.u16(0).u32(8).u64(0);
	const payload = opts.bytes();
	b.u16(0).u16(0).i32(-1).u64(payload.length).raw(payload);
	const out = b.bytes();
	const patch = (at: number, value: number) => {
		if (spec.little) out.writeBigUInt64LE(BigInt(value), at);
		else out.writeBigUInt64BE(BigInt(value), at);
	};
	patch(firstOptionsAt, optionsAt);
	for (const s of sizes) patch(s.at, s.size);
	return out;
}

export function buildDat(spec: DatSpec): Buffer {
	return spec.version === 6 ? writeV6(spec) : writeV7(spec);
}

/** TIME_SHIFT option data: per CPU samples of [time, offset, scaling, frac?]. */
export function timeShiftData(order: Order, peer: bigint, flags: number, cpus: [bigint, bigint, bigint, number?][][]): Buffer {
	const b = bytes(order).u64(peer).u32(flags).u32(cpus.length);
	for (const samples of cpus) {
		b.u32(samples.length);
		for (const s of samples) b.u64(s[0]);
		for (const s of samples) b.u64(s[1]);
		for (const s of samples) b.u64(s[2]);
	}
	if (cpus.some((samples) => samples.some((s) => s[3] !== undefined))) {
		for (const samples of cpus) for (const s of samples) b.u64(s[3] ?? 0);
	}
	return b.bytes();
}

export function guestData(order: Order, name: string, traceId: bigint, vcpus: [number, number][]): Buffer {
	const b = bytes(order).str(name).u64(traceId).u32(vcpus.length);
	for (const [vcpu, pid] of vcpus) b.u32(vcpu).u32(pid);
	return b.bytes();
}
