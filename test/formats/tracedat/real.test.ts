// Real trace.dat files from ../shared/corpus/real (see PROVENANCE.md there): the zlib KVM
// host+guest pair against its trace-cmd report renderings, its time-sync options, and other
// real v6/v7 files.

import {describe, expect, it} from 'vitest';
import {InputError} from '../../../source/model/errors.js';
import {readTextTrace} from '../../../source/formats/text/reader.js';
import {kvmOffset} from '../../../source/model/trace-meta.js';
import {readTraceDat} from '../../../source/formats/tracedat/reader.js';
import {corpusFile} from '../../helpers/corpus.js';
import {compareRecords, instanceRows} from './compare.js';

const dir = 'real/hip24-masterarbeit';
const hostDat = corpusFile(`${dir}/pair1-host.trace.dat`);
const guestDat = corpusFile(`${dir}/pair1-guest-Salamander4.trace.dat`);
const hostText = corpusFile(`${dir}/pair1-host.report-N-raw-ts.txt`);
const guestText = corpusFile(`${dir}/pair1-guest.report-raw-ts.txt.gz`);
const pair = Boolean(hostDat && guestDat && hostText && guestText);

const all = (n: number) => Array.from({length: n}, (_, i) => i);

describe.skipIf(!pair)('real hip24 KVM pair (v7, zlib)', () => {
	it('host: the same 11,721 records, comms and kernel texts as `report -N --raw-ts`', async () => {
		const dat = await readTraceDat(hostDat!);
		const text = await readTextTrace(hostText!);
		expect([dat.count, dat.cpus, dat.malformed.count]).toEqual([11_721, 20, 0]);
		expect(compareRecords(dat, text, all(text.count), ['comm', 'text'])).toEqual([]);
		// kvm_entry / kvm_exit from the fields equal what the text path parses.
		expect(dat.kvm.count).toBe(11_721);
		expect(Array.from(dat.kvm.index)).toEqual(Array.from(text.kvm.index));
		expect(Array.from(dat.kvm.kind)).toEqual(Array.from(text.kvm.kind));
		expect(Array.from(dat.kvm.vcpu)).toEqual(Array.from(text.kvm.vcpu));
		expect(dat.tsc[0]).toBe(64642412873143n);
		expect(dat.tsc[dat.count - 1]).toBe(64648988185167n);
		expect(dat.raw(0)).toBe('qemu-system-x86-483882 [007] 64642412873143: kvm_entry: vcpu 0, rip 0xffffffffa13f2e30');
		dat.close();
		text.close();
	});

	it("host: the GUEST option maps the guest's vCPU 0 to thread 483882", async () => {
		const dat = await readTraceDat(hostDat!);
		expect(dat.meta).toMatchObject({
			version: 7,
			compression: {algorithm: 'zlib'},
			clock: 'x86-tsc',
			bufferClock: 'tsc2nsec',
			counterClock: true,
			traceId: 0x2c75ff89fdaf813cn,
			guests: [{name: '', traceId: 0x5d2b93f358166218n, vcpus: [{vcpu: 0, pid: 483882}]}],
			timeShift: undefined,
		});
		dat.close();
	});

	it('guest: the same 90,029 records and raw timestamps as `report --raw-ts`', async () => {
		const dat = await readTraceDat(guestDat!);
		const text = await readTextTrace(guestText!, {gzip: true});
		expect([dat.count, dat.cpus, dat.malformed.count]).toEqual([90_029, 1, 0]);
		expect(compareRecords(dat, text, all(dat.count))).toEqual([]);
		expect([dat.tsc[0], dat.tsc[dat.count - 1]]).toEqual([1212173092638n, 1217638357275n]);
		dat.close();
		text.close();
	});

	it("guest: TIME_SHIFT and TSC2NSEC as trace-cmd dump shows them, and KVM's offset from them", async () => {
		const dat = await readTraceDat(guestDat!);
		const meta = dat.meta!;
		expect(meta.traceId).toBe(0x5d2b93f358166218n);
		expect(meta.tsc2nsec).toEqual({multiplier: 735842807, shift: 31, offset: 0n});
		expect(meta.timeShift).toEqual({
			peerTraceId: 0x2c75ff89fdaf813cn,
			flags: 0,
			interpolate: false,
			cpus: [
				{
					cpu: 0,
					samples: [
						{time: 1210327320966n, offset: 63430235715905n, scaling: 1n, fracBits: 0},
						{time: 1217658258571n, offset: 63430235715905n, scaling: 1n, fracBits: 0},
					],
				},
			],
		});
		// Stored host - guest; KVM's tsc_offset (guest = host + OFF) is its negation.
		expect(kvmOffset(meta.timeShift!.cpus[0]!.samples[0]!)).toBe(-63430235715905n & ((1n << 64n) - 1n));
		dat.close();
	});
});

