// The built binary: help, the merge --json contract, check, exit codes and error messages.

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import {CLI, example, runCli} from '../helpers/cli.js';
import {randomPlan} from '../../source/sim/random-plan.js';
import {ftrace, gev, tempDir, write, writeFile, writeSim} from '../helpers/traces.js';

const truthOf = (name: string) =>
	new Map(
		fs
			.readFileSync(example(name, 'truth.tsv'), 'utf8')
			.trim()
			.split('\n')
			.slice(1)
			.map((row) => row.split('\t'))
			.map(([line, , , host, epoch]) => [Number(line), {host, epoch: Number(epoch)}]),
	);

const jsonLines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('--help', () => {
	it('prints usage with every command and exits 0', () => {
		const r = runCli(['--help']);
		expect(r.code).toBe(0);
		for (const text of ['tscalign merge HOST GUEST', 'tscalign check HOST GUEST', '--offset VCPU=OFF', '--vm ID[,ID...]', '--json']) {
			expect(r.stdout).toContain(text);
		}
	});

	it('-h is --help; after a command, --help prints that command\'s usage and options, exit 0', () => {
		const top = runCli(['--help']).stdout;
		expect(runCli(['-h']).stdout).toBe(top);
		for (const command of ['merge', 'check', 'simulate']) {
			for (const flag of ['--help', '-h']) {
				const r = runCli([command, flag]);
				expect(r.code).toBe(0);
				expect(r.stdout).toContain(`$ tscalign ${command} `);
				expect(r.stdout).not.toBe(top);
			}
		}
		expect(runCli(['check', '--help']).stdout).toContain('--tsc-khz N');
		expect(runCli(['check', '--help']).stdout).not.toContain('--scenario');
		expect(runCli(['simulate', '--help']).stdout).toContain('--events N');
	});

	it('every help page fits an 80-column terminal (SSH on a lab host): no line is wider', () => {
		for (const command of [[], ['check'], ['merge'], ['export'], ['simulate']]) {
			const r = runCli([...command, '--help']);
			expect(r.code).toBe(0);
			const wide = r.stdout.split('\n').filter((line) => [...line].length > 80);
			expect(wide, `tscalign ${command.join(' ')} --help`).toEqual([]);
		}
	});

	it('merge --help says --tsc-khz changes nothing there, and it does not (merge prints TSCs)', () => {
		const help = runCli(['merge', '--help']).stdout.replace(/\s+/g, ' ');
		expect(help).toContain('--tsc-khz N not used by merge, which prints TSCs, not times;');
		expect(runCli(['check', '--help']).stdout.replace(/\s+/g, ' ')).toContain('--tsc-khz N the TSC\'s rate in kHz, for times in ns, µs, ms and s');
		const files = [example('demo', 'host.txt'), example('demo', 'guest.txt')];
		const plain = runCli(['merge', ...files, '--json']);
		const withRate = runCli(['merge', ...files, '--json', '--tsc-khz', '2918400']);
		expect(withRate.code).toBe(0);
		expect(withRate.stdout).toBe(plain.stdout);
	});

	it('an option the command does not take is said, with what takes it, exit 2 (not silently ignored)', () => {
		const r = runCli(['merge', example('demo', 'host.txt'), example('demo', 'guest.txt'), '--from', '5']);
		expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'tscalign: merge does not take --from; it is for export (see tscalign merge --help)\n']);
		expect(runCli(['check', 'a', 'b', '--scenario=demo']).stderr).toBe('tscalign: check does not take --scenario; it is for simulate (see tscalign check --help)\n');
		expect(runCli([example('demo', 'host.txt'), example('demo', 'guest.txt'), '--json']).stderr).toBe('tscalign: the viewer does not take --json; it is for merge or check (see tscalign --help)\n');
		expect(runCli(['export', 'a', 'b', '-o', 'x.json', '--json']).stderr).toBe('tscalign: export does not take --json; it is for merge or check (see tscalign export --help)\n');
	});

	it('a mistyped command is named as one, not as a missing file nor as the viewer refusing an option, exit 2', () => {
		const files = [example('demo', 'host.txt'), example('demo', 'guest.txt')];
		const said = 'tscalign: chek is neither a command (merge, check, export, simulate) nor a file.\nRun `tscalign --help` for usage.\n';
		expect(runCli(['chek', ...files])).toEqual({code: 2, stdout: '', stderr: said});
		expect(runCli(['mrege', ...files, '--json']).stderr).toBe(said.replace('chek', 'mrege'));
		// A file of that name is a trace: the viewer's pair, here its check summary.
		const dir = tempDir();
		fs.copyFileSync(files[0]!, path.join(dir, 'host'));
		const r = spawnSync(process.execPath, [CLI, 'host', files[1]!], {cwd: dir, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		expect([r.status, r.stdout.trim().split('\n').at(-1)]).toEqual([1, 'verdict: 164 of 169 guest events exact; 5 ambiguous']);
	});

	it('an unknown option names itself and where to look, exit 2', () => {
		const r = runCli(['check', example('demo', 'host.txt'), example('demo', 'guest.txt'), '--bogus']);
		expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'tscalign: unknown option --bogus (see tscalign check --help)\n']);
		expect(runCli(['--bogus=3', 'a', 'b']).stderr).toBe('tscalign: unknown option --bogus (see tscalign --help)\n');
		expect(runCli(['merge', 'a', 'b', '-z']).stderr).toBe('tscalign: unknown option -z (see tscalign merge --help)\n');
		// Values that start with a dash are values, and --no-recover is a known negation.
		const ok = runCli(['check', example('no-write', 'host.txt'), example('no-write', 'guest.txt'), '--offset', '-47942786556436', '--no-recover']);
		expect(ok.code).toBe(0);
	});

	it('shows usage and exits 2 with no arguments', () => {
		const r = runCli([]);
		expect(r.code).toBe(2);
		expect(r.stdout + r.stderr).toContain('Usage');
	});
});

