// The built binary on trace.dat input, as a user runs it (`npm test` builds dist first).

import {describe, expect, it} from 'vitest';
import {runCli} from '../../helpers/cli.js';
import {corpusFile} from '../../helpers/corpus.js';
import {buildDat} from './build-dat.js';
import {tempFile} from './helpers.js';
import {scenario} from './scenario.js';

const dir = 'real/hip24-masterarbeit';
const hostDat = corpusFile(`${dir}/pair1-host.trace.dat`);
const guestDat = corpusFile(`${dir}/pair1-guest-Salamander4.trace.dat`);

describe.skipIf(!hostDat || !guestDat)('tscalign on the real trace.dat pair', () => {
	it('check: the same counts as the text renderings (89,827 exact, 202 unresolved)', () => {
		const r = runCli(['check', hostDat!, guestDat!, '--vm', '483882', '--offset', '-63430235715905']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('(dat), 11721 events, 0 malformed lines');
		expect(r.stdout).toContain('(dat), 90029 events, 0 malformed lines');
		expect(r.stdout).toContain('guest events: 90029: 89827 exact, 0 ambiguous, 202 unresolved');
		expect(r.stdout).toContain('verdict: 89827 of 90029 guest events exact; 202 unresolved: they happened before the host trace began');
	});

	it('merge --json: trace.dat lines are 1-based record indexes and texts are the kernel formats', () => {
		const r = runCli(['merge', hostDat!, guestDat!, '--vm', '483882', '--offset', '-63430235715905', '--json']);
		expect(r.code).toBe(0);
		const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(rows).toHaveLength(11_721 + 90_029);
		const entry = rows.find((row) => row['src'] === 'host' && row['line'] === 1);
		expect(entry).toMatchObject({event: 'kvm_entry', pid: 483882, tsc: '64642412873143', text: 'vcpu 0, rip 0xffffffffa13f2e30'});
		const guestLines = rows.filter((row) => row['src'] === 'guest').map((row) => row['line'] as number);
		expect(guestLines.toSorted((a, b) => a - b)).toEqual(Array.from({length: 90_029}, (_, i) => i + 1));
	});
});

describe('tscalign on damaged or unsuitable trace.dat files', () => {
	const order = {little: true, longSize: 8 as const};
	const good = buildDat({version: 7, ...order, cpuCount: 2, clock: 'x86-tsc', instances: [{name: '', cpus: scenario(order).cpus}]});

	it('a truncated file: one sentence with the byte offset, exit code 2, no stack trace', () => {
		const cut = tempFile(good.subarray(0, 200), 'cut.dat');
		const r = runCli(['check', cut, cut]);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^tscalign: \S+cut\.dat is a damaged or truncated trace\.dat: at byte \d+ it expected .+; copy the file again or record a new one\.\n$/);
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});

	it('a nanosecond-clock file: says how to record it again, exit code 2', () => {
		const local = tempFile(buildDat({version: 7, ...order, cpuCount: 2, clock: 'local', instances: [{name: '', cpus: scenario(order).cpus}]}), 'local.dat');
		const r = runCli(['check', local, local]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('was recorded with the "local" clock');
		expect(r.stderr).toContain('trace-cmd record -C x86-tsc');
	});

	it('every buffer by default; --instance picks one (top: the top-level buffer); an unknown one is a usage error', () => {
		const cpus = scenario(order).cpus;
		const file = tempFile(
			buildDat({version: 7, ...order, cpuCount: 2, clock: 'x86-tsc', instances: [{name: '', cpus}, {name: 'kvm', cpus: new Map([[0, cpus.get(0)!]])}]}),
			'inst.dat',
		);
		const lines = (...flags: string[]) => runCli(['merge', file, file, '--json', ...flags]).stdout.trim().split('\n');
		expect(lines()).toHaveLength(2 * (9 + 7));
		expect(lines('--instance', 'top')).toHaveLength(2 * 9);
		expect(lines('--instance', 'kvm')).toHaveLength(2 * 7);
		const bad = runCli(['merge', file, file, '--instance', 'nope']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/has no buffer instance "nope"; choose one of its buffers with --instance \(top, "kvm"\) or leave --instance out to read them all\./);
	});
});
