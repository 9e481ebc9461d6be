// Issue 14, lost or misreported data in text traces: NUL blocks a crash leaves, a file cut
// mid-line, a line of hundreds of MB, a gzip bomb, a truncated or trailing-garbage .gz. Every
// good line is still read, each bad one is one malformed line with its exact line number,
// and nothing is lost without a word.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {loadTrace} from '../../../source/formats/load.js';
import {parseTextFile} from '../../../source/formats/text/reader.js';
import {ftrace, tempDir} from '../../helpers/traces.js';
import {rejection} from '../tracedat/helpers.js';

const line = (i: number) => ftrace('task', 7, i % 4, 1000 + i, 'sched_waking', `comm=app${i} pid=${i} prio=120 target_cpu=00${i % 4}`);
const lines = (n: number) => Array.from({length: n}, (_, i) => line(i));

describe('NUL bytes', () => {
	it('a NUL block past the first 64 KB is one malformed line; every other line is read with its true number', async () => {
		const all = lines(2000);
		const text = Buffer.from(all.join('\n') + '\n');
		const at = text.indexOf('\n', 100_000) + 1; // start of a line past 64 KB
		const lineOfBlock = text.subarray(0, at).toString().split('\n').length; // 1-based
		const length = 5000;
		// Newlines the block overwrites: those lines merge into the one that holds the block.
		const merged = text.subarray(at + 20, at + 20 + length).toString('latin1').split('\n').length - 1;
		text.fill(0, at + 20, at + 20 + length); // a crash zeroed 5000 bytes from inside that line on
		const file = path.join(tempDir(), 'crash.txt');
		fs.writeFileSync(file, text);
		const t = await loadTrace(file);
		expect(t.malformed.count).toBe(1);
		expect(t.malformed.samples[0]).toEqual({line: lineOfBlock, reason: 'holds NUL bytes (a damaged or partly overwritten file); the line is skipped'});
		expect(t.count).toBe(2000 - merged - 1);
		const after = t.line.indexOf(lineOfBlock + 1);
		expect(after).toBeGreaterThan(0);
		expect(t.raw(after)).toBe(all[lineOfBlock + merged]);
		t.close();
	});

	it('a NUL byte in the first 64 KB of good trace text is a malformed line, not a refusal of the file', async () => {
		const text = Buffer.from(['# tracer: nop', ...lines(100)].join('\n') + '\n');
		text[text.indexOf('\n', 2000) + 5] = 0;
		const file = path.join(tempDir(), 'early.txt');
		fs.writeFileSync(file, text);
		const t = await loadTrace(file);
		expect(t.count).toBe(99);
		expect(t.malformed.count).toBe(1);
		t.close();
	});

	it('a start that is not trace text at all is still refused as binary', async () => {
		const file = path.join(tempDir(), 'bin.txt');
		const noise = Buffer.from(Array.from({length: 100_000}, (_, i) => (i * 2654435761) >>> 24));
		fs.writeFileSync(file, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), noise, Buffer.from(lines(10).join('\n'))]));
		const error = await rejection(loadTrace(file));
		expect(error.code).toBe('binary');
	});
});

describe('a file cut mid-line', () => {
	it('its last line, with no newline, is malformed ("cut off"), not a bogus event', async () => {
		const all = lines(50);
		const cut = ftrace('task', 7, 1, 9999, 'irq_handler_entry', 'irq=1 name=x').slice(0, -18);
		expect(cut).toMatch(/irq_handler_e$/);
		const file = path.join(tempDir(), 'cut.txt');
		fs.writeFileSync(file, all.join('\n') + '\n' + cut);
		const t = await loadTrace(file);
		expect(t.count).toBe(50);
		expect(t.names).not.toContain('function');
		expect(t.malformed.samples).toEqual([{line: 51, reason: 'cut off: the file ends inside this line, with no newline'}]);
		t.close();
	});

	it('a last kvm_write_tsc_offset with no newline is cut off too: its offset may be cut short', async () => {
		const file = path.join(tempDir(), 'cutwrite.txt');
		fs.writeFileSync(file, `${lines(3).join('\n')}\n${ftrace('CPU 0/KVM', 9, 1, 5000, 'kvm_write_tsc_offset', 'vcpu=0 prev=0 next=1844674')}`);
		const t = await loadTrace(file);
		expect(t.writes).toEqual([]);
		expect(t.malformed.count).toBe(1);
		t.close();
	});
});

