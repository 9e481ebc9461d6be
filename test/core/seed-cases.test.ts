// The cases from the 2012 LKML thread (docs/domain.md §5-6).

import {describe, expect, it} from 'vitest';
import {Status} from '../../source/core/assign.js';
import {alignLines, entry, exit, gev, write} from '../helpers/traces.js';

const values = (a: Awaited<ReturnType<typeof alignLines>>) =>
	Array.from({length: a.guest.count}, (_, j) => ({
		status: ['exact', 'ambiguous', 'unresolved'][a.results.status[j]!],
		tsc: a.results.status[j] === Status.Unresolved ? null : a.results.hostTsc[j]!,
		candidates: a.results.candidates.get(j)?.tsc ?? null,
		epoch: a.results.epoch[j],
	}));

describe('seed: forward TSC write', () => {
	// Host: offset -2950 written at 3000, guest runs 3001..3060 and logs eventX at guest 53;
	// the guest writes its TSC (+900), the host writes -2050 at 3075, guest runs from 3080.
	const host = [write(3000, 0n, -2950n), entry(3001), exit(3060), write(3075, -2950n, -2050n), entry(3080), exit(3200)];
	const guest = [gev(53), gev(1050), gev(1055)];

	it('puts every event on its epoch with one answer', async () => {
		const a = await alignLines(host, guest);
		expect(values(a)).toEqual([
			{status: 'exact', tsc: 3003n, candidates: null, epoch: 1},
			{status: 'exact', tsc: 3100n, candidates: null, epoch: 2},
			{status: 'exact', tsc: 3105n, candidates: null, epoch: 2},
		]);
		expect(a.vcpus[0]!.regions).toEqual([]);
	});
});

describe('seed: backward TSC write', () => {
	// The guest sets its TSC back: 53 and 105 before the write, then 90 and 95 after it.
	const host = [write(3000, 0n, -2950n), entry(3001), exit(3060), write(3075, -2950n, -3000n), entry(3080), exit(3200)];

	it('follows the guest clock back into the new epoch and reports the non-monotonic region', async () => {
		const a = await alignLines(host, [gev(53), gev(105), gev(90), gev(95)]);
		expect(values(a).map((v) => [v.status, v.tsc, v.epoch])).toEqual([
			['exact', 3003n, 1],
			['exact', 3055n, 1],
			['exact', 3090n, 2],
			['exact', 3095n, 2],
		]);
		expect(a.vcpus[0]!.regions.map((r) => [a.guest.line[r.first], a.guest.line[r.last], r.events])).toEqual([[3, 4, 2]]);
	});

	it('says "ambiguous" when nothing shows whether 90 came before or after the write', async () => {
		const a = await alignLines(host, [gev(53), gev(90), gev(95)]);
		expect(values(a)).toEqual([
			{status: 'exact', tsc: 3003n, candidates: null, epoch: 1},
			{status: 'ambiguous', tsc: 3040n, candidates: [3040n, 3090n], epoch: -1},
			{status: 'ambiguous', tsc: 3045n, candidates: [3045n, 3095n], epoch: -1},
		]);
	});
});

describe('seed: writes at 100, 104 and 108 that each set the guest TSC to 0', () => {
	// Marcelo Tosatti's objection: guest events 1,2,3 then 1,2,3.
	const writes = [write(100, -1000n, -100n), write(104, -100n, -104n), write(108, -104n, -108n)];
	const guest = [gev(1), gev(2), gev(3), gev(1), gev(2), gev(3)];

	it('without run windows: ambiguous, with every candidate', async () => {
		const a = await alignLines(writes, guest);
		expect(values(a).map((v) => [v.status, v.candidates])).toEqual([
			['ambiguous', [101n, 105n]],
			['ambiguous', [102n, 106n]],
			['ambiguous', [103n, 107n]],
			['ambiguous', [105n, 109n]],
			['ambiguous', [106n, 110n]],
			['ambiguous', [107n, 111n]],
		]);
		// Ambiguous events sit at their first candidate.
		expect(values(a).map((v) => v.tsc)).toEqual([101n, 102n, 103n, 105n, 106n, 107n]);
	});

	it('with run windows: exact (only one epoch puts the events inside a window)', async () => {
		// Scaled by ten so windows fit between writes: the vCPU ran (1000,1004) and (1040,1044)
		// and never entered the guest after the third write.
		const host = [write(1000, -5000n, -1000n), entry(1000), exit(1004), write(1040, -1000n, -1040n), entry(1040), exit(1044), write(1080, -1040n, -1080n)];
		const a = await alignLines(host, guest);
		expect(values(a).map((v) => [v.status, v.tsc, v.epoch])).toEqual([
			['exact', 1001n, 1],
			['exact', 1002n, 1],
			['exact', 1003n, 1],
			['exact', 1041n, 2],
			['exact', 1042n, 2],
			['exact', 1043n, 2],
		]);
	});
});

describe('one impossible event does not sink its vCPU', () => {
	it('marks only the event outside every window unresolved', async () => {
		const host = [write(1000, 0n, -1000n), entry(1010), exit(1100), entry(1200), exit(1300)];
		const a = await alignLines(host, [gev(20), gev(50), gev(150), gev(250)]);
		expect(values(a).map((v) => [v.status, v.tsc])).toEqual([
			['exact', 1020n],
			['exact', 1050n],
			['unresolved', null],
			['exact', 1250n],
		]);
		expect(a.vcpus[0]!.unresolvedBy.outsideWindows).toBe(1);
	});

	it('drops the fewest events when guest time goes back with no write to explain it', async () => {
		const host = [write(1000, 0n, -1000n), entry(1001), exit(2000)];
		const a = await alignLines(host, [gev(10), gev(20), gev(30), gev(25), gev(40), gev(50)]);
		const v = values(a);
		// Either 30 or 25 breaks the order; every other event keeps its only value.
		expect(v.map((x) => x.tsc)).toEqual([1010n, 1020n, 1030n, 1025n, 1040n, 1050n]);
		expect(v.map((x) => x.status)).toEqual(['exact', 'exact', 'exact', 'exact', 'exact', 'exact']);
		expect(a.vcpus[0]!.regions).toHaveLength(1);
	});

	it('marks an event unresolved when it conflicts with a longer consistent run', async () => {
		const host = [write(1000, 0n, -1000n), entry(1001), exit(2000)];
		const a = await alignLines(host, [gev(10), gev(20), gev(900), gev(30), gev(40), gev(50)]);
		expect(values(a).map((x) => x.status)).toEqual(['exact', 'exact', 'unresolved', 'exact', 'exact', 'exact']);
	});
});
