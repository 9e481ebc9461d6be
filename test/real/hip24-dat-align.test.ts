// The real hip24 pair as trace.dat files: trace-cmd's own GUEST and TIME_SHIFT options pick
// the VM and give the offset, and the result matches the text renderings event for event.

import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {corpusFile} from '../helpers/corpus.js';

const dir = 'real/hip24-masterarbeit';
const hostDat = corpusFile(`${dir}/pair1-host.trace.dat`);
const guestDat = corpusFile(`${dir}/pair1-guest-Salamander4.trace.dat`);
const hostText = corpusFile(`${dir}/pair1-host.report-N-raw-ts.txt`);
const guestText = corpusFile(`${dir}/pair1-guest.report-raw-ts.txt.gz`);
const present = Boolean(hostDat && guestDat && hostText && guestText);

describe.skipIf(!present)('real hip24 pair (trace.dat)', () => {
	it('needs no flags: the GUEST option picks thread 483882 and TIME_SHIFT gives the offset', () => {
		const r = runCli(['check', hostDat!, guestDat!, '--json']);
		const report = JSON.parse(r.stdout);
		expect(r.code).toBe(1); // 202 guest events precede the host trace
		const v = report.vms[0].vcpus[0];
		expect(v.host_pids).toEqual([483882]);
		expect(v.epochs).toEqual([
			{index: 0, start: null, end: null, offset: '-63430235715905', source: 'time_shift', cause: 'trace-cmd TIME_SHIFT sample at guest TSC 1210327320966', start_line: null},
		]);
		expect(v.offset_check).toMatchObject({source: 'time_shift', agrees: true});
		expect([v.exact, v.unresolved, v.outside_windows]).toEqual([89_827, 202, 202]);
		const merged = runCli(['merge', hostDat!, guestDat!, '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l));
		const guest = merged.filter((x) => x.src === 'guest' && x.status === 'exact');
		expect(guest.every((x) => x.offset_source === 'time_shift')).toBe(true);
	});

	it('gives the same merge --json as the trace-cmd report renderings, but for line numbers', () => {
		const flags = ['--vm', '483882', '--offset', '-63430235715905', '--json'];
		const fromDat = runCli(['merge', hostDat!, guestDat!, ...flags]).stdout.trim().split('\n').map((l) => JSON.parse(l));
		const fromText = runCli(['merge', hostText!, guestText!, ...flags]).stdout.trim().split('\n').map((l) => JSON.parse(l));
		expect(fromDat.length).toBe(101_750);
		expect(fromDat.length).toBe(fromText.length);
		// The guest rendering kept libtraceevent's plugins (no -N): its event text differs, and its
		// sched_switch plugin taught trace-cmd comms (pid 512 "trace-cmd") the file does not hold.
		const guestOnly = (x: Record<string, unknown>, key: string) => (x['src'] === 'guest' ? undefined : x[key]);
		const strip = (x: Record<string, unknown>) => ({...x, line: undefined, text: guestOnly(x, 'text'), task: guestOnly(x, 'task')});
		let differing = 0;
		for (let k = 0; k < fromDat.length; k++) {
			if (JSON.stringify(strip(fromDat[k])) !== JSON.stringify(strip(fromText[k]))) differing++;
		}
		expect(differing).toBe(0);
	});
});
