// The bench's target rows rest on two things a reader of its output cannot see: the CPU
// figure parsed from the shell's `times`, and the sentence printed when no usable trace-cmd
// is there.

import fs from 'node:fs';
import os from 'node:os';
import {describe, expect, it} from 'vitest';
import {childrenCpu, ratio, timed, verdict} from '../../source/bench/paired.js';
import path from 'node:path';
import {BUILD_TRACE_CMD, realPairTarget, traceCmdMissing} from '../../source/bench/targets.js';
import {ROOT} from '../helpers/cli.js';

describe('bench targets', () => {
	it("adds the children's user and system time from the second line of `times`", () => {
		expect(childrenCpu('0m0.010000s 0m0.002000s\n0m0.596000s 0m0.058000s\n')).toBeCloseTo(0.654, 9);
		expect(childrenCpu('0m0.00s 0m0.00s\n1m2.50s 0m0.25s\n')).toBeCloseTo(62.75, 9);
		expect(childrenCpu('')).toBe(0);
	});

	it('takes the median of the pair-by-pair ratios, and says met only at or under the bound', () => {
		const t = (cpu: number) => ({cpu, wall: cpu, status: 0});
		const p = {a: [t(1), t(3), t(2)], b: [t(2), t(2), t(2)]};
		expect(ratio(p, 'cpu')).toBe(1);
		expect(verdict(0.8, 0.8)).toBe('met');
		expect(verdict(0.81, 0.8)).toBe('NOT met');
	});

	it("sends a timed command's output to a file, not /dev/null, where GNU grep -c stops at the first match", () => {
		const outputIsNull = 'test "$(readlink /proc/self/fd/1)" = /dev/null';
		expect(timed('sh', ['-c', outputIsNull]).status).toBe(1);
		expect(timed('sh', ['-c', 'exit 7']).status).toBe(7);
	});

	it('leaves no scratch folder behind', () => {
		const scratch = (): string[] => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('tscalign-bench-'));
		const before = scratch();
		timed('sh', ['-c', 'echo output']);
		expect(scratch().filter((name) => !before.includes(name))).toEqual([]);
	});

	it('names a missing trace-cmd and says how to build one', () => {
		const before = process.env['TRACE_CMD'];
		process.env['TRACE_CMD'] = '/nonexistent/trace-cmd';
		try {
			expect(traceCmdMissing(['host.dat', 'guest.dat'])).toBe('/nonexistent/trace-cmd is not installed');
		} finally {
			if (before === undefined) delete process.env['TRACE_CMD'];
			else process.env['TRACE_CMD'] = before;
		}
		expect(BUILD_TRACE_CMD).toContain('libtraceevent-dev libtracefs-dev zlib1g-dev libzstd-dev');
		expect(BUILD_TRACE_CMD).toContain('TRACE_CMD=');
	});

	it('without the real pair, says so in the project\'s terms and points to the docs section that says where the bench looks', () => {
		const rows: string[][] = [];
		const files = {cli: 'tscalign', bench: {host: 'h', guest: 'g'}, demo: {host: 'h', guest: 'g'}, realPair: undefined, bigDat: undefined, measure: 'measure.js'};
		realPairTarget(files, (...cells) => rows.push(cells.filter((c) => c !== undefined)));
		expect(rows).toEqual([
			[
				'merge real trace.dat pair vs trace-cmd report',
				'skipped',
				'the real trace.dat pair (hip24-masterarbeit) is absent: it is real-trace test data kept outside the repository; "What npm run bench measures" in docs/performance.md says where the bench looks for it',
			],
		]);
		const section = fs.readFileSync(path.join(ROOT, 'docs/performance.md'), 'utf8').split('## What `npm run bench` measures')[1]!.split('\n## ')[0]!;
		expect(section).toContain('real/hip24-masterarbeit/');
		expect(section).toContain('tracedat-made/real-record-big-1.3M-events-v7zstd.dat');
	});
});