describe('a very long line', () => {
	it('is one malformed line however many chunks it spans, and later line numbers stay exact', async () => {
		const file = path.join(tempDir(), 'long.txt');
		const all = lines(30);
		fs.writeFileSync(file, Buffer.concat([Buffer.from(all.slice(0, 10).join('\n') + '\n'), Buffer.alloc(11 * 1024 * 1024, 'x'), Buffer.from('\n' + all.slice(10).join('\n') + '\n')]));
		const t = await loadTrace(file);
		expect(t.malformed.count).toBe(1);
		expect(t.malformed.samples[0]).toEqual({line: 11, reason: 'line longer than 1048576 bytes'});
		expect(t.count).toBe(30);
		expect(t.line[10]).toBe(12);
		expect(t.raw(29)).toBe(all[29]);
		t.close();
	});

	it('in gzipped text the lines after it keep their own text', async () => {
		// Text read once is copied for later; the lines after a skipped long line go at their
		// own offsets in the copy, where their events look for them.
		const file = path.join(tempDir(), 'long-text.txt.gz');
		const all = lines(12);
		fs.writeFileSync(file, zlib.gzipSync(Buffer.concat([Buffer.from(all.slice(0, 4).join('\n') + '\n'), Buffer.alloc(5 * 1024 * 1024, 'x'), Buffer.from('\n' + all.slice(4).join('\n') + '\n')])));
		const t = await loadTrace(file);
		expect(t.malformed.samples).toEqual([{line: 5, reason: 'line longer than 1048576 bytes'}]);
		expect(Array.from({length: t.count}, (_, i) => t.raw(i))).toEqual(all);
		expect(t.text(11)).toBe('comm=app11 pid=11 prio=120 target_cpu=003');
		t.close();
	});

	it('in gzipped text it is skipped at streaming speed and takes no disk space in the temporary copy', async () => {
		const dir = tempDir();
		const file = path.join(dir, 'long.txt.gz');
		// A 96 MB line: gzip members concatenated, as `cat a.gz b.gz` makes.
		const block = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024, 'y'));
		fs.writeFileSync(file, Buffer.concat([zlib.gzipSync(lines(5).join('\n') + '\n'), ...Array(6).fill(block), zlib.gzipSync('\n' + lines(8).slice(5).join('\n') + '\n')]));
		const {columns, text} = await parseTextFile(file, {gzip: true});
		expect(columns.count).toBe(8);
		expect(columns.malformed.samples).toEqual([{line: 6, reason: 'line longer than 1048576 bytes'}]);
		expect(Array.from(columns.line)).toEqual([1, 2, 3, 4, 5, 7, 8, 9]);
		expect(typeof text).toBe('number');
		const used = fs.fstatSync(text as number).blocks * 512;
		expect(used).toBeLessThan(8 * 1024 * 1024);
		fs.closeSync(text as number);
	});
});

