// A flag that names a vCPU or guest CPU the capture does not have is said, never dropped
// without a word: a note in check (text and --json) and on merge's stderr, naming the flag,
// what it named and what there is.

import {describe, expect, it} from 'vitest';
import path from 'node:path';
import {example, ROOT, runCli} from '../helpers/cli.js';

const noWrite = [example('no-write', 'host.txt'), example('no-write', 'guest.txt')];
const demo = [example('demo', 'host.txt'), example('demo', 'guest.txt')];
const OFFSET_NOTE = "--offset 5=-1 not used: neither the guest's events nor the VM's threads have vCPU 5 (they have vCPU 0)";
const MAP_NOTE = '--vcpu-map 7=0 not used: the guest trace has no events on CPU 7 (it has events on CPUs 0, 1)';

describe('flags that name nothing in the capture', () => {
	it('check: --offset for a vCPU that does not exist is a note above the verdict; the verdict and exit code are as without it', () => {
		const r = runCli(['check', ...noWrite, '--offset', '5=-1']);
		const lines = r.stdout.trimEnd().split('\n');
		expect(r.code).toBe(1);
		expect(lines.slice(-2)).toEqual([`note: ${OFFSET_NOTE}`, 'verdict: 17 of 23 guest events exact; 6 ambiguous']);
	});

	it('check --json: the note is in the report\'s notes', () => {
		const report = JSON.parse(runCli(['check', ...noWrite, '--offset', '5=-1', '--json']).stdout);
		expect(report.notes).toEqual([OFFSET_NOTE]);
		expect(JSON.parse(runCli(['check', ...noWrite, '--json']).stdout).notes).toEqual([]);
	});

	it('--vcpu-map for a guest CPU without events: check and check --json say so', () => {
		const r = runCli(['check', ...demo, '--vcpu-map', '7=0']);
		expect(r.stdout).toContain(`\nnote: ${MAP_NOTE}\nverdict: `);
		expect(JSON.parse(runCli(['check', ...demo, '--vcpu-map', '7=0', '--json']).stdout).notes).toEqual([MAP_NOTE]);
	});

	it('merge: each on stderr, the events unchanged', () => {
		const r = runCli(['merge', ...demo, '--vcpu-map', '7=0', '--offset', '3=5']);
		expect(r.code).toBe(0);
		expect(r.stdout).toBe(runCli(['merge', ...demo]).stdout);
		expect(r.stderr).toBe(
			"tscalign: note: --offset 3=5 not used: neither the guest's events nor the VM's threads have vCPU 3 (they have vCPUs 0, 1)\n" + `tscalign: note: ${MAP_NOTE}\n`,
		);
	});

	it('with several guests, the note goes to the guest the flag was for', () => {
		const files = ['host.txt', 'guest1.txt', 'guest2.txt'].map((f) => path.join(ROOT, 'examples', 'two-guests', f));
		const report = JSON.parse(runCli(['check', ...files, '--offset', 'g2:5=-1', '--json']).stdout);
		expect(report.guests.map((g: {notes: string[]}) => g.notes)).toEqual([[], ["--offset 5=-1 not used: neither the guest's events nor the VM's threads have vCPU 5 (they have vCPUs 0, 1)"]]);
		expect(runCli(['merge', ...files, '--offset', 'g2:5=-1']).stderr).toMatch(/^tscalign: g2 \(\S+guest2\.txt\): note: --offset 5=-1 not used: /);
	});
});
