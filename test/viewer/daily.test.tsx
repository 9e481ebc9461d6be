// The viewer as a daily tool at 80x24: lanes that show every row's CPU, task and event, the
// column sets and time column, marks and '', the & filter, status jumps, the candidates of an
// ambiguous event, typeahead that arrives in one read, unknown keys and the mouse wheel.

import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {G1, H, writeFixture, type Fixture} from './fixture.js';
import {KEY, openViewer, type Session} from './harness.js';

let fixture: Fixture;
const open: Session[] = [];

beforeAll(() => {
	fixture = writeFixture();
});
afterAll(() => fixture.cleanup());
afterEach(() => {
	for (const s of open.splice(0)) s.close();
});

async function viewer(columns = 80, rows = 24, tscKhz?: string): Promise<Session> {
	const s = await openViewer(fixture.host, fixture.guest, {columns, rows, flags: tscKhz ? {tscKhz} : {}});
	open.push(s);
	return s;
}

const rowOf = (s: Session): number => Number(/row (\d+)\//.exec(s.bottom())?.[1]);
const body = (s: Session): string[] => s.lines().slice(3, -1);
const lineWith = (s: Session, text: string): string => s.lines().find((l) => l.includes(text)) ?? '';

describe('lanes at 80 columns', () => {
	test('every row shows its CPU (vCPU on guest rows), task, event name and the start of its text; guest rows start further right', async () => {
		const s = await viewer();
		const lines = s.lines();
		expect(lines).toHaveLength(24);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
		// Lead: cursor/mark, window mark, 3 flag columns, a space, the 10-digit host TSC, a space.
		const lead = 2 + 3 + 1 + 10 + 1;
		const entry = lineWith(s, 'kvm_entry');
		expect(entry.indexOf('[002] CPU 0/KVM kvm_entry: vcpu 0, rip')).toBe(lead);
		const guest = lineWith(s, 'w200');
		expect(guest.indexOf('[v0] kworker/0:1 wq_start: w200')).toBeGreaterThan(lead + 5);
		expect(guest[guest.indexOf('[v0]') - 2]).toBe('│');
		expect(guest).toContain(`${H + 200n} `);
		// Host rows run on under the guest lane.
		expect(lineWith(s, 'sched_switch').indexOf('prev_comm=bash')).toBeLessThan(guest.indexOf('[v0]') + 20);
		expect(s.lines()[2]).toMatch(/host TSC host\s+│ guest \[vCPU\] task event: text/);
	});

	test('at 200 columns a long event text is shown to its end', async () => {
		const s = await viewer(200, 60);
		expect(lineWith(s, 'prev_comm=bash prev_pid=555 next_comm=swapper/1 next_pid=0 t=5000000050')).not.toBe('');
		expect(s.lines()).toHaveLength(60);
	});

	test('c cycles the column sets: + guest TSC (right-aligned), + pid/tgid; the top bar says which', async () => {
		const s = await viewer(120, 40);
		expect(s.top()).toContain('columns: task event (c)');
		await s.press('c');
		expect(s.top()).toContain('columns: task event guest-TSC (c)');
		expect(lineWith(s, 'w200')).toContain('1000000200 [v0] kworker/0:1 wq_start: w200');
		await s.press('G', 'k');
		// vCPU 1's guest TSCs have nine digits: right-aligned under the ten-digit ones.
		expect(lineWith(s, 'tick 5')).toContain(`│ ${String(G1 + 3n).padStart(10)} [v1] ticker`);
		await s.press('g', 'c');
		expect(s.top()).toContain('columns: task-pid event guest-TSC (c)');
		expect(lineWith(s, 'w200')).toContain('kworker/0:1-33');
		expect(lineWith(s, 'sched_switch')).toContain('bash-555');
		await s.press('c');
		expect(s.top()).toContain('columns: task event (c)');
	});

	test('h/l and Left/Right scroll the text of the cursor row\'s lane and say by how much', async () => {
		const s = await viewer();
		expect(s.cursorLine()).toContain('sched_switch: prev_comm=bash');
		await s.press('l');
		expect(s.cursorLine()).toContain('sched_switch: rev_pid=555 next_comm');
		expect(s.lines()[2]).toContain('host (+16)');
		expect(s.bottom()).toContain('host text scrolled right by 16');
		// The guest lane is not scrolled.
		expect(lineWith(s, 'w200')).toContain('wq_start: w200');
		await s.press(KEY.left);
		expect(s.cursorLine()).toContain('sched_switch: prev_comm=bash');
		await s.press('j', 'j', KEY.right);
		expect(s.lines()[2]).toContain('guest (+16)');
	});

	test('the bars fit 80 columns by priority: the epoch, offset and cause stay; words are never cut', async () => {
		const s = await viewer();
		await s.press(']');
		const [first, second] = s.lines();
		expect(first).toContain('vCPU 0 epoch 1/3 offset -4000100000');
		expect(first).toContain('msr_write 10');
		expect(first!.length).toBeLessThanOrEqual(80);
		expect(second).toContain('VM 1000');
		expect(second).toContain('vCPU filter: all');
		expect(s.bottom().length).toBeLessThanOrEqual(80);
	});

	test('help wraps to 80 columns and lists every key', async () => {
		const s = await viewer(80, 60);
		await s.press('?');
		let text = s.frame();
		for (const line of s.lines()) expect(line.length).toBeLessThanOrEqual(80);
		await s.press('G');
		text += s.frame();
		for (const words of ['m a-z', "' a-z  ''", '&', 'next / previous ambiguous guest event', 'time column: host TSC', 'mouse wheel on / off', 'Gutter and flags']) expect(text).toContain(words);
	});
});

describe('time column', () => {
	test('without a TSC rate, t offers the host TSC and TSC deltas, and says why time is missing', async () => {
		const s = await viewer();
		await s.press('t');
		expect(s.lines()[2]).toContain('Δ prev cyc');
		expect(s.bottom()).toContain('time: Δ cycles from row above (ns: --tsc-khz)');
		expect(lineWith(s, 'kvm_entry')).toMatch(/ \+50 \[002\] CPU 0\/KVM kvm_entry/);
		await s.press('t', 't');
		expect(s.lines()[2]).toContain('host TSC');
	});

	test('the Δ-from-a-mark message keeps its --tsc-khz and m hints whole at 80 and at 200 columns', async () => {
		for (const columns of [80, 200]) {
			const s = await viewer(columns, 24);
			// The last row (moved to, not jumped to: no '' yet): the widest row counter, the least room for the message.
			await s.press('2', '0', '0', 'j', 't', 't');
			expect(s.bottom()).toMatch(/^ row 148\/148 100% +time: Δ cycles from a mark \(ns: --tsc-khz; m sets\) +\? help/);
			await s.press('g', 't', 't', 't');
			expect(s.bottom()).toContain("time: Δ cycles from '' (ns: --tsc-khz)");
		}
	});

	test('with --tsc-khz: time since the first event, delta from the row above, delta from the mark, in units', async () => {
		// 1 GHz: one cycle per nanosecond.
		const s = await viewer(80, 24, '1000000');
		await s.press('t');
		expect(s.top()).toContain('time: since first (t)');
		expect(s.cursorLine()).toContain(' 0 ns [001] bash');
		expect(lineWith(s, 'kvm_entry')).toContain(' 50 ns [002]');
		await s.press('t');
		expect(lineWith(s, 'w200')).toContain('+100 ns');
		await s.press(':', `${H + 3010n}`, KEY.enter, 'm', 'a', 't');
		expect(s.lines()[2]).toContain("Δ 'a");
		// NR 1, two rows on (a host row lies between): 50 ns after NR 0.
		await s.press('j', 'j');
		expect(s.cursorLine()).toContain('+50 ns');
		await s.press(':', `${H + 9000n}`, KEY.enter);
		expect(s.cursorLine()).toContain('+5.990 µs');
	});
});

describe('marks and jumps', () => {
	test("m sets a mark shown in the gutter; ' jumps to it; '' returns to where the last jump came from", async () => {
		const s = await viewer();
		await s.press('j', 'j', 'm', 'a');
		expect(s.bottom()).toContain('mark a set on row 3');
		await s.press('j');
		expect(lineWith(s, 'w200')[1]).toBe('a');
		await s.press('G', "'", 'a');
		expect(rowOf(s)).toBe(3);
		await s.press("'", "'");
		expect(rowOf(s)).toBe(148);
		await s.press("'", "'");
		expect(rowOf(s)).toBe(3);
		await s.press(':', '40', KEY.enter, "'", "'");
		expect(rowOf(s)).toBe(3);
		await s.press("'", 'z');
		expect(s.bottom()).toContain('no mark z (mz sets it)');
		await s.press('m', '1');
		expect(s.bottom()).toContain("'1': a mark is a letter a-z");
	});

	test('/, n, ] and } are jumps too', async () => {
		const s = await viewer();
		await s.press('/', 'needleX', KEY.enter);
		const found = rowOf(s);
		await s.press('n', "'", "'");
		expect(rowOf(s)).toBe(found);
		await s.press('g', ']', "'", "'");
		expect(rowOf(s)).toBe(1);
	});
});

describe('& filter', () => {
	test('shows only matching rows, says k of N in the top bar, keeps the cursor near; an empty filter clears it', async () => {
		const s = await viewer(120, 30);
		await s.press(':', `${H + 2500n}`, KEY.enter);
		await s.press('&', 'side:guest', KEY.enter);
		expect(s.top()).toMatch(/&side:guest: \d+ of 148 rows/);
		expect(body(s).join('\n')).not.toContain('kvm_entry');
		expect(s.cursorLine()).toContain('hello');
		await s.press('&', KEY.enter);
		expect(s.top()).not.toContain('&side');
		expect(s.bottom()).toContain('filter cleared: all 148 rows');
		expect(s.cursorLine()).toContain('hello');
	});

	test('terms are ANDed, ! negates, free text is a regex, and names take * and ?', async () => {
		const s = await viewer(120, 30);
		await s.press('&', 'event:kvm_* !vcpu:1 !kvm_entry', KEY.enter);
		const rows = body(s).filter((l) => l.includes('['));
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row).toMatch(/kvm_(exit|msr|write_tsc_offset)/);
		expect(s.frame()).not.toContain('vcpu=1');
		await s.press('&', 'task:tick?? is:ambiguous', KEY.enter);
		expect(s.top()).toContain('&task:tick?? is:ambiguous: 6 of 148 rows');
		await s.press('&', '"NR [1-2]0 "', KEY.enter);
		expect(s.top()).toContain('2 of 148 rows');
		await s.press('&', 'cpu:3', KEY.enter);
		expect(body(s).filter((l) => l.includes('[003]')).length).toBe(3);
	});

	test('], }, / and n work inside the filtered rows; a bad term says what it takes', async () => {
		const s = await viewer(120, 30);
		await s.press('&', '!side:host', KEY.enter);
		await s.press(']');
		// The write that starts epoch 1 is hidden: ] goes to the first row shown after it.
		expect(s.cursorLine()).toContain('w1200');
		await s.press('}');
		expect(s.cursorLine()).toContain('w2400');
		await s.press('/', 'needleX', KEY.enter, 'n');
		expect(s.cursorLine()).toContain('NR 10 needleX');
		await s.press('&', 'is:fine', KEY.enter);
		expect(s.bottom()).toContain('filter: is: takes exact, ambiguous, unresolved, flagged, not "fine"');
		await s.press('&', 'no-such-text', KEY.enter);
		expect(s.bottom()).toContain('no row matches &no-such-text; the rows shown are unchanged');
	});
});