describe('gzip', () => {
	it('a gzip bomb of zeros is refused as binary at once, not read to its end', async () => {
		const file = path.join(tempDir(), 'bomb.gz');
		const block = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024));
		fs.writeFileSync(file, Buffer.concat(Array(16).fill(block))); // 256 MB of zeros, 260 KB on disk
		const started = performance.now();
		const error = await rejection(loadTrace(file));
		expect(error.code).toBe('binary');
		expect(error.message).toContain('is binary, not a trace (byte 0 is 0x00)');
		expect(performance.now() - started).toBeLessThan(2000);
	});

	it('a truncated .gz is read as far as it decompresses; the damage is a malformed tail', async () => {
		const all = lines(3000);
		const gz = zlib.gzipSync(all.join('\n') + '\n');
		const file = path.join(tempDir(), 'cut.gz');
		fs.writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.7)));
		const t = await loadTrace(file);
		expect(t.count).toBeGreaterThan(1500);
		expect(t.count).toBeLessThan(3000);
		expect(t.raw(t.count - 1)).toBe(all[t.count - 1]);
		expect(t.malformed.count).toBe(1);
		expect(t.malformed.samples[0]!.line).toBe(t.count + 1);
		expect(t.malformed.samples[0]!.reason).toMatch(/^compressed data cut off after \d+ bytes of text$/);
		t.close();
	});

	it('a .gz with trailing garbage is read, and the garbage reported', async () => {
		const all = lines(3000);
		const file = path.join(tempDir(), 'garbage.gz');
		fs.writeFileSync(file, Buffer.concat([zlib.gzipSync(all.join('\n') + '\n'), Buffer.from('not gzip at all, garbage')]));
		const t = await loadTrace(file);
		expect(t.count).toBe(3000);
		expect(t.malformed.count).toBe(1);
		expect(t.malformed.samples[0]!.reason).toMatch(/^compressed data damaged after \d+ bytes of text/);
		t.close();
	});

	it('a small .gz with trailing garbage keeps every line (zlib dropped all its text, "damaged after 0 bytes")', async () => {
		const text = lines(80).join('\n') + '\n';
		const file = path.join(tempDir(), 'small.gz');
		fs.writeFileSync(file, Buffer.concat([zlib.gzipSync(text), Buffer.from('TRAILING GARBAGE')]));
		const t = await loadTrace(file);
		expect(t.count).toBe(80);
		expect(t.raw(79)).toBe(lines(80)[79]);
		expect(t.malformed.samples).toEqual([
			{line: 81, reason: `compressed data damaged after ${Buffer.byteLength(text)} bytes of text (bytes after the compressed data that are not gzip data); the rest is not read`},
		]);
		t.close();
	});

	it('members one after another are all read, with zeros after the last ignored as zcat does', async () => {
		const file = path.join(tempDir(), 'members.gz');
		const all = lines(30);
		const named = zlib.gzipSync(all.slice(10).join('\n') + '\n');
		named[3] = 8; // FNAME: a member header with a name, as gzip writes it
		const withName = Buffer.concat([named.subarray(0, 10), Buffer.from('part2.txt\0'), named.subarray(10)]);
		fs.writeFileSync(file, Buffer.concat([zlib.gzipSync(all.slice(0, 10).join('\n') + '\n'), withName, Buffer.alloc(512)]));
		const t = await loadTrace(file);
		expect([t.count, t.malformed.count]).toEqual([30, 0]);
		expect(t.raw(29)).toBe(all[29]);
		t.close();
	});
});

describe('the copy of gzipped text', () => {
	it('is not on disk while the trace is open, so a killed process leaves nothing behind', async () => {
		const dir = tempDir();
		const tmp = path.join(dir, 'tmp');
		fs.mkdirSync(tmp);
		const file = path.join(dir, 'g.txt.gz');
		fs.writeFileSync(file, zlib.gzipSync(lines(8).join('\n') + '\n'));
		const saved = process.env.TMPDIR;
		process.env.TMPDIR = tmp;
		try {
			const trace = await loadTrace(file);
			expect(fs.readdirSync(tmp)).toEqual([]);
			expect(trace.raw(7)).toBe(lines(8)[7]);
			trace.close();
		} finally {
			if (saved === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = saved;
		}
	});
});

describe('line ends', () => {
	const message = (file: string) => `${file} has lines that end in a carriage return alone (CR, no newline), which would read as one line; convert them with \`tr '\\r' '\\n' < FILE > NEW\` and give the result.`;

	it('lines ended by CR alone are refused saying so and how to convert them, header or not', async () => {
		// With its header it read as one comment line ("no event lines"); without, as ONE event
		// holding the others as its text, the other events lost without a word.
		for (const [name, text] of [
			['mac.txt', ['# tracer: nop', '#', ...lines(20)].join('\r') + '\r'],
			['bare.txt', lines(20).join('\r') + '\r'],
			// Partly converted: a few lines end in a newline, most in a CR alone.
			['mixed.txt', `# tracer: nop\n${lines(20).join('\r')}\n${lines(20).join('\r')}\n`],
		]) {
			const file = path.join(tempDir(), name!);
			fs.writeFileSync(file, text!);
			const error = await rejection(loadTrace(file));
			expect([error.code, error.message]).toEqual(['unreadable', message(file)]);
		}
	});

	it('CRLF line ends read every line', async () => {
		const file = path.join(tempDir(), 'dos.txt');
		fs.writeFileSync(file, lines(20).join('\r\n') + '\r\n');
		const t = await loadTrace(file);
		expect([t.count, t.malformed.count]).toEqual([20, 0]);
		expect(t.raw(19)).toBe(lines(20)[19]);
		t.close();
	});
});
