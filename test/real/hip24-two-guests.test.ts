// The real hip24 trace.dat pair with its guest given twice: the host's GUEST option names the
// guest's VM for both, which tscalign refuses unless --vm says so; told so, each copy is
// converted exactly as the guest alone is.

import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {corpusFile} from '../helpers/corpus.js';

const dir = 'real/hip24-masterarbeit';
const hostDat = corpusFile(`${dir}/pair1-host.trace.dat`);
const guestDat = corpusFile(`${dir}/pair1-guest-Salamander4.trace.dat`);

describe.skipIf(!hostDat || !guestDat)('real hip24 pair, the guest twice', () => {
	it('refuses two guests the GUEST option gives one VM, in one sentence per guest', () => {
		const r = runCli(['check', hostDat!, guestDat!, guestDat!]);
		expect(r.code).toBe(2);
		expect(r.stderr).toBe(
			`tscalign: Which VM each guest file belongs to is unclear:\n  g1 (${guestDat}): the host trace.dat's GUEST option names its vCPU threads 483882, which the host trace.dat's GUEST option names for g2 (${guestDat}); give each guest its own VM (--vm g1:ID), or the same --vm to both if they really share it.\n`,
		);
	});

	it('told so with --vm, converts each copy as the guest alone', () => {
		const alone = JSON.parse(runCli(['check', '--json', hostDat!, guestDat!]).stdout);
		const r = runCli(['check', '--json', hostDat!, guestDat!, guestDat!, '--vm', '483882']);
		expect(r.code).toBe(1);
		const both = JSON.parse(r.stdout);
		for (const g of both.guests) {
			expect(g.vms).toEqual(alone.vms);
			expect([g.exact, g.unresolved, g.verdict]).toEqual([alone.exact, alone.unresolved, alone.verdict]);
		}
		expect([both.exact, both.guest_events]).toEqual([2 * 89_827, 2 * 90_029]);
	});
});
