// Parsing on a worker thread gives the same trace as on the main thread, and the same errors.
// Runs the built code: a worker loads compiled JavaScript (npm test builds first).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../../helpers/cli.js';
import {example} from '../../helpers/cli.js';
import {tempDir, writeFile} from '../../helpers/traces.js';

const built = async () => {
	const inWorker = (await import(path.join(ROOT, 'dist/source/formats/text/in-worker.js'))) as typeof import('../../../source/formats/text/in-worker.js');
	const reader = (await import(path.join(ROOT, 'dist/source/formats/text/reader.js'))) as typeof import('../../../source/formats/text/reader.js');
	const pair = (await import(path.join(ROOT, 'dist/source/loading/load-pair.js'))) as typeof import('../../../source/loading/load-pair.js');
	const core = (await import(path.join(ROOT, 'dist/source/core/align.js'))) as typeof import('../../../source/core/align.js');
	return {inWorker, reader, pair, core};
};

describe('reading a text trace on a worker thread', () => {
	it('gives the same columns, text and kvm records', async () => {
		const {inWorker, reader} = await built();
		const file = example('demo', 'host.txt');
		const seen: number[] = [];
		const a = await inWorker.readTextTraceInWorker(file, {onProgress: (p) => seen.push(p.bytes)});
		const b = await reader.readTextTrace(file);
		expect(a.count).toBe(b.count);
		expect(Array.from(a.tsc)).toEqual(Array.from(b.tsc));
		expect(Array.from(a.pid)).toEqual(Array.from(b.pid));
		expect(Array.from(a.kvm.vcpu)).toEqual(Array.from(b.kvm.vcpu));
		expect(a.writes).toEqual(b.writes);
		expect(a.comms).toEqual(b.comms);
		expect(a.text(a.count - 1)).toBe(b.text(b.count - 1));
		expect(seen.length).toBeGreaterThan(0);
		a.close();
		b.close();
	});

	it('passes a nanosecond-clock refusal back as the same one-sentence error', async () => {
		const {inWorker} = await built();
		const file = writeFile(tempDir(), 'ns.txt', ['           <...>-1701  [001]    76.211513: sched_switch: prev_comm=foo']);
		const error = await inWorker.readTextTraceInWorker(file).catch((e: unknown) => e as Error & {code: string});
		expect(error.name).toBe('InputError');
		expect(error.code).toBe('nanosecond-clock');
		expect(error.message).toContain(`${file}:1: timestamps are seconds.microseconds`);
	});

	it('reads a pair with both files on threads as on the main thread, and aligns it the same', async () => {
		const {pair, core} = await built();
		const [host, guest] = [example('ambiguous', 'host.txt'), example('ambiguous', 'guest.txt')];
		const threaded = await pair.readPair(host, guest, {workers: true});
		const main = await pair.readPair(host, guest, {workers: false});
		for (const side of [0, 1] as const) {
			const [a, b] = [threaded[side], main[side]];
			for (const column of ['tsc', 'cpu', 'pid', 'tgid', 'line', 'name', 'comm'] as const) expect(Array.from(a[column])).toEqual(Array.from(b[column]));
			expect(Array.from(a.kvm.index)).toEqual(Array.from(b.kvm.index));
			expect([a.names, a.comms, a.writes, a.malformed]).toEqual([b.names, b.comms, b.writes, b.malformed]);
			expect(a.raw(a.count - 1)).toBe(b.raw(b.count - 1));
		}
		const [x, y] = [core.align(...threaded), core.align(...main)];
		expect(Array.from(x.results.hostTsc)).toEqual(Array.from(y.results.hostTsc));
		expect(Array.from(x.results.status)).toEqual(Array.from(y.results.status));
		for (const t of [...threaded, ...main]) t.close();
	});

	// The viewer's readers yield the cores to its main thread, which draws the first frame
	// meanwhile (docs/performance.md); on Linux a nice value is a thread's own.
	it.skipIf(process.platform !== 'linux')('in the background, runs its threads at a lower priority than the main thread, which keeps its own', async () => {
		const {pair} = await built();
		const base = os.getPriority(0);
		const nices = new Set<number>();
		const sample = (): void => {
			for (const tid of fs.readdirSync('/proc/self/task')) {
				try {
					// Field 19 of stat, counted after the parenthesized name (which may hold spaces).
					const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
					nices.add(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
				} catch {
					// The thread ended between listing and reading.
				}
			}
		};
		const timer = setInterval(sample, 1);
		const [host, guest] = [example('ambiguous', 'host.txt'), example('ambiguous', 'guest.txt')];
		const read = await pair.readPair(host, guest, {workers: true, background: true});
		clearInterval(timer);
		expect(Math.max(...nices)).toBe(Math.min(19, base + 5));
		expect(os.getPriority(0)).toBe(base);
		const plain = await pair.readPair(host, guest, {workers: false});
		expect(Array.from(read[1].tsc)).toEqual(Array.from(plain[1].tsc));
		for (const t of [...read, ...plain]) t.close();
	});
});
