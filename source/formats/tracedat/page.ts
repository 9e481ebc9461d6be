// Walks one CPU's ring-buffer pages record by record (docs/tracedat-format.md §7-8): page header,
// record headers, time extends, absolute time stamps, padding and missed-event counts.

import type {BlockSource, Loss} from './cpu-data.js';

const TYPE_PADDING = 29;
const TYPE_TIME_EXTEND = 30;
const TYPE_TIME_STAMP = 31;
const COMMIT_MASK = (1 << 27) - 1;
const MISSING_EVENTS = 0x80000000;
const MISSING_STORED = 0x40000000;
/** The top five bits of a timestamp's high word, which an absolute time stamp keeps. */
const TS_MSB_HI = 0xf8000000;
const TWO32 = 4294967296;

/** A page that breaks the format: the rest of it is skipped and counted as malformed. */
export type BadPage = (reason: string) => void;

export class CpuCursor {
	readonly cpu: number;
	/** Place among all cursors of the read (buffer order, then CPU): breaks timestamp ties. */
	readonly rank: number;
	/** Locators are file offsets (uncompressed data), not chunk keys and offsets. */
	readonly plain: boolean;
	/**
	 * Timestamp of the current record (raw ring-buffer time) as its high and low 32-bit words:
	 * kept as numbers, three BigInts a record (and their collection) cost a tenth of a read.
	 */
	tsHi = 0;
	tsLo = 0;
	/** The block holding the current record, and where in it the record and its payload are. */
	bytes: Uint8Array = new Uint8Array(0);
	view: DataView = new DataView(new ArrayBuffer(0));
	key = 0;
	headerAt = 0;
	payloadAt = 0;
	payloadLength = 0;
	/** Missed-event counts (-1 = unknown) from page headers, waiting for the next record. */
	readonly missed: number[] = [];

	readonly #source: BlockSource;
	readonly #little: boolean;
	readonly #pageSize: number;
	readonly #dataStart: number;
	readonly #longSize: number;
	readonly #loss: Loss;
	readonly #bad: BadPage;
	#pageStart = 0;
	#pos = 0;
	#end = 0;
	#loaded = false;

	constructor(source: BlockSource, little: boolean, pageSize: number, longSize: 4 | 8, loss: Loss, bad: BadPage, rank: number) {
		this.cpu = source.cpu;
		this.rank = rank;
		this.plain = source.plain;
		this.#source = source;
		this.#little = little;
		this.#pageSize = pageSize;
		this.#longSize = longSize;
		this.#dataStart = 8 + longSize;
		this.#loss = loss;
		this.#bad = bad;
	}

	/** The current record's timestamp as one value. */
	get ts(): bigint {
		return (BigInt(this.tsHi) << 32n) | BigInt(this.tsLo);
	}