describe('merge --json', () => {
	const r = runCli(['merge', example('demo', 'host.txt'), example('demo', 'guest.txt'), '--json']);
	const rows = jsonLines(r.stdout);
	const hostLines = fs.readFileSync(example('demo', 'host.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).length;
	const truth = truthOf('demo');

	it('prints every event of both files once', () => {
		expect(r.code).toBe(0);
		expect(rows.filter((x) => x['src'] === 'host')).toHaveLength(hostLines);
		expect(rows.filter((x) => x['src'] === 'guest')).toHaveLength(truth.size);
		expect(new Set(rows.map((x) => `${x['src']}:${x['line']}`)).size).toBe(rows.length);
	});

	it('gives host and guest events the documented fields', () => {
		const host = rows.find((x) => x['src'] === 'host' && x['event'] === 'kvm_write_tsc_offset')!;
		expect(Object.keys(host).sort()).toEqual(['cpu', 'event', 'line', 'pid', 'src', 'task', 'text', 'tgid', 'tsc'].sort());
		expect(host['text']).toMatch(/^vcpu=\d prev=\d+ next=\d+$/);
		const guest = rows.find((x) => x['src'] === 'guest' && x['status'] === 'exact')!;
		expect(Object.keys(guest).sort()).toEqual(
			['candidates', 'cpu', 'epoch', 'event', 'guest_tsc', 'line', 'offset_source', 'pid', 'reason', 'src', 'status', 'task', 'text', 'tsc', 'vcpu'].sort(),
		);
		expect(guest['offset_source']).toBe('write');
		expect(guest['reason']).toBeNull();
	});

	it('converts every exact guest event to its true host TSC and epoch', () => {
		const exact = rows.filter((x) => x['src'] === 'guest' && x['status'] === 'exact');
		expect(exact.length).toBe(164);
		for (const x of exact) {
			expect(x['tsc'], `guest line ${x['line']}`).toBe(truth.get(x['line'] as number)!.host);
			expect(x['epoch']).toBe(truth.get(x['line'] as number)!.epoch);
		}
	});

	it('lists every candidate of an ambiguous event, ascending, and places it at the first', () => {
		const ambiguous = rows.filter((x) => x['src'] === 'guest' && x['status'] === 'ambiguous');
		expect(ambiguous).toHaveLength(5);
		for (const x of ambiguous) {
			const candidates = (x['candidates'] as string[]).map(BigInt);
			expect(candidates.length).toBe(2);
			expect(candidates[0]! < candidates[1]!).toBe(true);
			expect(x['tsc']).toBe(String(candidates[0]));
			expect(x['epoch']).toBeNull();
			expect(candidates.map(String)).toContain(truth.get(x['line'] as number)!.host);
		}
	});

	it('orders events by host TSC, host first on ties', () => {
		const keys = rows.map((x) => BigInt(x['tsc'] as string));
		for (let k = 1; k < rows.length; k++) {
			expect(keys[k]! >= keys[k - 1]!).toBe(true);
			if (keys[k] === keys[k - 1]) expect(!(rows[k]!['src'] === 'host' && rows[k - 1]!['src'] === 'guest')).toBe(true);
		}
	});

	it('marks unresolved events with a reason and no TSC, right after their vCPU\'s previous event', () => {
		const r2 = runCli(['merge', example('no-write', 'host.txt'), example('no-write', 'guest.txt'), '--json', '--no-recover']);
		const guest = jsonLines(r2.stdout).filter((x) => x['src'] === 'guest');
		expect(guest.every((x) => x['status'] === 'unresolved' && x['tsc'] === null && x['offset_source'] === null)).toBe(true);
		expect(guest[0]!['reason']).toBe('no offset known for vCPU 0: the host trace has no kvm_write_tsc_offset for it (pass --offset)');
		expect(guest.map((x) => x['line'])).toEqual([...guest.map((x) => x['line'] as number)].sort((a, b) => a - b));
	});

	it('recovers the offset from the run windows when the host trace has no write', () => {
		const r2 = runCli(['check', example('no-write', 'host.txt'), example('no-write', 'guest.txt'), '--json']);
		const report = JSON.parse(r2.stdout);
		const [epoch] = report.vms[0].vcpus[0].epochs;
		expect(epoch.source).toBe('recovered');
		const [lo, hi] = epoch.interval.map(BigInt);
		expect(lo <= -47942786556436n && -47942786556436n <= hi).toBe(true);
		expect(report.vms[0].vcpus[0].recovery).toMatchObject({explained: 23, events: 23, ties: 0});
		const rows = jsonLines(runCli(['merge', example('no-write', 'host.txt'), example('no-write', 'guest.txt'), '--json']).stdout);
		const guest = rows.filter((x) => x['src'] === 'guest');
		expect(guest.every((x) => x['offset_source'] === 'recovered')).toBe(true);
		// The first six would also fit other windows under an offset changed unseen right after them.
		expect(guest.map((x) => x['status'])).toEqual([...Array<string>(6).fill('ambiguous'), ...Array<string>(17).fill('exact')]);
	});

	it('uses --offset in KVM convention, signed or as printed u64, and says so', () => {
		for (const offset of ['-47942786556436', '18446696130922995180']) {
			const r2 = runCli(['merge', example('no-write', 'host.txt'), example('no-write', 'guest.txt'), '--json', '--offset', offset]);
			const guest = jsonLines(r2.stdout).filter((x) => x['src'] === 'guest');
			const truth = truthOf('no-write');
			expect(guest.every((x) => x['status'] === 'exact' && x['offset_source'] === 'flag')).toBe(true);
			expect(guest.every((x) => x['tsc'] === truth.get(x['line'] as number)!.host)).toBe(true);
		}
	});
});

describe('merge text', () => {
	it('marks host and guest lines and shows both timestamps and the status', () => {
		const r = runCli(['merge', example('ambiguous', 'host.txt'), example('ambiguous', 'guest.txt')]);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^ +99 H +CPU 0\/KVM-7001 \[\d{3}\] kvm_msr: msr_write 10 = 0x0$/);
		expect(lines.find((l) => l.includes(' G '))).toMatch(/^ +101 G g=1 +ambiguous\(2\) +\S.* \[000\] \w+: /);
	});

	it('escapes control characters from the traces', () => {
		const dir = tempDir();
		const host = writeFile(dir, 'h.txt', [ftrace('CPU 0/KVM', 9, 0, 10, 'kvm_write_tsc_offset', 'vcpu=0 prev=0 next=0')]);
		const guest = writeFile(dir, 'g.txt', [ftrace('evil\x1b[2J', 5, 0, 20, 'x', 'text \x1b]0;pwned\x07 \u009b31m')]);
		const r = runCli(['merge', host, guest]);
		expect(r.stdout).not.toMatch(/[\x1b\x07\u009b]/);
		expect(r.stdout).toContain('evil\\x1b[2J-5');
		expect(r.stdout).toContain('text \\x1b]0;pwned\\x07 \\x9b31m');
		const json = runCli(['merge', host, guest, '--json']);
		expect(json.stdout).not.toMatch(/[\x1b\x07\u009b]/);
		expect(JSON.parse(json.stdout.trim().split('\n')[1]!).text).toBe('text \x1b]0;pwned\x07 \u009b31m');
	});

	it('stops quietly when the reader of the pipe goes away', () => {
		// Big enough that the output overflows the pipe once `head` has gone.
		const files = writeSim(randomPlan(3, {vcpus: 2, runs: 3000, eventsPerRun: [2, 6]}));
		const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" merge "${files.host}" "${files.guest}" --json | head -n 1`], {encoding: 'utf8'});
		expect(r.stdout.split('\n')[0]).toMatch(/^\{"src":"host"/);
		expect(r.stderr).toBe('');
	});
});

describe('check', () => {
	it('exits 0 when every guest event is exact', () => {
		const r = runCli(['check', example('forward-write', 'host.txt'), example('forward-write', 'guest.txt')]);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('verdict: all 21 guest events converted exactly');
		expect(r.stdout).toMatch(/epoch 2: from host TSC \d+, offset -\d+ \(write: msr_write (10|3b)\) \(host line \d+\)/);
	});

	it('exits 1 and says why when some are ambiguous', () => {
		const r = runCli(['check', example('demo', 'host.txt'), example('demo', 'guest.txt')]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('verdict: 164 of 169 guest events exact; 5 ambiguous');
		expect(r.stdout).toContain('run windows: none in the host trace (events are not checked against windows)');
		expect(r.stdout).toMatch(/non-monotonic region: guest lines \d+-\d+ \(\d+ events go back in time\)/);
	});

	it('exits 1 with a warning when no guest event lands inside the host trace (not one capture)', () => {
		// Offset writes but no run windows on the host: every guest event converts, exactly,
		// to long after the host trace ends, as a guest file from another capture would.
		const dir = tempDir();
		const host = writeFile(dir, 'host.txt', [write(1000, 0n, -1000n), write(3000, -1000n, -1000n)]);
		const guest = writeFile(dir, 'guest.txt', [gev(5000), gev(6000), gev(7000)]);
		const r = runCli(['check', host, guest]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('    outside the host trace: 3 after its last (the latest by 5000 cycles) (no host event confirms their offset)');
		expect(r.stdout).toContain('verdict: WARNING: none of the 3 converted guest events falls inside the host trace (host TSC 1000 to 3000): are the two files from the same capture?');
		fs.rmSync(dir, {recursive: true});
	});

	it('--json gives the report as one object', () => {
		const r = runCli(['check', example('demo', 'host.txt'), example('demo', 'guest.txt'), '--json']);
		const report = JSON.parse(r.stdout);
		expect(r.code).toBe(1);
		expect(report.vms).toHaveLength(1);
		const [v0, v1] = report.vms[0].vcpus;
		expect(v0).toMatchObject({vcpu: 0, host_pids: [3026], exact: 144, ambiguous: 0, unresolved: 0, run_windows: 40});
		expect(v0.epochs[0]).toEqual({index: 0, start: null, end: v0.epochs[1].start, offset: '0', source: 'write', cause: 'before the first write', start_line: null});
		expect(v1).toMatchObject({vcpu: 1, exact: 20, ambiguous: 5, unresolved: 0, run_windows: 0});
		expect(v1.epochs.map((e: {cause: string}) => e.cause)).toEqual(['before the first write', 'msr_write 10', 'msr_write 10', 'msr_write 10']);
		expect(report).toMatchObject({guest_events: 169, exact: 164, ambiguous: 5, unresolved: 0, malformed_lines: 0, exit_code: 1});
	});

	it('exits 2 listing the threads when the VM is unclear, and 0 once --vm picks it', () => {
		const r = runCli(['check', example('two-vms', 'host.txt'), example('two-vms', 'guest.txt')]);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/^tscalign: The host trace holds host threads whose vCPU ids collide/);
		expect(r.stderr).toContain('thread pid 4026 (CPU 0/KVM, vCPU 0');
		const picked = runCli(['check', example('two-vms', 'host.txt'), example('two-vms', 'guest.txt'), '--vm', '3026,3027']);
		expect(picked.code).toBe(0);
	});

	it('reads a scaled guest with --tsc-ratio', () => {
		const r = runCli(['check', example('scaled', 'host.txt'), example('scaled', 'guest.txt'), '--tsc-ratio', '282473351514624', '--tsc-frac-bits', '48', '--json']);
		const report = JSON.parse(r.stdout);
		expect(report.unresolved).toBe(0);
		expect(report.exact).toBeGreaterThan(25);
	});
});

describe('bad input: one sentence, exit 2, no stack trace', () => {
	const dir = tempDir();
	const good = example('forward-write', 'host.txt');
	const cases: [string, () => string, RegExp][] = [
		['missing', () => path.join(dir, 'missing.txt'), /^tscalign: \S+missing\.txt: no such file; check the path\.\n$/],
		['empty', () => (fs.writeFileSync(path.join(dir, 'empty.txt'), ''), path.join(dir, 'empty.txt')), /is empty; record the trace again/],
		['binary', () => (fs.writeFileSync(path.join(dir, 'b.bin'), Buffer.from([1, 2, 0, 4])), path.join(dir, 'b.bin')), /is binary, not a trace \(byte 2 is 0x00\)/],
		[
			'nanosecond clock',
			() => writeFile(dir, 'ns.txt', ['cpus=1', '           <...>-1701  [001]    76.211513: sched_switch: prev_comm=foo']),
			/ns\.txt:2: timestamps are seconds\.microseconds.*record it again with the x86-tsc clock/,
		],
	];
	for (const [what, make, message] of cases) {
		it(`a ${what} file`, () => {
			const r = runCli(['check', good, make()]);
			expect(r.code).toBe(2);
			expect(r.stderr).toMatch(message);
			expect(r.stderr).not.toMatch(/\n\s+at /);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
		});
	}

	it('a bad flag value', () => {
		const r = runCli(['check', good, good, '--offset', 'abc']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('--offset takes OFF or VCPU=OFF');
	});

	it('an id too large for any trace is refused as such, not echoed as 1e+23', () => {
		const huge = '99999999999999999999999';
		for (const [flag, value, message] of [
			['--vm', huge, `tscalign: --vm takes comma-separated numbers up to 2147483647 (pids, tgids), not "${huge}".`],
			['--offset', `${huge}=5`, `tscalign: --offset takes OFF or VCPU=OFF with OFF a 64-bit integer in KVM's convention (guest = host + OFF), signed or as printed u64, and VCPU up to 2147483647, not "${huge}=5".`],
			['--vcpu-map', `0=${huge}`, `tscalign: --vcpu-map takes GUESTCPU=VCPU pairs such as 0=2,1=3, each up to 2147483647, not "0=${huge}".`],
		]) {
			const r = runCli(['check', good, good, flag!, value!]);
			expect(r.code).toBe(2);
			expect(r.stderr).toBe(`${message}\n`);
		}
		expect(runCli(['check', good, good, '--vm', '2147483647']).stderr).not.toContain('takes comma-separated');
	});

	it('--instance with text traces only is said, not dropped', () => {
		const host = example('demo', 'host.txt');
		const guest = example('demo', 'guest.txt');
		const r = runCli(['check', host, guest, '--instance', 'tscalign']);
		expect(r.code).toBe(2);
		expect(r.stderr).toBe(`tscalign: --instance picks a buffer instance of a trace.dat, and none of ${host}, ${guest} is one; leave it out for text traces.\n`);
	});

	it('one file instead of two', () => {
		const r = runCli(['merge', good]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('merge needs two files, HOST and GUEST; got 1.');
	});
});
