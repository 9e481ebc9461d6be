// `tscalign export` as a user meets it: hostile trace text stays valid, terminal-safe JSON;
// no TSC rate, a bad window or a failed write is one sentence and exit 2; --from/--to cut
// the timeline in TSC or time units; FILE.gz is the same JSON compressed; unresolved events
// are counted in the metadata and said in one stderr line.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {CLI, example, ROOT, runCli} from '../helpers/cli.js';
import {handNs, parseExport} from '../helpers/chrome-trace.js';
import {entry, exit, ftrace, tempDir, writeFile} from '../helpers/traces.js';

const DEMO = [example('demo', 'host.txt'), example('demo', 'guest.txt')];
const KHZ = ['--tsc-khz', '2918400'];

/** One sentence on one line, prefixed as every error is. */
function expectOneSentence(stderr: string, text: string | RegExp): void {
	expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
	expect(stderr).toMatch(/^tscalign: /);
	expect(stderr).toMatch(text);
}

describe('export: hostile trace text', () => {
	const dir = tempDir();
	const host = writeFile(dir, 'host.txt', [
		entry(1000),
		ftrace('\x1b]0;pwned\x07', 7, 2, 1500, 'sched_switch', 'prev_comm=a prev_pid=7 prev_prio=120 prev_state=S ==> next_comm=\x1b[2Jwipe next_pid=9 next_prio=120'),
		ftrace('host"task\\', 9, 2, 2500, 'sched_switch', 'prev_comm=b prev_pid=9 prev_prio=120 prev_state=S ==> next_comm=swapper/2 next_pid=0 next_prio=120'),
		exit(5000),
	]);
	// Guest lines with controls, a quote and a backslash, and bytes that are not UTF-8.
	const guestText = [
		ftrace('evil\x01\x1b[31m', 42, 0, 1100, 'sched_waking', 'comm=x\x1b[2J\x07 "quoted" back\\slash'),
		ftrace('app', 42, 0, 1200, 'sched_waking', 'tab\there bidi ab\u202ecd'),
	].join('\n');
	const guest = path.join(dir, 'guest.txt');
	fs.writeFileSync(
		guest,
		Buffer.concat([Buffer.from(`${guestText}\n`), Buffer.from(ftrace('bytes', 43, 0, 1300, 'sched_waking', 'raw=')), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a])]),
	);
	const flags = ['--offset', '0', ...KHZ];

	it('keeps valid JSON that no terminal can be driven by, with the same strings merge --json gives', () => {
		const r = runCli(['export', host, guest, ...flags, '-o', '-']);
		expect(r.code, r.stderr).toBe(0);
		// Nothing but newlines below 0x20, no C1 controls, no bidi or zero-width characters, raw.
		expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
		const trace = parseExport(r.stdout);
		const merged = runCli(['merge', host, guest, ...flags, '--json'])
			.stdout.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		const guestMerged = merged.filter((m) => m.src === 'guest');
		const instants = trace.events.filter((e) => e.pid === 2 && e.cat === 'exact');
		expect(instants.map((e) => [e.args['task'], e.args['text']])).toEqual(guestMerged.map((m) => [m.task, m.text]));
		expect(instants[0]!.args['task']).toBe('evil\x01\x1b[31m');
		expect(instants[0]!.args['text']).toBe('comm=x\x1b[2J\x07 "quoted" back\\slash');
		expect(instants[2]!.args['text']).toMatch(/^raw=\ufffd/);
		// The host task's slice is named after the task switched in, escape and all.
		expect(trace.events.find((e) => e.cat === 'sched')!.name).toBe('\x1b[2Jwipe');
		expect(trace.events.some((e) => e.args?.['task'] === 'host"task\\')).toBe(true);
	});

	it('says the file name escaped when it cannot write there', () => {
		const r = runCli(['export', host, guest, ...flags, '-o', path.join(dir, 'no\x1b[2Jdir', 'x.json')]);
		expect(r.code).toBe(2);
		expectOneSentence(r.stderr, /cannot write .*no\\x1b\[2Jdir\/x\.json \(no such folder, ENOENT\)/);
	});
});

