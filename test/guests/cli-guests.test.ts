// The built binary with several guest files: merge marks each guest event with its guest,
// check reports per guest and a verdict over all, errors exit 2 in sentences.

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT, runCli} from '../helpers/cli.js';
import {tempDir} from '../helpers/traces.js';

const dir = path.join(ROOT, 'examples', 'two-guests');
const host = path.join(dir, 'host.txt');
const guests = [path.join(dir, 'guest1.txt'), path.join(dir, 'guest2.txt')];
const rel = (file: string): string => path.relative(ROOT, file);

const truth = (k: number) =>
	fs
		.readFileSync(path.join(dir, `truth${k}.tsv`), 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((row) => row.split('\t'))
		.map(([line, , guestTsc, hostTsc]) => ({line: Number(line), guestTsc: guestTsc!, hostTsc: hostTsc!}));

describe('merge with two guests', () => {
	it('--json: every guest event once, with guest and guest_file, exact, guest 1 at its true host TSC', () => {
		const r = runCli(['merge', '--json', rel(host), ...guests.map(rel)]);
		expect(r.code).toBe(0);
		const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(rows.filter((o) => o['src'] === 'host').every((o) => !('guest' in o))).toBe(true);
		for (const k of [1, 2]) {
			const mine = rows.filter((o) => o['guest'] === k);
			const expected = truth(k);
			expect(mine).toHaveLength(expected.length);
			expect(mine.every((o) => o['guest_file'] === rel(guests[k - 1]!) && o['status'] === 'exact')).toBe(true);
			if (k === 1) expect(mine.map((o) => [o['line'], o['tsc']]).sort()).toEqual(expected.map((t) => [t.line, t.hostTsc]).sort());
		}
		// Host-TSC order across both guests and the host.
		const tscs = rows.map((o) => BigInt(o['tsc'] as string));
		expect(tscs.every((t, i) => i === 0 || tscs[i - 1]! <= t)).toBe(true);
	});

	it('text: guest lines marked G1 and G2, host lines H, columns aligned', () => {
		const r = runCli(['merge', rel(host), ...guests.map(rel)]);
		expect(r.code).toBe(0);
		const lines = r.stdout.trim().split('\n');
		const t = truth(1)[0]!;
		expect(lines).toContain(lines.find((l) => l.includes(` G1 g=${t.guestTsc.padEnd(20)} exact`))!);
		expect(lines.find((l) => l.includes(` G1 g=${t.guestTsc} `))!.startsWith(t.hostTsc.padStart(20))).toBe(true);
		expect(lines.filter((l) => l.slice(20, 24) === ' G2 ')).toHaveLength(truth(2).length);
		expect(lines.filter((l) => l.slice(20, 24) === ' H  ').length).toBeGreaterThan(100);
	});
});

describe('check with several guests', () => {
	it('one section per guest and a verdict over all, exit 0 when every guest is exact', () => {
		const r = runCli(['check', rel(host), ...guests.map(rel)]);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain(`guest g1: ${rel(guests[0]!)} (ftrace), 73 events, 0 malformed lines`);
		expect(r.stdout).toContain('g1 verdict: all 73 guest events converted exactly');
		expect(r.stdout).toContain('g2 verdict: all 68 guest events converted exactly');
		expect(r.stdout.trim().split('\n').at(-1)).toBe('verdict: all 141 guest events of 2 guests converted exactly');
		const json = JSON.parse(runCli(['check', '--json', rel(host), ...guests.map(rel)]).stdout);
		expect(json.guests.map((g: {guest: number; guest_file: string; exit_code: number}) => [g.guest, g.guest_file, g.exit_code])).toEqual([
			[1, rel(guests[0]!), 0],
			[2, rel(guests[1]!), 0],
		]);
		expect(json.guests[1].vms[0].vcpus[0].epochs[0].source).toBe('recovered');
	});

	it('exits with the worst guest\'s code and names the guest in the verdict', () => {
		const out = tempDir();
		expect(runCli(['simulate', out, '--scenario', 'random', '--guests', '3']).stdout).toContain('guest3.txt');
		const files = [1, 2, 3].map((k) => path.join(out, `guest${k}.txt`));
		const r = runCli(['check', path.join(out, 'host.txt'), ...files]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('g1 verdict: all ');
		expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^verdict: \d+ of \d+ guest events of 3 guests exact; g3: \d+ of \d+ guest events exact; \d+ ambiguous$/);
	});

	it('two files claiming one VM: exit 2 with a sentence, no output', () => {
		const r = runCli(['check', rel(host), rel(guests[0]!), rel(guests[0]!)]);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain(`g1 (${rel(guests[0]!)}): its events fit VM tgid 3016, as do the events of g2 (${rel(guests[0]!)});`);
	});
});

describe('one guest', () => {
	it('takes the g1: prefix as if unprefixed, and a repeated flag is a sentence, not a crash', () => {
		const two = path.join(ROOT, 'examples', 'two-vms');
		const plain = runCli(['check', '--json', `${two}/host.txt`, `${two}/guest.txt`, '--vm', '3026,3027']);
		const prefixed = runCli(['check', '--json', `${two}/host.txt`, `${two}/guest.txt`, '--vm', 'g1:3026,3027']);
		expect(plain.code).toBe(0);
		expect(prefixed.stdout).toBe(plain.stdout);
		const twice = runCli(['check', `${two}/host.txt`, `${two}/guest.txt`, '--tsc-ratio', '1', '--tsc-ratio', '2']);
		expect([twice.code, twice.stderr]).toEqual([
			2,
			'tscalign: --tsc-ratio is given 2 times for every guest; give it once, or once per guest with a prefix (--tsc-ratio g1:..., --tsc-ratio g2:...).\n',
		]);
	});
});
