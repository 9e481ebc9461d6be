// The worked example of docs/architecture.md: a new input format is one FormatReader and one
// line in the registry. Here a small CSV trace format, defined in this test, is added to the
// registered ones and a pair is read with it through to merge's output.

import fs from 'node:fs';
import path from 'node:path';
import {Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {align} from '../../source/core/align.js';
import type {FormatReader} from '../../source/formats/format-reader.js';
import {loadTrace} from '../../source/formats/load.js';
import {FORMATS} from '../../source/formats/registry.js';
import {readPair} from '../../source/loading/load-pair.js';
import {KVM_EVENTS, recordKvmText, type KvmEventName} from '../../source/model/kvm-events.js';
import {InputError} from '../../source/model/errors.js';
import {TraceBuilder} from '../../source/model/trace.js';
import {Output} from '../../source/outputs/line-output.js';
import {outputFor} from '../../source/outputs/registry.js';
import {entry, exit, ftrace, gev, tempDir, u64, write, writeFile} from '../helpers/traces.js';

const MAGIC = '# tscalign-csv\n';

/** `tsc,cpu,pid,task,event,text` a line, after a first line that names the format. */
const csvFormat: FormatReader = {
	names: ['csv'],
	noun: 'a tscalign CSV trace',
	threads: false,
	sniff: (head) => (head.subarray(0, MAGIC.length).toString('latin1') === MAGIC ? 'magic' : undefined),
	async read(input) {
		const lines = fs.readFileSync(input.file, 'utf8').split('\n');
		const builder = new TraceBuilder();
		lines.forEach((line, i) => {
			const lineNo = i + 1;
			if (i === 0 || line === '') return;
			const match = /^(\d+),(\d+),(\d+),([^,]*),([^,]+),(.*)$/.exec(line);
			if (!match) return builder.bad(lineNo, 'not tsc,cpu,pid,task,event,text');
			const [, tsc, cpu, pid, task, event, text] = match;
			const index = builder.event(BigInt(tsc!), Number(cpu), Number(pid), -1, builder.comms.id(task!), builder.names.id(event!), lineNo, i, 0);
			if (KVM_EVENTS.has(event!)) recordKvmText(builder, index, event as KvmEventName, text!, lineNo);
		});
		if (builder.count === 0) throw new InputError('no-events', `${input.file} holds no CSV event lines.`, input.file);
		return builder.finish(input.file, 'csv', {
			text: (at) => lines[at]!.split(',').slice(5).join(','),
			raw: (_index, at) => lines[at]!,
			close: () => undefined,
		});
	},
};

/** The registry with one more line. */
const formats = [...FORMATS, csvFormat];

/** An ftrace line of the test helpers as a CSV line. */
function csv(line: string): string {
	const m = /^\s*(.+)-(\d+)\s+\[(\d+)\] \S+\s+(\d+): (\w+): (.*)$/.exec(line)!;
	return [m[4], Number(m[3]), m[2], m[1], m[5], m[6]].join(',');
}

async function merged(hostFile: string, guestFile: string): Promise<string> {
	const [host, guest] = await readPair(hostFile, guestFile, {formats});
	const alignment = align(host, guest);
	let text = '';
	const sink = new Writable({write: (chunk, _encoding, done) => ((text += String(chunk)), done())});
	await outputFor('merge', 'text').write(alignment, new Output(sink));
	host.close();
	guest.close();
	return text;
}

describe('a format added through the FormatReader interface and the registry', () => {
	// A write at host TSC 1000 sets the offset to -1000: guest 50 ran at host 1050, inside 1001..1100.
	const host = [write(1000, 0n, -1000n), entry(1001), exit(1100), ftrace('bash', 7, 2, 1150, 'sched_waking', 'comm=cat pid=8'), entry(1201), exit(1300)];
	const guest = [gev(50), gev(90), gev(250)];

	it('reads a CSV host trace with a text guest, converting as the ftrace host does', async () => {
		const dir = tempDir();
		const csvHost = path.join(dir, 'host.csv');
		fs.writeFileSync(csvHost, MAGIC + host.map(csv).join('\n') + '\n');
		const guestFile = writeFile(dir, 'guest.txt', guest);
		const fromCsv = await merged(csvHost, guestFile);
		expect(fromCsv.split('\n').filter((l) => l.includes(' G '))).toEqual([
			expect.stringMatching(/^ {16}1050 G g=50 {19}exact +app-42 \[000\] sched_waking: x$/),
			expect.stringMatching(/^ {16}1090 G g=90 /),
			expect.stringMatching(/^ {16}1250 G g=250 /),
		]);
		expect(fromCsv).toContain(`1000 H${' '.repeat(38)}CPU 0/KVM-100 [001] kvm_write_tsc_offset: vcpu=0 prev=0 next=${u64(-1000n)}`);
		expect(fromCsv).toBe(await merged(writeFile(dir, 'host.txt', host), guestFile));
	});

	it('counts a malformed CSV line with its line number, and the refusal of binary files names the new format', async () => {
		const dir = tempDir();
		const file = path.join(dir, 'bad.csv');
		fs.writeFileSync(file, MAGIC + [csv(entry(1001)), 'not,a,line', csv(exit(1100))].join('\n') + '\n');
		const trace = await loadTrace(file, {formats});
		expect([trace.format, trace.count, trace.malformed]).toEqual(['csv', 2, {count: 1, samples: [{line: 3, reason: 'not tsc,cpu,pid,task,event,text'}]}]);
		expect(trace.kvm.count).toBe(2);
		const binary = path.join(dir, 'bin');
		fs.writeFileSync(binary, Buffer.from([1, 2, 0, 4]));
		await expect(loadTrace(binary, {formats})).rejects.toThrow(
			`${binary} is binary, not a trace (byte 2 is 0x00); give ftrace or trace-cmd report text, or a trace-cmd trace.dat, or a tscalign CSV trace.`,
		);
	});
});
