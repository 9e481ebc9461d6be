// Issue 14, terminal safety: task names and event text from a trace may hold escape
// sequences or Unicode that reorders or hides text. None of it reaches stdout or stderr raw,
// in any command or message (the VM-choice error every multi-VM host shows, --vm errors, the
// no-tgid collision message, merge and check output).

import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {ftrace, gev, tempDir, writeFile} from '../helpers/traces.js';

const TITLE = '\x1b]0;pwned\x07';
const WIPE = '\x1b[2J';
const BIDI = 'ab\u202ecd';
const ZERO_WIDTH = 'x\u200by';

/** No byte of the output can drive a terminal or reorder what it shows. */
function expectSafe(text: string): void {
	expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
}

function kvmLine(comm: string, pid: number, tgid: number | undefined, tsc: number, name: string, vcpu: number): string {
	const head = `${comm.padStart(16)}-${String(pid).padEnd(7)}${tgid === undefined ? '' : ` (${String(tgid).padStart(7)})`} [001] d..2. ${String(tsc).padStart(12)}: `;
	return name === 'kvm_entry'
		? `${head}kvm_entry: vcpu ${vcpu}, rip 0xffffffff81000000`
		: `${head}kvm_exit: vcpu ${vcpu} reason HLT rip 0xffffffff81000000 info1 0x0 info2 0x0 intr_info 0x00000000 error_code 0x00000000`;
}

/** A host with two VMs (two tgids, or, without tgids, two threads both running vCPU 0). */
function hostileHost(withTgid: boolean): string[] {
	const lines: string[] = [];
	const threads: [string, number, number][] = [
		[TITLE, 100, 10],
		[WIPE, 200, 20],
		[BIDI, 300, 20],
	];
	let tsc = 1000;
	for (const [comm, pid, tgid] of threads) {
		const vcpu = withTgid ? pid / 100 - 1 : 0;
		lines.push(kvmLine(comm, pid, withTgid ? tgid : undefined, tsc, 'kvm_entry', vcpu));
		lines.push(kvmLine(comm, pid, withTgid ? tgid : undefined, tsc + 50, 'kvm_exit', vcpu));
		tsc += 100;
	}
	return lines;
}

describe('trace text never reaches the terminal raw', () => {
	const dir = tempDir();
	const guest = writeFile(dir, 'guest.txt', [gev(1010, 0, `${TITLE}${BIDI}`), gev(1020, 0, ZERO_WIDTH)]);

	it('the VM-choice error escapes host thread names', () => {
		const host = writeFile(dir, 'host-tgid.txt', hostileHost(true));
		const r = runCli(['check', host, guest]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('pick the guest');
		expect(r.stderr).toContain('\\x1b]0;pwned\\x07');
		expect(r.stderr).toContain('\\x1b[2J');
		expect(r.stderr).toContain('ab\\u202ecd');
		expectSafe(r.stderr);
		expectSafe(r.stdout);
	});

	it('the --vm 9999 error escapes them too', () => {
		const host = writeFile(dir, 'host-tgid2.txt', hostileHost(true));
		const r = runCli(['merge', host, guest, '--vm', '9999']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('--vm 9999 is neither');
		expect(r.stderr).toContain('\\x1b]0;pwned\\x07');
		expectSafe(r.stderr);
	});

	it('the no-tgid collision message escapes them too', () => {
		const host = writeFile(dir, 'host-notgid.txt', hostileHost(false));
		const r = runCli(['check', host, guest]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('collide');
		expect(r.stderr).toContain('\\x1b[2J');
		expectSafe(r.stderr);
	});

	it('merge, merge --json and check show event text and names escaped, bidi and zero-width included', () => {
		const host = writeFile(dir, 'host-one.txt', [
			kvmLine(BIDI, 100, 10, 1000, 'kvm_entry', 0),
			ftrace(TITLE, 100, 1, 1001, 'kvm_write_tsc_offset', 'vcpu=0 prev=0 next=0'),
			kvmLine(BIDI, 100, 10, 1100, 'kvm_exit', 0),
		]);
		const merged = runCli(['merge', host, guest]);
		expect(merged.code).toBe(0);
		expect(merged.stdout).toContain('\\x1b]0;pwned\\x07ab\\u202ecd');
		expect(merged.stdout).toContain('x\\u200by');
		expectSafe(merged.stdout);
		const json = runCli(['merge', host, guest, '--json']);
		expect(json.code).toBe(0);
		expectSafe(json.stdout);
		expect(json.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).text)).toContain(`${TITLE}${BIDI}`);
		for (const args of [[], ['--json']]) {
			const checked = runCli(['check', host, guest, ...args]);
			expect(checked.code).toBeLessThan(2);
			expectSafe(checked.stdout);
			expectSafe(checked.stderr);
		}
	});
});