describe('status jumps and candidates', () => {
	test('a / A and x / X go to the next and previous ambiguous and unresolved guest event', async () => {
		const s = await viewer();
		await s.press('x');
		expect(s.cursorLine()).toContain('between windows (stray');
		await s.press('a');
		expect(s.cursorLine()).toContain('tick 0');
		await s.press('a');
		expect(s.cursorLine()).toContain('tick 1');
		await s.press('A', 'A');
		expect(s.bottom()).toContain('no earlier ambiguous guest event');
		await s.press('X');
		expect(s.cursorLine()).toContain('stray');
	});

	test('the detail pane says why an event is ambiguous, and @ goes to where each candidate lies', async () => {
		const s = await viewer(120, 40);
		await s.press('a', KEY.enter);
		expect(s.frame()).toContain('ambiguous: 2 candidate host TSCs, 4 cycles apart at most; @1..@2 go there');
		expect(s.frame()).toContain(`@1 ${H + 10_001n} (epoch 1`);
		expect(s.frame()).toContain('why: the host trace has no run window of vCPU 1, so nothing shows which of epochs 1 and 2 the event ran in');
		expect(s.frame()).toContain("settled by: the vCPU thread's kvm_entry/kvm_exit in the host trace");
		await s.press('@', '2');
		expect(s.bottom()).toContain(`candidate 2 of 2 (epoch 2): host TSC ${H + 10_005n}`);
		await s.press('@', '1');
		expect(s.bottom()).toContain(`candidate 1 of 2 (epoch 1): host TSC ${H + 10_001n}`);
		await s.press("'", "'");
		expect(s.bottom()).toContain('back');
		await s.press('g', '@', '1');
		expect(s.bottom()).toContain('@: put the cursor on an ambiguous guest event first');
	});

	test('the detail pane gives the run window\'s length and the distance to its kvm_entry and kvm_exit', async () => {
		const s = await viewer(120, 40, '1000000');
		await s.press(':', `${H + 1200n}`, KEY.enter, KEY.enter);
		expect(s.frame()).toContain('run window of vCPU 0: 800 ns long; kvm_entry 100 ns before, kvm_exit 700 ns after');
	});
});

