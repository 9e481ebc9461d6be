// A small host/guest pair with every situation the viewer shows: a backward TSC write caused
// by a guest WRMSR, a forward host write, a non-monotonic region, an event outside every run
// window, lost guest events, a guest string holding an escape sequence, and a vCPU with no
// run windows whose writes make an ambiguous stretch (the 100/104/108 case of docs/domain.md §6).

import fs from 'node:fs';
import path from 'node:path';
import {tempDir} from '../helpers/traces.js';

const MASK = (1n << 64n) - 1n;
const u64 = (value: bigint): bigint => value & MASK;

export const H = 5_000_000_000n;
/** vCPU 0's offsets (KVM convention: guest = host + offset). */
export const O0 = -4_000_000_000n;
export const O1 = O0 - 100_000n; // backward: guest time jumps back
export const O2 = O1 + 1_000_000n; // forward
/** vCPU 1: each write at H+10000/10004/10008 sets the guest TSC to G1. */
export const G1 = 777_000_000n;
export const WRITE1 = H + 1000n;
export const WRITE2 = H + 2000n;
export const LONG_WINDOW_EVENTS = 100;
export const ESCAPED_TEXT = 'hello \x1b[31mRED\x1b[0m';

function line(comm: string, pid: number, cpu: number, tsc: bigint, name: string, text: string): string {
	return `${comm.padStart(16)}-${String(pid).padEnd(7)} [${String(cpu).padStart(3, '0')}] d..2. ${tsc}: ${name}: ${text}`;
}

export interface Fixture {
	dir: string;
	host: string;
	guest: string;
	cleanup(): void;
}

export function writeFixture(): Fixture {
	const host: [bigint, string][] = [];
	const guest: [bigint, string][] = [];
	const h = (tsc: bigint, comm: string, pid: number, cpu: number, name: string, text: string): void => {
		host.push([tsc, line(comm, pid, cpu, tsc, name, text)]);
	};
	const g = (hostTsc: bigint, offset: bigint, cpu: number, comm: string, pid: number, name: string, text: string): void => {
		const tsc = u64(hostTsc + offset);
		guest.push([hostTsc, line(comm, pid, cpu, tsc, name, text)]);
	};
	const v0 = (tsc: bigint, name: string, text: string): void => h(tsc, 'CPU 0/KVM', 1000, 2, name, text);
	const v1 = (tsc: bigint, name: string, text: string): void => h(tsc, 'CPU 1/KVM', 1001, 3, name, text);
	const entry = (tsc: bigint): void => v0(tsc, 'kvm_entry', 'vcpu 0, rip 0xffffffff8100a000');
	const exit = (tsc: bigint, reason = 'HLT'): void => v0(tsc, 'kvm_exit', `vcpu 0 reason ${reason} rip 0xffffffff8100a010 info1 0 info2 0`);

	// Host noise on an unrelated process, so the vCPU filter has something to hide.
	for (let t = H + 50n; t < H + 9000n; t += 500n) h(t, 'bash', 555, 1, 'sched_switch', `prev_comm=bash prev_pid=555 next_comm=swapper/1 next_pid=0 t=${t}`);

	// Window 1, epoch 0.
	entry(H + 100n);
	for (const t of [200n, 400n, 600n]) g(H + t, O0, 0, 'kworker/0:1', 33, 'wq_start', `w${t}`);
	exit(H + 900n, 'MSR_WRITE');
	v0(H + 905n, 'kvm_msr', 'msr_write 10 = 0x2e6a0b68');
	v0(WRITE1, 'kvm_write_tsc_offset', `vcpu=0 prev=${u64(O0)} next=${u64(O1)}`);
	// Window 2, epoch 1 (backward: a non-monotonic region in the guest).
	entry(H + 1100n);
	for (const t of [1200n, 1400n, 1600n]) g(H + t, O1, 0, 'kworker/0:1', 33, 'wq_start', `w${t}`);
	exit(H + 1900n);
	v0(WRITE2, 'kvm_write_tsc_offset', `vcpu=0 prev=${u64(O1)} next=${u64(O2)}`);
	// Window 3, epoch 2 (forward).
	entry(H + 2100n);
	g(H + 2200n, O2, 0, 'kworker/0:1', 33, 'wq_start', 'w2200');
	g(H + 2400n, O2, 0, 'kworker/0:1', 33, 'wq_end', 'w2400');
	g(H + 2500n, O2, 0, 'evil', 666, 'print', ESCAPED_TEXT);
	exit(H + 2900n);
	// Outside every window: unresolved.
	g(H + 2950n, O2, 0, 'stray', 77, 'print', 'between windows (stray event)');
	// A long window for paging.
	entry(H + 3000n);
	for (let k = 0; k < LONG_WINDOW_EVENTS; k++) {
		g(H + 3010n + BigInt(k) * 50n, O2, 0, 'app', 4242, 'sys_enter', `NR ${k} needle${k % 10 === 0 ? 'X' : ''}`);
	}
	exit(H + 9000n);

	// vCPU 1: no windows, three writes that each set its guest TSC to G1.
	const p1 = G1 - H - 20_000n;
	const offs = [0n, 4n, 8n].map((d) => G1 - (H + 10_000n + d));
	v1(H + 10_000n, 'kvm_write_tsc_offset', `vcpu=1 prev=${u64(p1)} next=${u64(offs[0]!)}`);
	v1(H + 10_004n, 'kvm_write_tsc_offset', `vcpu=1 prev=${u64(offs[0]!)} next=${u64(offs[1]!)}`);
	v1(H + 10_008n, 'kvm_write_tsc_offset', `vcpu=1 prev=${u64(offs[1]!)} next=${u64(offs[2]!)}`);
	for (const [k, d] of [1n, 2n, 3n, 1n, 2n, 3n].entries()) {
		const hostTsc = H + 10_000n + d + (k >= 3 ? 8n : 0n);
		guest.push([hostTsc, line('ticker', 90, 1, G1 + d, 'print', `tick ${k}`)]);
	}

	const dir = tempDir();
	const hostFile = path.join(dir, 'host.txt');
	const guestFile = path.join(dir, 'guest.txt');
	const sorted = (list: [bigint, string][]): string[] =>
		list
			.map((entry, i) => ({entry, i}))
			.sort((a, b) => (a.entry[0] < b.entry[0] ? -1 : a.entry[0] > b.entry[0] ? 1 : a.i - b.i))
			.map(({entry}) => entry[1]);
	const guestLines = sorted(guest);
	// Lost guest events just before the event at H+2400.
	const lostAt = guestLines.findIndex((l) => l.includes('w2400'));
	guestLines.splice(lostAt, 0, 'CPU:0 [LOST 3 EVENTS]');
	fs.writeFileSync(hostFile, ['# tracer: nop', ...sorted(host)].join('\n') + '\n', 'latin1');
	fs.writeFileSync(guestFile, ['# tracer: nop', ...guestLines].join('\n') + '\n', 'latin1');
	return {dir, host: hostFile, guest: guestFile, cleanup: () => fs.rmSync(dir, {recursive: true, force: true})};
}