const hostOnly = corpusFile(`${dir}/hostonly-x86tsc.trace.dat`);
const hostOnlyText = corpusFile(`${dir}/hostonly-x86tsc.report-N.txt`);
describe.skipIf(!hostOnly || !hostOnlyText)('real host-only x86-tsc file (v7, zlib)', () => {
	it('the same 7,792 records, comms and kernel texts as `report -N`', async () => {
		const dat = await readTraceDat(hostOnly!);
		const text = await readTextTrace(hostOnlyText!);
		expect([dat.count, dat.meta!.clock, dat.meta!.traceId]).toEqual([7792, 'x86-tsc', 0x8c0b8a1a2d415bf2n]);
		expect(compareRecords(dat, text, all(text.count), ['comm', 'text'])).toEqual([]);
		expect(dat.writes).toEqual([]);
		dat.close();
		text.close();
	});
});

const lisa = corpusFile('real/lisa/sched_load.trace.dat');
const lisaText = corpusFile('tracedat-public/expected/lisa-sched-load-arm64.report-t.txt');
describe.skipIf(!lisa || !lisaText)('real LISA sched_load (v6, arm64, no options)', () => {
	it('refuses its nanosecond clock, and when allowed gives the same 3,724 records as report', async () => {
		const error = await readTraceDat(lisa!).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).code).toBe('nanosecond-clock');
		const dat = await readTraceDat(lisa!, {allowNanoseconds: true});
		const text = await readTextTrace(lisaText!, {allowNanoseconds: true});
		expect([dat.count, dat.cpus, dat.meta!.version, dat.meta!.clock]).toEqual([3724, 6, 6, undefined]);
		expect(compareRecords(dat, text, instanceRows(text, '', ['']))).toEqual([]);
		dat.close();
		text.close();
	});
});

const hebel = corpusFile('real/misc-tracedat/hebel23-driver.trace.dat');
describe.skipIf(!hebel)('real hebel23 driver trace (v6, 32-bit ARM)', () => {
	it('reads its 997 events with a 12-byte page header and renders their texts', async () => {
		const dat = await readTraceDat(hebel!, {allowNanoseconds: true});
		expect([dat.count, dat.malformed.count, dat.meta!.kernelLongSize, dat.meta!.clock]).toEqual([997, 0, 4, 'local']);
		const names = new Set(Array.from(dat.name, (n) => dat.names[n]));
		expect([...names]).toEqual(expect.arrayContaining(['sched_switch', 'sched_wakeup', 'irq_handler_entry', 'irq_handler_exit', 'softirq_raise']));
		const i = Array.from(dat.name).findIndex((n) => dat.names[n] === 'sched_switch');
		expect(dat.text(i)).toMatch(/^prev_comm=\S+ prev_pid=\d+ prev_prio=\d+ prev_state=\S+ ==> next_comm=\S+ next_pid=\d+ next_prio=\d+$/);
		for (let k = 1; k < dat.count; k++) expect(dat.tsc[k]! >= dat.tsc[k - 1]!).toBe(true);
		dat.close();
	});
});