describe('input', () => {
	test('keys that arrive in one read all apply, in order: j Enter, } Enter, Enter j j, j Tab', async () => {
		let s = await viewer();
		await s.press('j\r');
		expect(rowOf(s)).toBe(2);
		expect(s.frame()).toContain('host event  ');
		s.close();
		s = await viewer();
		await s.press('}\r');
		expect(s.cursorLine()).toContain('w1200');
		expect(s.frame()).toContain('guest event  ');
		s.close();
		s = await viewer();
		await s.press('\rjj');
		expect(rowOf(s)).toBe(3);
		expect(s.frame()).toContain('guest event  ');
		s.close();
		s = await viewer();
		await s.press('j\t');
		expect(s.frame()).toContain('(Tab: other side of the cursor row)');
	});

	test('with the detail pane open the bottom bar stays on the frame\'s last line', async () => {
		const s = await viewer();
		await s.press(KEY.enter);
		expect(s.lines()).toHaveLength(24);
		expect(s.lines()[23]).toMatch(/^ row 1\/148/);
		await s.press('x');
		expect(s.lines()).toHaveLength(24);
		expect(s.lines()[23]).toMatch(/^ row \d+\/148/);
	});

	test('an unknown key flashes a hint in the bottom bar', async () => {
		const s = await viewer();
		await s.press('Z');
		expect(s.bottom()).toContain("unknown key 'Z' - ? for help");
		await s.press('j');
		expect(s.bottom()).not.toContain('unknown key');
	});

	test('M turns mouse reporting on and off; the wheel then scrolls', async () => {
		const s = await viewer();
		await s.press('M');
		expect(s.mouseCalls()).toEqual([true]);
		expect(s.bottom()).toContain('mouse wheel on');
		await s.press('\x1b[<65;10;10M');
		expect(rowOf(s)).toBe(4);
		await s.press('\x1b[<64;10;10M');
		expect(rowOf(s)).toBe(1);
		await s.press('M');
		expect(s.mouseCalls()).toEqual([true, false]);
	});
});
