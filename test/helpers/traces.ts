// Writes small host/guest traces for tests and loads them through the real reader.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';
import {align, type AlignOptions, type Alignment} from '../../source/core/align.js';
import {readTextTrace} from '../../source/formats/text/reader.js';
import {simulate, type GuestTruth} from '../../source/sim/simulate.js';
import type {SimPlan} from '../../source/sim/plan.js';

// Each test file's folders go when its tests are done (this module is loaded once per file).
const made: string[] = [];
afterAll(() => {
	for (const dir of made.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

export function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-test-'));
	made.push(dir);
	return dir;
}

export function writeFile(dir: string, name: string, lines: string[]): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, lines.join('\n') + '\n');
	return file;
}

/** An ftrace `trace` line (5-char flags, pid width 7). */
export function ftrace(comm: string, pid: number, cpu: number, tsc: bigint | number, name: string, text: string): string {
	return `${comm.padStart(16)}-${String(pid).padEnd(7)} [${String(cpu).padStart(3, '0')}] d..2. ${String(tsc).padStart(12)}: ${name}: ${text}`;
}

export const u64 = (value: bigint): bigint => value & ((1n << 64n) - 1n);

export const entry = (tsc: number | bigint, vcpu = 0, pid = 100): string => ftrace(`CPU ${vcpu}/KVM`, pid, 1, tsc, 'kvm_entry', `vcpu ${vcpu}, rip 0xffffffff81000000`);
export const exit = (tsc: number | bigint, vcpu = 0, pid = 100): string => ftrace(`CPU ${vcpu}/KVM`, pid, 1, tsc, 'kvm_exit', `vcpu ${vcpu} reason HLT rip 0xffffffff81000000 info1 0x0 info2 0x0 intr_info 0x00000000 error_code 0x00000000`);
export const write = (tsc: number | bigint, prev: bigint, next: bigint, vcpu = 0, pid = 100): string =>
	ftrace(`CPU ${vcpu}/KVM`, pid, 1, tsc, 'kvm_write_tsc_offset', `vcpu=${vcpu} prev=${u64(prev)} next=${u64(next)}`);
export const gev = (tsc: number | bigint, cpu = 0, text = 'x'): string => ftrace('app', 42, cpu, tsc, 'sched_waking', text);

export async function alignLines(hostLines: string[], guestLines: string[], options: AlignOptions = {}): Promise<Alignment> {
	const dir = tempDir();
	const host = await readTextTrace(writeFile(dir, 'host.txt', hostLines));
	const guest = await readTextTrace(writeFile(dir, 'guest.txt', guestLines));
	return align(host, guest, options);
}

export interface SimFiles {
	dir: string;
	host: string;
	guest: string;
	truth: GuestTruth[];
}

export function writeSim(plan: SimPlan, dir = tempDir()): SimFiles {
	const hostLines: string[] = [];
	const guestLines: string[] = [];
	const result = simulate(plan, {host: (l) => hostLines.push(l), guest: (l) => guestLines.push(l)});
	return {dir, host: writeFile(dir, 'host.txt', hostLines), guest: writeFile(dir, 'guest.txt', guestLines), truth: result.truth};
}

/** The host TSC, status and candidates the tool gave the guest event on `line`. */
export function resultAtLine(a: Alignment, line: number): {tsc: bigint | null; status: number; candidates: bigint[] | undefined; epoch: number} {
	const j = a.guest.line.indexOf(line);
	if (j < 0) throw new Error(`no guest event on line ${line}`);
	return {
		tsc: a.results.status[j] === 2 ? null : a.results.hostTsc[j]!,
		status: a.results.status[j]!,
		candidates: a.results.candidates.get(j)?.tsc,
		epoch: a.results.epoch[j]!,
	};
}