	/** Adds `high` * 2^32 + `low` (both below 2^32) to the timestamp, modulo 2^64. */
	#add(high: number, low: number): void {
		const lo = this.tsLo + low;
		// The carry without a branch: V8 first met a carry in code it had optimised, which sent the reader's loop back to be compiled.
		const carry = lo >= TWO32 ? 1 : 0;
		this.tsLo = lo - carry * TWO32;
		this.tsHi = (this.tsHi + high + carry) >>> 0;
	}

	get consumed(): number {
		return this.#source.consumed;
	}

	/** File offset (or chunk offset) of the current page, for messages. */
	#where(): string {
		return this.#source.plain
			? `the page at byte ${this.key + this.#pageStart}`
			: `page ${Math.floor(this.#pageStart / this.#pageSize) + 1} of the compressed chunk at byte ${this.key}`;
	}

	#long(at: number): number {
		if (this.#longSize === 4) return this.view.getUint32(at, this.#little);
		const value = this.view.getBigUint64(at, this.#little);
		return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
	}

	/** Low 32 bits of the commit word, where the size and the missed-events flags are. */
	#commit(at: number): number {
		if (this.#longSize === 4 || this.#little) return this.view.getUint32(at, this.#little);
		return this.view.getUint32(at + 4, false);
	}

	#nextPage(): boolean {
		for (;;) {
			let start = this.#loaded ? this.#pageStart + this.#pageSize : 0;
			if (!this.#loaded || start + this.#pageSize > this.bytes.length) {
				if (this.#loaded && start < this.bytes.length) {
					this.#loss(`CPU ${this.cpu}: the chunk at byte ${this.key} ends with ${this.bytes.length - start} bytes that are not a whole page; they are ignored`);
				}
				const block = this.#source.next();
				if (!block) return false;
				this.bytes = block.bytes;
				this.view = new DataView(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
				this.key = block.key;
				this.#loaded = true;
				start = 0;
				if (this.bytes.length < this.#pageSize) {
					this.#pageStart = 0;
					continue;
				}
			}
			this.#pageStart = start;
			this.tsLo = this.view.getUint32(start + (this.#little ? 0 : 4), this.#little);
			this.tsHi = this.view.getUint32(start + (this.#little ? 4 : 0), this.#little);
			const commit = this.#commit(start + 8);
			const size = commit & COMMIT_MASK;
			const data = start + this.#dataStart;
			if (data + size > start + this.#pageSize) {
				this.#bad(`${this.#where()} of CPU ${this.cpu} claims ${size} bytes of events, more than a ${this.#pageSize}-byte page holds; the page is skipped`);
				continue;
			}
			if ((commit & MISSING_EVENTS) !== 0) {
				const stored = (commit & MISSING_STORED) !== 0 && data + size + this.#longSize <= start + this.#pageSize;
				this.missed.push(stored ? this.#long(data + size) : -1);
			}
			this.#pos = data;
			this.#end = data + size;
			return true;
		}
	}

	/** Moves to the next data record; false when this CPU has no more. */
	advance(): boolean {
		for (;;) {
			if (this.#pos >= this.#end) {
				if (!this.#nextPage()) return false;
				continue;
			}
			const view = this.view;
			const pos = this.#pos;
			if (pos + 4 > this.#end) return this.#badRecord(pos, 'a record header');
			const word = view.getUint32(pos, this.#little);
			let typeLen: number;
			let delta: number;
			if (this.#little) {
				typeLen = word & 31;
				delta = word >>> 5;
			} else {
				typeLen = word >>> 27;
				delta = word & 0x7ffffff;
			}
			// The second word (a payload word, or the padding length, time or record length of the
			// kinds below) and what each kind makes of it are worked out for every record: V8 met
			// the first long record or absolute time stamp in code it had optimised without them,
			// which sent the reader's loop back to be compiled.
			const fits = pos + 8 <= this.#end;
			const array0 = fits ? view.getUint32(pos + 4, this.#little) : 0;
			const longLength = Math.floor((array0 - 1) / 4) * 4;
			const tooShort = array0 < 4;
			// array0 << 27 spans both words: its top five bits go to the high one.
			const timeHi = array0 >>> 5;
			const timeLo = (array0 & 31) * 134217728 + delta;
			const keptHi = (this.tsHi & TS_MSB_HI) >>> 0;
			if (typeLen >= TYPE_PADDING) {
				if (!fits) return this.#badRecord(pos, 'the second word of a padding or time record');
				if (typeLen === TYPE_PADDING) {
					// libtraceevent adds a padding's delta (a discarded event keeps its time).
					if (delta !== 0) this.#add(0, delta);
					this.#pos = pos + 4 + array0;
				} else {
					// A time extend adds (array0 << 27) + delta; a time stamp is that time, with the
					// top five bits kept (no carry: the low word's top five bits are array0's low five).
					const stamp = typeLen === TYPE_TIME_STAMP;
					this.tsHi = stamp ? keptHi : this.tsHi;
					this.tsLo = stamp ? 0 : this.tsLo;
					this.#add(timeHi, timeLo);
					this.#pos = pos + 8;
				}
				continue;
			}
			const long = typeLen === 0;
			if (long && !fits) return this.#badRecord(pos, 'the length word of a record');
			if (long && tooShort) return this.#badRecord(pos, `a record length of at least 4, not ${array0},`);
			// Arithmetic, not `& ~3`: a damaged length above 2^31 would turn negative in int32.
			const length = long ? longLength : typeLen * 4;
			const payload = pos + 4 + (long ? 4 : 0);
			if (payload + length > this.#end) return this.#badRecord(pos, `a ${length}-byte record`);
			if (delta !== 0) this.#add(0, delta);
			this.headerAt = pos;
			this.payloadAt = payload;
			this.payloadLength = length;
			this.#pos = payload + length;
			return true;
		}
	}

	#badRecord(pos: number, expected: string): boolean {
		const used = this.#end - (this.#pageStart + this.#dataStart);
		this.#bad(
			`${this.#where()} of CPU ${this.cpu}: ${expected} at offset ${pos - this.#pageStart} runs past the ${used} bytes of events the page holds; the rest of the page is skipped`,
		);
		this.#pos = this.#end;
		return this.advance();
	}
}