describe('export: errors are one sentence and exit 2', () => {
	it('without a TSC rate, says to pass --tsc-khz and where to read it', () => {
		const r = runCli(['export', ...DEMO, '-o', '-']);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expectOneSentence(r.stderr, /export needs the TSC's rate .* pass --tsc-khz N, .*dmesg \| grep -i 'tsc\.\*MHz'.*2918\.400 MHz is --tsc-khz 2918400/);
	});

	it('a write that fails (-o /dev/full) is said, never a silent exit 0', () => {
		const r = runCli(['export', ...DEMO, ...KHZ, '-o', '/dev/full']);
		expect(r.code).toBe(2);
		expectOneSentence(r.stderr, 'tscalign: writing /dev/full failed (no space left on the device, ENOSPC); the output is incomplete: free some space or write elsewhere, then run the command again.');
	});

	it('standard output that fails is said too', () => {
		const fd = fs.openSync('/dev/full', 'w');
		try {
			const r = spawnSync(process.execPath, [CLI, 'export', ...DEMO, ...KHZ], {cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8'});
			expect(r.status).toBe(2);
			expectOneSentence(r.stderr, /writing to standard output failed \(no space left on the device, ENOSPC\)/);
		} finally {
			fs.closeSync(fd);
		}
	});

	it.each([
		[['--from', '12 parsecs'], /--from takes a host TSC \(such as 64643040010766\) or a time since the first event with its unit \(such as 12\.5ms, 800us, 2s\), not "12 parsecs"\./],
		[['--from', '2ms', '--to', '1ms'], /--from 2ms lies after --to 1ms: give the earlier time to --from\./],
		[['--from', '10s'], /no event lies between --from and --to: the capture runs from host TSC 64643039948489 to \d+ \(0 to \d+ ns after its first event\)\./],
	])('%s', (range, message) => {
		const r = runCli(['export', ...DEMO, ...KHZ, ...range, '-o', '-']);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expectOneSentence(r.stderr, message);
	});
});

describe('export: a window of the capture', () => {
	const whole = parseExport(runCli(['export', ...DEMO, ...KHZ, '-o', '-']).stdout);
	const origin = BigInt(whole.metadata['origin_tsc']);
	const instants = (t: typeof whole) => t.events.filter((e) => e.ph === 'i' && e.cat !== 'offset');
	const tscOf = (e: (typeof whole.events)[number]) => BigInt(e.args['tsc'] as string);

	it('--from/--to as host TSCs keep exactly the events between them, both ends included', () => {
		const all = instants(whole).map(tscOf);
		const from = all[40]!;
		const to = all[200]!;
		const r = runCli(['export', ...DEMO, ...KHZ, '--from', String(from), '--to', String(to), '-o', '-']);
		expect(r.code, r.stderr).toBe(0);
		const part = parseExport(r.stdout);
		const kept = instants(part).map(tscOf);
		expect(kept).toEqual(all.filter((t) => t >= from && t <= to));
		expect(part.metadata['range']).toEqual({from_tsc: String(from), to_tsc: String(to)});
		// Times stay on the whole capture's clock; slices are cut to the window.
		expect(part.metadata['origin_tsc']).toBe(String(origin));
		const [lo, hi] = [handNs(from, origin, 2918400n), handNs(to, origin, 2918400n)];
		for (const e of part.events.filter((x) => x.ph === 'X')) expect(e.tsNs >= lo && e.tsNs + e.durNs! <= hi, e.name).toBe(true);
		expect(part.events.filter((e) => e.cat === 'run_window').length).toBeGreaterThan(0);
	});

	it('--from/--to as times after the first event: 20us to 30.5us', () => {
		const r = runCli(['export', ...DEMO, ...KHZ, '--from', '20us', '--to', '30.5us', '-o', '-']);
		expect(r.code, r.stderr).toBe(0);
		const kept = instants(parseExport(r.stdout)).map(tscOf);
		const expected = instants(whole)
			.map(tscOf)
			.filter((t) => handNs(t, origin, 2918400n) >= 20_000n && handNs(t, origin, 2918400n) <= 30_500n);
		expect(kept.length).toBeGreaterThan(0);
		expect(kept).toEqual(expected);
	});
});

describe('export: files', () => {
	it('examples/demo/capture.json is the demo export as it is made now (npm run examples remakes it)', () => {
		const r = runCli(['export', 'examples/demo/host.txt', 'examples/demo/guest.txt', '--tsc-khz', '2918400', '-o', '-']);
		expect(r.code).toBe(0);
		const kept = fs.readFileSync(path.join(ROOT, 'examples/demo/capture.json'), 'utf8');
		expect(kept.length).toBeLessThan(200_000);
		expect(kept, 'examples/demo/capture.json is stale: run npm run examples').toBe(r.stdout);
	});

	it('-o FILE.json.gz is the same JSON, gzip-compressed, and nothing else is left in the folder', () => {
		const dir = tempDir();
		expect(runCli(['export', ...DEMO, ...KHZ, '-o', path.join(dir, 'c.json')]).code).toBe(0);
		expect(runCli(['export', ...DEMO, ...KHZ, '-o', path.join(dir, 'c.json.gz')]).code).toBe(0);
		const plain = fs.readFileSync(path.join(dir, 'c.json'));
		expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'c.json.gz')))).toEqual(plain);
		expect(fs.readFileSync(path.join(dir, 'c.json.gz')).length).toBeLessThan(plain.length / 4);
		expect(fs.readdirSync(dir).sort()).toEqual(['c.json', 'c.json.gz']);
	});

	it('unresolved events: counted with their reasons in the metadata, one stderr line', () => {
		const r = runCli(['export', example('scaled', 'host.txt'), example('scaled', 'guest.txt'), ...KHZ, '-o', '-']);
		expect(r.code).toBe(0);
		expect(r.stderr).toBe(
			"tscalign: 32 unresolved guest events have no host time and are not on the timeline (32 outside every run window); the export's metadata counts them, and `tscalign check` explains them.\n",
		);
		const trace = parseExport(r.stdout);
		expect(trace.metadata['guests'][0]).toMatchObject({unresolved: 32, unresolved_by: {noOffset: 0, outsideWindows: 32, outsideEpochs: 0, order: 0}});
		expect(trace.events.filter((e) => e.pid === 2 && e.ph === 'i' && e.cat !== 'offset')).toHaveLength(0);
		expect(trace.events.filter((e) => e.cat === 'offset' && e.ph === 'i')).toHaveLength(3);
	});
});
