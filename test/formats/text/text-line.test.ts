// Every line shape docs/text-formats.md describes, through the tokenizer.

import {describe, expect, it} from 'vitest';
import {LineKind, newLineFields, parseLine} from '../../../source/formats/text/line.js';

function parse(line: string, prefixes = new Set<string>()) {
	// A little of the next line follows: the tokenizer must stay inside [start, end).
	const bytes = Buffer.from(`${line}\nnext-1 [000] 2: x: y`, 'latin1');
	const f = parseLine(bytes, 0, line.length, newLineFields(), prefixes);
	return {
		kind: f.kind,
		comm: line.slice(f.commStart, f.commEnd),
		pid: f.pid,
		tgid: f.tgid,
		cpu: f.cpu,
		ts: line.slice(f.tsStart, f.tsEnd),
		tsValue: f.tsValue,
		decimal: f.decimal,
		name: f.nameEnd > f.nameStart ? line.slice(f.nameStart, f.nameEnd) : 'function',
		text: line.slice(f.textStart, f.textEnd),
		count: f.count,
		reason: f.reason,
		prefix: f.prefix,
	};
}

describe('event lines', () => {
	it('reads ftrace text with 5-character flags and a raw TSC', () => {
		expect(parse('       CPU 0/KVM-7289    [023] d..2.  64642412873143: kvm_entry: vcpu 0, rip 0xffffffffa13f2e30')).toMatchObject({
			kind: LineKind.Event,
			comm: 'CPU 0/KVM',
			pid: 7289,
			tgid: -1,
			cpu: 23,
			ts: '64642412873143',
			tsValue: 64642412873143,
			decimal: false,
			name: 'kvm_entry',
			text: 'vcpu 0, rip 0xffffffffa13f2e30',
		});
	});

	it('reads 4-character flags, pid width 5 and no flags at all', () => {
		expect(parse('          <idle>-0     [001] d..2   123456: sched_switch: prev_comm=swapper')).toMatchObject({comm: '<idle>', pid: 0, cpu: 1, ts: '123456', name: 'sched_switch'});
		expect(parse('            bash-2211  [003]   99887766: sys_enter: NR 0')).toMatchObject({comm: 'bash', pid: 2211, cpu: 3, ts: '99887766', text: 'NR 0'});
	});

	it('reads the tgid column, and (-------) as unknown', () => {
		expect(parse('       CPU 1/KVM-7290    (   7280) [002] dNh1.  64642412873150: kvm_exit: vcpu 1 reason HLT')).toMatchObject({pid: 7290, tgid: 7280, cpu: 2});
		expect(parse('          <...>-12      (-------) [000] .....  500: foo: bar')).toMatchObject({comm: '<...>', pid: 12, tgid: -1});
	});

	it('keeps comms with spaces, dashes, slashes and colons', () => {
		expect(parse(' qemu-system-x86-483882 [007]64642412873143: kvm_entry:             vcpu 0 rip 0xffffffffa13f2e30')).toMatchObject({
			comm: 'qemu-system-x86',
			pid: 483882,
			cpu: 7,
			ts: '64642412873143',
			text: 'vcpu 0 rip 0xffffffffa13f2e30',
		});
		expect(parse('   kworker/u12:1-88      [004] .....  1000: workqueue_execute_start: work struct')).toMatchObject({comm: 'kworker/u12:1', pid: 88});
		expect(parse(' MainTaskLow:422-422   [000]1213368630199: kmem_cache_alloc:     (p9_fcall_init+0x53)')).toMatchObject({comm: 'MainTaskLow:422', pid: 422});
		expect(parse('          my app-421     [000] .....  1000: sys_exit: NR 1 = 1')).toMatchObject({comm: 'my app', pid: 421});
	});

	it('reads trace-cmd report text: padded event names and the [cpu]TSC form', () => {
		expect(parse('       trace-cmd-510   [000]1212173092638: sys_exit:             NR 1 = 1')).toMatchObject({
			comm: 'trace-cmd',
			pid: 510,
			cpu: 0,
			ts: '1212173092638',
			name: 'sys_exit',
			text: 'NR 1 = 1',
		});
	});

	it('flags a decimal (nanosecond clock) timestamp', () => {
		expect(parse('           <...>-1701  [001]    76.211513: sched_switch:          prev_comm=foo')).toMatchObject({ts: '76.211513', tsValue: -1, decimal: true});
	});

	it('strips a multi-file report prefix and remembers it', () => {
		const prefixes = new Set<string>();
		expect(parse('             pair1-host.trace.dat:  qemu-system-x86-483882 [007] 22149.949585938: kvm_entry:             vcpu 0', prefixes)).toMatchObject({
			prefix: 'pair1-host.trace.dat',
			comm: 'qemu-system-x86',
			pid: 483882,
		});
		expect(parse('g.dat:        bash-1  [000] 1.000000: x: y', new Set(['g.dat']))).toMatchObject({prefix: 'g.dat', comm: 'bash', pid: 1});
	});

	it('reads function-tracer lines as event "function"', () => {
		expect(parse('            bash-2211  [003] .....  99887766: do_sys_open <-__x64_sys_openat')).toMatchObject({name: 'function', text: 'do_sys_open <-__x64_sys_openat'});
	});

	it('keeps TSCs above 2^53 as digits, and gives a value only up to 15 digits', () => {
		expect(parse('       CPU 0/KVM-1       [000] .....  18446744073709551615: kvm_entry: vcpu 0')).toMatchObject({ts: '18446744073709551615', tsValue: -1});
		expect(parse('       CPU 0/KVM-1       [000] .....  999999999999999: kvm_entry: vcpu 0')).toMatchObject({tsValue: 999999999999999});
		expect(parse('       CPU 0/KVM-1       [000] .....  1000000000000000: kvm_entry: vcpu 0')).toMatchObject({tsValue: -1});
	});

	it('takes a prefix only from a `: ` past the comm\'s first character', () => {
		expect(parse(': ab: cdefghijklmnopq-5 [000] 1: x: y')).toMatchObject({prefix: '', comm: ': ab: cdefghijklmnopq', pid: 5});
		expect(parse('p.dat:  \u00a0bash-1  [000] 1: x: y', new Set(['p.dat']))).toMatchObject({prefix: 'p.dat', comm: 'bash', pid: 1});
	});
});

