// The real KVM host+guest pair from ../shared/corpus/real/hip24-masterarbeit, as rendered by
// `trace-cmd report --raw-ts` (see PROVENANCE.md there): one VM traced, a second on the host,
// no kvm_write_tsc_offset, KVM offset -63430235715905.

import {describe, expect, it} from 'vitest';
import {align} from '../../source/core/align.js';
import {Status} from '../../source/core/assign.js';
import {InputError} from '../../source/model/errors.js';
import {loadTrace} from '../../source/formats/load.js';
import {readTextTrace} from '../../source/formats/text/reader.js';
import {insideWindow} from '../../source/core/windows.js';
import {corpusFile} from '../helpers/corpus.js';

const dir = 'real/hip24-masterarbeit';
const hostFile = corpusFile(`${dir}/pair1-host.report-raw-ts.txt`);
const hostNFile = corpusFile(`${dir}/pair1-host.report-N-raw-ts.txt`);
const guestFile = corpusFile(`${dir}/pair1-guest.report-raw-ts.txt.gz`);
const headFile = corpusFile(`${dir}/pair1-guest.report-raw-ts.head6000.txt`);
const oracleFile = corpusFile(`${dir}/pair1-merged-by-trace-cmd.report-t.txt.gz`);
const present = Boolean(hostFile && hostNFile && guestFile && headFile && oracleFile);

const OFFSET = -63430235715905n & ((1n << 64n) - 1n);
const range = (from: number, to: number): number[] => Array.from({length: to - from + 1}, (_, i) => from + i);

describe.skipIf(!present)('real hip24 pair (trace-cmd report text)', async () => {
	const host = present ? await loadTrace(hostFile!) : undefined!;
	const hostN = present ? await loadTrace(hostNFile!) : undefined!;
	const guest = present ? await loadTrace(guestFile!) : undefined!;

	it('reads both renderings with no malformed-line storm', async () => {
		expect([host.count, host.malformed.count, host.cpus]).toEqual([11_721, 0, 20]);
		expect([hostN.count, hostN.malformed.count]).toEqual([11_721, 0]);
		expect(host.kvm.count).toBe(11_721);
		// The guest's 90,029 events, and 8 continuation lines of multi-line 9p dumps.
		expect(guest.count).toBe(90_029);
		expect(guest.malformed.count).toBe(8);
		const head = await loadTrace(headFile!);
		expect([head.count, head.malformed.count]).toEqual([6000, 0]);
	});

	it('refuses to pick between the two VMs without --vm, listing the threads', () => {
		let error: unknown;
		try {
			align(host, guest, {offsets: {all: OFFSET, perVcpu: new Map()}});
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InputError);
		const message = (error as InputError).message;
		for (const pid of [453724, 453725, 483882]) expect(message).toContain(`thread pid ${pid}`);
		// Recovery through each candidate's windows says which one the guest fits.
		expect(message).toContain("The guest's events fit --vm 483882 (89827 of 90029 inside its run windows under a recovered offset).");
	});

	it('with --vm 483882 and the offset, puts every in-span guest event inside a run window of that thread', () => {
		for (const h of [host, hostN]) {
			const a = align(h, guest, {vm: [483882], offsets: {all: OFFSET, perVcpu: new Map()}});
			const v = a.vcpus[0]!;
			expect([v.vcpu, v.hostPids, v.windows!.count]).toEqual([0, [483882], 5357]);
			const first = h.tsc[0]!;
			let inSpan = 0;
			const wrong: number[] = [];
			for (let j = 0; j < guest.count; j++) {
				const converted = guest.tsc[j]! + 63430235715905n;
				if (converted < first) {
					if (a.results.status[j] !== Status.Unresolved) wrong.push(guest.line[j]!);
					continue;
				}
				inSpan++;
				const ok = a.results.status[j] === Status.Exact && a.results.hostTsc[j] === converted && insideWindow(v.windows!, converted);
				if (!ok) wrong.push(guest.line[j]!);
			}
			expect(wrong).toEqual([]);
			expect(inSpan).toBe(89_827);
			expect([v.exact, v.unresolved, v.unresolvedBy.outsideWindows]).toEqual([89_827, 202, 202]);
		}
	});

	it('recovers the offset from the run windows alone, within an interval holding the true one', () => {
		const a = align(host, guest, {vm: [483882]});
		const v = a.vcpus[0]!;
		expect(v.recovered).toHaveLength(1);
		const piece = v.recovered![0]!;
		expect(piece.lo <= -63430235715905n && -63430235715905n <= piece.hi).toBe(true);
		expect(piece.hi - piece.lo).toBeLessThan(5000n);
		// The first 36 and last 1,032 in-span events would also fit other windows under an offset
		// changed unseen next to them (at the end by some 58M cycles): ambiguous, not exact.
		expect([piece.explained, v.exact, v.ambiguous, v.unresolvedBy.outsideWindows]).toEqual([89_827, 88_759, 1_068, 202]);
		expect([...piece.doubtful.positions]).toEqual([...range(202, 237), ...range(88_997, 90_028)]);
	});

	it('checks a given offset against the run windows, and warns when it does not fit', () => {
		const good = align(host, guest, {vm: [483882], offsets: {all: OFFSET, perVcpu: new Map()}});
		expect(good.vcpus[0]!.offsetCheck!.agrees).toBe(true);
		const bad = align(host, guest, {vm: [483882], offsets: {all: OFFSET - 10_000n, perVcpu: new Map()}});
		expect(bad.vcpus[0]!.offsetCheck!.agrees).toBe(false);
	});

	it('does not fit the other VM: only 131 guest events land in thread 453724\'s windows', () => {
		const a = align(host, guest, {vm: [453724], offsets: {all: OFFSET, perVcpu: new Map()}});
		expect(a.vcpus[0]!.exact).toBe(131);
	});

	it('agrees with trace-cmd\'s own merge to the nanosecond', async () => {
		// trace-cmd printed guest events in host time as ((guest + 63430235715905) * 735842807) >> 31 ns.
		const oracle = await readTextTrace(oracleFile!, {allowNanoseconds: true, gzip: true});
		const a = align(host, guest, {vm: [483882], offsets: {all: OFFSET, perVcpu: new Map()}});
		const ours: bigint[] = [];
		for (let j = 0; j < guest.count; j++) {
			if (a.results.status[j] === Status.Exact) ours.push((a.results.hostTsc[j]! * 735842807n) >> 31n);
		}
		const theirs: bigint[] = [];
		for (let i = 0; i < oracle.count; i++) {
			if (oracle.raw(i).trimStart().startsWith('pair1-guest') && oracle.tsc[i]! >= (host.tsc[0]! * 735842807n) >> 31n) theirs.push(oracle.tsc[i]!);
		}
		expect(ours.length).toBe(89_827);
		expect(theirs.slice(0, ours.length)).toEqual(ours);
		oracle.close();
	});
});
