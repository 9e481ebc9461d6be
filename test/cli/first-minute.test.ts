// What a new user meets first: a verdict that names the cause (before the host trace, swapped
// files, the wrong --vm, a scaled guest), distances in time units when the TSC rate is known,
// counts that read right, and a pair of any size to try the viewer on.

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {example, runCli} from '../helpers/cli.js';
import {corpusFile} from '../helpers/corpus.js';
import {entry, exit, gev, tempDir, write, writeFile} from '../helpers/traces.js';

const verdictOf = (stdout: string): string => stdout.trim().split('\n').at(-1)!;

describe('the verdict names the cause', () => {
	it('HOST and GUEST given the wrong way round', () => {
		const r = runCli(['check', example('demo', 'guest.txt'), example('demo', 'host.txt')]);
		expect(verdictOf(r.stdout)).toMatch(/^verdict: HOST and GUEST look swapped: the GUEST file holds the kvm_entry\/kvm_exit events and the HOST file none; give the host's trace first; 0 of 151 guest events exact/);
	});

	it('a --vm whose threads have no run window, while other threads have some', () => {
		const dir = tempDir();
		// Thread 100 (vCPU 0 of one VM) has only offset writes; thread 200 runs.
		const host = writeFile(dir, 'host.txt', [write(1000, 0n, -1000n, 0, 100), entry(1100, 0, 200), exit(1900, 0, 200), entry(2100, 0, 200), exit(2900, 0, 200)]);
		const guest = writeFile(dir, 'guest.txt', [gev(500), gev(1500)]);
		const r = runCli(['check', host, guest, '--vm', '100']);
		expect(verdictOf(r.stdout)).toContain('the host trace has no run window of VM 100, only of other threads: is --vm right?');
		expect(runCli(['check', host, guest, '--vm', '200']).stdout).not.toContain('is --vm right?');
	});

	it('a TSC-scaled guest converted without --tsc-ratio: every event lands after the host trace', () => {
		const r = runCli(['check', example('scaled', 'host.txt'), example('scaled', 'guest.txt')]);
		expect(verdictOf(r.stdout)).toBe(
			'verdict: 0 of 32 guest events exact; 32 unresolved (32 outside run windows); all 32 events of vCPU 0 land after the host trace under the offsets its traced writes set: is the guest\'s TSC scaled? pass --tsc-ratio (and --tsc-frac-bits 32 on AMD)',
		);
		const fixed = runCli(['check', example('scaled', 'host.txt'), example('scaled', 'guest.txt'), '--tsc-ratio', '282473351514624']);
		expect(verdictOf(fixed.stdout)).toBe('verdict: all 32 guest events converted exactly');
	});

	it('the real pair: the 202 unresolved events happened before the host trace began, 1.392 ms before at most (TSC2NSEC)', () => {
		const host = corpusFile('real/hip24-masterarbeit/pair1-host.trace.dat');
		const guest = corpusFile('real/hip24-masterarbeit/pair1-guest-Salamander4.trace.dat');
		if (!host || !guest) return;
		const r = runCli(['check', host, guest]);
		expect(verdictOf(r.stdout)).toBe('verdict: 89827 of 90029 guest events exact; 202 unresolved: they happened before the host trace began');
		expect(r.stdout).toContain("      202 outside every run window: 202 before the host trace's first event (the earliest by 1.392 ms)");
		expect(r.stdout).toContain('TSC rate for times in ns: TSC2NSEC of pair1-host.trace.dat');
		const json = JSON.parse(runCli(['check', host, guest, '--json']).stdout) as {vms: {vcpus: {unresolved_outside_host_trace: unknown}[]}[]};
		expect(json.vms[0]!.vcpus[0]!.unresolved_outside_host_trace).toEqual({before: 202, after: 0, furthest_before: '4064600', furthest_after: null, furthest_before_ns: 1392749, furthest_after_ns: null});
	});
});

describe('time units and counts', () => {
	it('--tsc-khz gives distances in ns; without it they are cycles', () => {
		const dir = tempDir();
		const host = writeFile(dir, 'host.txt', [write(1000, 0n, -1000n), write(3000, -1000n, -1000n)]);
		const guest = writeFile(dir, 'guest.txt', [gev(1050), gev(2500), gev(5000)]);
		expect(runCli(['check', host, guest]).stdout).toContain('outside the host trace: 2 after its last (the latest by 3000 cycles)');
		// 3000 cycles at 2 GHz: 1.5 µs.
		expect(runCli(['check', host, guest, '--tsc-khz', '2000000']).stdout).toContain('outside the host trace: 2 after its last (the latest by 1.500 µs)');
		const bad = runCli(['check', host, guest, '--tsc-khz', 'fast']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--tsc-khz takes the TSC\'s rate in kHz, such as 2918400');
	});

	it('one of a thing is singular, and a one-line range is one line', () => {
		const dir = tempDir();
		const host = writeFile(dir, 'host.txt', [write(1000, 0n, -1000n), entry(1100), exit(1900)]);
		const guest = writeFile(dir, 'guest.txt', [gev(500)]);
		const r = runCli(['check', host, guest]);
		expect(r.stdout).toContain('guest.txt (ftrace), 1 event, 0 malformed lines');
		expect(r.stdout).toContain('verdict: all 1 guest event converted exactly');
	});
});

describe('simulate --events N', () => {
	it('writes a pair of about N events that check reads', () => {
		const dir = tempDir();
		const r = runCli(['simulate', dir, '--events', '5000']);
		expect(r.code).toBe(0);
		const events = Number(/\((\d+) events\), .*?\((\d+) events\)/.exec(r.stdout)!.slice(1).reduce((a, b) => String(Number(a) + Number(b))));
		expect(events).toBeGreaterThan(4000);
		expect(events).toBeLessThan(6000);
		expect(r.stdout).toContain(`try: tscalign check ${path.join(dir, 'host.txt')}`);
		expect(fs.existsSync(path.join(dir, 'truth.tsv'))).toBe(true);
		expect(runCli(['check', path.join(dir, 'host.txt'), path.join(dir, 'guest.txt')]).stdout).toMatch(/verdict: \d+ of \d+ guest events exact/);
		expect(runCli(['simulate', dir, '--events', 'lots']).stderr).toContain('--events takes a whole number of events from 100 to 50000000');
		expect(runCli(['simulate', dir, '--events', '500', '--scenario', 'demo']).stderr).toContain('simulate takes --scenario or --events, not both.');
	});
});