describe('other lines', () => {
	it('skips comments, blank lines, Version and buffer-started lines; reads cpus=', () => {
		expect(parse('# tracer: nop').kind).toBe(LineKind.Skip);
		expect(parse('   ').kind).toBe(LineKind.Skip);
		expect(parse('Version = 6').kind).toBe(LineKind.Skip);
		expect(parse('##### CPU 2 buffer started ####').kind).toBe(LineKind.Skip);
		expect(parse('cpus=20')).toMatchObject({kind: LineKind.Cpus, count: 20});
	});

	it('reads lost-event markers from ftrace and trace-cmd', () => {
		expect(parse('CPU:3 [LOST 1234 EVENTS]')).toMatchObject({kind: LineKind.Lost, cpu: 3, count: 1234});
		expect(parse('CPU:1 [12 EVENTS DROPPED]')).toMatchObject({kind: LineKind.Lost, cpu: 1, count: 12});
		expect(parse('CPU:0 [EVENTS DROPPED]')).toMatchObject({kind: LineKind.Lost, cpu: 0, count: -1});
	});

	it('says why a line is not an event', () => {
		expect(parse('000: ARG TYPE NOT FIELD BUT 2')).toMatchObject({kind: LineKind.Bad, reason: 'not an event line (no [CPU] column)'});
		expect(parse('     foo [001] 123: x: y')).toMatchObject({kind: LineKind.Bad, reason: 'no TASK-PID before the [CPU] column'});
		expect(parse('   foo-1 [001] d..2. : x: y')).toMatchObject({kind: LineKind.Bad, reason: 'no timestamp after the [CPU] column'});
		expect(parse('   foo-1 [001] 123 x: y')).toMatchObject({kind: LineKind.Bad, reason: 'no colon after the timestamp'});
	});
});
