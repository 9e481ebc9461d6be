// Every key of the viewer, through the frame a person would see after pressing it.

import {afterAll, beforeAll, beforeEach, afterEach, describe, expect, test} from 'vitest';
import {G1, H, writeFixture, type Fixture} from './fixture.js';
import {KEY, openViewer, type Session} from './harness.js';

const ROWS = 30;
const PAGE = ROWS - 4; // the terminal's lines minus the top bar, column header and bottom bar
const TOTAL = 148;

let fixture: Fixture;
let s: Session;

beforeAll(() => {
	fixture = writeFixture();
});
afterAll(() => fixture.cleanup());
beforeEach(async () => {
	s = await openViewer(fixture.host, fixture.guest, {columns: 160, rows: ROWS});
});
afterEach(() => s.close());

const rowOf = (session: Session): number => Number(/row (\d+)\//.exec(session.bottom())?.[1]);
const firstBodyLine = (session: Session): string => session.lines()[3]!;

describe('first frame', () => {
	test('top bar, column header, rows and bottom bar fill the terminal, the bottom bar on its last line', () => {
		const lines = s.lines();
		expect(lines).toHaveLength(ROWS);
		expect(lines.at(-1)).toMatch(/^ row 1\//);
		expect(s.top()).toContain('host.txt');
		expect(s.top()).toContain('guest.txt');
		expect(s.top()).toContain('VM 1000');
		expect(s.top()).toContain('vCPU filter: all');
		expect(s.top()).toContain(`host TSC ${H + 50n}`);
		expect(s.top()).toContain('vCPU 0 epoch 0/3 offset -4000000000');
		expect(lines[2]).toContain('host TSC');
		expect(s.bottom()).toContain(`row 1/${TOTAL} 0%`);
		expect(s.bottom()).toContain('? help');
	});

	test('host events start in the host lane, guest events further right with their vCPU, in host-TSC order', () => {
		const entry = s.lines().find((l) => l.includes('kvm_entry'))!;
		const guestRow = s.lines().find((l) => l.includes('w200'))!;
		const lane = guestRow.indexOf('[v0] kworker/0:1 wq_start: w200');
		expect(entry.indexOf('[002] CPU 0/KVM kvm_entry')).toBeLessThan(lane);
		expect(guestRow[lane - 2]).toBe('│');
		expect(guestRow).toContain(`${H + 200n}`);
		// The host-TSC column follows the cursor mark, window gutter and flags; `?` is an unresolved event.
		const column = s.lines().slice(3, 3 + PAGE).map((l) => l.slice(6, 16).trim());
		expect(column).toContain('?');
		const order = column.filter((t) => t !== '?').map(BigInt);
		expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
	});

	test("the selected vCPU's run windows show in the gutter, flags in the flag gutter", () => {
		const entry = s.lines().find((l) => l.includes('kvm_entry'))!;
		expect(entry[0]).toBe('┌');
		expect(s.lines().find((l) => l.includes('w200'))![0]).toBe('│');
		expect(s.lines().find((l) => l.includes('MSR_WRITE'))![0]).toBe('└');
		expect(s.lines().find((l) => l.includes('kvm_msr'))![0]).toBe(' ');
		expect(s.lines().find((l) => l.includes('w1200'))!.slice(2, 4)).toBe('N ');
		expect(s.lines().find((l) => l.includes('w1400'))!.slice(2, 4)).toBe('n ');
		expect(s.lines().find((l) => l.includes('w2400'))!.slice(2, 4)).toBe('L ');
		const stray = s.lines().find((l) => l.includes('(stray event)'))!;
		expect(stray.slice(1, 4)).toBe(' O ');
		expect(stray).toMatch(/O\s+\?\s/);
	});
});

describe('moving', () => {
	test('j and Down move down a row, k and Up move up', async () => {
		await s.press('j');
		expect(rowOf(s)).toBe(2);
		expect(s.cursorLine()).toContain('kvm_entry');
		await s.press(KEY.down);
		expect(rowOf(s)).toBe(3);
		expect(s.cursorLine()).toContain('w200');
		await s.press('k');
		expect(rowOf(s)).toBe(2);
		await s.press(KEY.up);
		expect(rowOf(s)).toBe(1);
		expect(s.cursorLine()).toContain('prev_comm=bash');
	});

	test('a count before j moves that many rows', async () => {
		await s.press('5', 'j');
		expect(rowOf(s)).toBe(6);
	});

	test('Space, PgDn, Ctrl-F and f page down; b, PgUp and Ctrl-B page up', async () => {
		const first = firstBodyLine(s);
		for (const key of [' ', KEY.pageDown, KEY.ctrlF, 'f']) {
			await s.press(key);
			expect(rowOf(s)).toBe(1 + PAGE);
			expect(firstBodyLine(s)[1]).toBe('>');
			expect(firstBodyLine(s)).not.toBe(first);
			await s.press('g');
		}
		for (const key of ['b', KEY.pageUp, KEY.ctrlB]) {
			await s.press(' ', ' ', key);
			expect(rowOf(s)).toBe(1 + PAGE);
			await s.press('g');
		}
	});

	test('Ctrl-D and Ctrl-U move half a page', async () => {
		await s.press(KEY.ctrlD);
		const half = Math.round(PAGE / 2);
		expect(rowOf(s)).toBe(1 + half);
		await s.press(KEY.ctrlD, KEY.ctrlU);
		expect(rowOf(s)).toBe(1 + half);
	});

	test('G and End go to the last row, g and Home to the first; 12G to row 12', async () => {
		await s.press('G');
		expect(s.bottom()).toContain(`row ${TOTAL}/${TOTAL} 100%`);
		expect(s.cursorLine()).toContain('kvm_write_tsc_offset: vcpu=1');
		await s.press('g');
		expect(rowOf(s)).toBe(1);
		await s.press(KEY.end);
		expect(rowOf(s)).toBe(TOTAL);
		await s.press(KEY.home);
		expect(rowOf(s)).toBe(1);
		await s.press('1', '2', 'G');
		expect(rowOf(s)).toBe(12);
	});

	test('Left and Right scroll the event text sideways', async () => {
		expect(s.cursorLine()).toMatch(/\[001\] bash +sched_switch: prev_comm=bash/);
		await s.press(KEY.right);
		expect(s.cursorLine()).not.toContain('prev_comm=bash');
		expect(s.cursorLine()).toMatch(/\[001\] bash +sched_switch: rev_pid=555 next_comm/);
		await s.press(KEY.left);
		expect(s.cursorLine()).toContain('sched_switch: prev_comm=bash');
	});
});

describe('epochs and flags', () => {
	test('] moves the top bar to the next epoch and the cursor to the write; [ goes back', async () => {
		await s.press(']');
		expect(s.cursorLine()).toContain('kvm_write_tsc_offset: vcpu=0');
		expect(s.top()).toContain(`host TSC ${H + 1000n}`);
		expect(s.top()).toContain(`epoch 1/3 offset -4000100000 · write at host TSC ${H + 1000n} (msr_write 10)`);
		await s.press(']');
		expect(s.top()).toContain(`epoch 2/3 offset -3999100000 · write at host TSC ${H + 2000n} (host write)`);
		await s.press(']');
		// With every vCPU shown, the next start is vCPU 1's first write.
		expect(s.top()).toContain('vCPU 1 epoch 1/4');
		await s.press('[', '[');
		expect(s.top()).toContain('vCPU 0 epoch 1/3');
		await s.press('[');
		expect(s.bottom()).toContain('no earlier offset epoch start');
	});

	test('} stops at the region start, lost events, the event outside every window, then lands on an ambiguous row; { goes back', async () => {
		await s.press('}');
		expect(s.cursorLine()).toContain('w1200');
		await s.press('}');
		expect(s.cursorLine()).toContain('w2400');
		await s.press('}');
		expect(s.cursorLine()).toContain('(stray event)');
		await s.press('}');
		expect(s.cursorLine()).toContain('tick 0');
		expect(s.cursorLine().slice(2, 5)).toBe('A2 ');
		expect(s.top()).toContain('vCPU 1');
		await s.press('{');
		expect(s.cursorLine()).toContain('(stray event)');
		await s.press('G', '}');
		expect(s.bottom()).toContain('no later flagged row');
	});
});

describe('vCPU filter', () => {
	test('v cycles all, 0, 1 and back to all; V goes the other way', async () => {
		await s.press('v');
		expect(s.top()).toContain('vCPU filter: 0');
		expect(s.frame()).not.toContain('prev_comm=bash');
		expect(s.frame()).not.toContain('ticker');
		expect(s.bottom()).toContain('showing vCPU 0');
		const rows0 = Number(/row \d+\/(\d+)/.exec(s.bottom())![1]);
		expect(rows0).toBeLessThan(TOTAL);
		await s.press('v');
		expect(s.top()).toContain('vCPU filter: 1');
		expect(s.frame()).toContain('ticker');
		expect(s.frame()).not.toContain('kworker');
		expect(s.top()).toContain('vCPU 1 epoch 1/4');
		await s.press(']');
		expect(s.top()).toContain('vCPU 1 epoch 2/4');
		await s.press('v');
		expect(s.top()).toContain('vCPU filter: all');
		expect(s.bottom()).toContain(`/${TOTAL}`);
		await s.press('V');
		expect(s.top()).toContain('vCPU filter: 1');
	});

	test('the cursor stays on the same event across a filter change when the filter keeps it', async () => {
		await s.press('}');
		expect(s.cursorLine()).toContain('w1200');
		await s.press('v');
		expect(s.cursorLine()).toContain('w1200');
		await s.press('v');
		// vCPU 1 has no event there: the cursor goes to its next one.
		expect(s.cursorLine()).toContain('CPU 1/KVM kvm_write_tsc_offset');
	});
});

describe('search', () => {
	test('/ text Enter goes to the match; n goes to the next, N to the previous', async () => {
		await s.press('/');
		expect(s.bottom()).toMatch(/^\/█/);
		await s.press('n', 'e', 'e', 'd', 'l', 'e', 'X');
		expect(s.bottom()).toContain('/needleX');
		await s.press(KEY.enter);
		expect(s.cursorLine()).toContain('NR 0 needleX');
		expect(s.bottom()).toContain('/needleX');
		await s.press('n');
		expect(s.cursorLine()).toContain('NR 10 needleX');
		await s.press('n');
		expect(s.cursorLine()).toContain('NR 20 needleX');
		await s.press('N');
		expect(s.cursorLine()).toContain('NR 10 needleX');
	});

	test('keys that arrive in one read (ssh, a paste) act in turn: the search, its Enter, then n', async () => {
		await s.press('/needleX\rn');
		expect(s.cursorLine()).toContain('NR 10 needleX');
		expect(s.bottom()).toContain('/needleX');
		await s.press(':', '5\r');
		expect(s.bottom()).toMatch(/^ row 5\//);
	});

	test('a regex searches as a regex; the search wraps around the end', async () => {
		await s.press('/', 'NR [3-4]0 ', KEY.enter);
		expect(s.cursorLine()).toContain('NR 30 needleX');
		await s.press('n');
		expect(s.cursorLine()).toContain('NR 40 needleX');
		await s.press('n');
		expect(s.cursorLine()).toContain('NR 30 needleX');
		expect(s.bottom()).toContain('went on from the top');
	});

	test('an invalid regex is searched as plain text', async () => {
		await s.press('/', '(stray', KEY.enter);
		expect(s.cursorLine()).toContain('(stray event)');
		expect(s.bottom()).toContain('/(stray (plain text)');
	});

	test('lower case matches any case; a pattern that matches nothing says so', async () => {
		await s.press('/', 'msr_write', KEY.enter);
		expect(s.cursorLine()).toContain('MSR_WRITE');
		await s.press('/', 'no such thing', KEY.enter);
		expect(s.bottom()).toContain('not found: /no such thing');
		expect(s.cursorLine()).toContain('MSR_WRITE');
	});

	test('n with no search says how to start one; Backspace edits the prompt; Esc closes it', async () => {
		await s.press('n');
		expect(s.bottom()).toContain('press / to search');
		await s.press('/', 'abc', KEY.backspace);
		expect(s.bottom()).toMatch(/^\/ab█/);
		await s.press(KEY.escape);
		expect(s.bottom()).toContain('row 1/');
		expect(s.bottom()).not.toContain('/ab');
		expect(rowOf(s)).toBe(1);
	});
});

describe('go to', () => {
	test(': with a host TSC goes to the first row at or after it', async () => {
		await s.press(':', `${H + 2500n}`, KEY.enter);
		expect(s.cursorLine()).toContain('[v0] evil');
		expect(s.top()).toContain(`host TSC ${H + 2500n}`);
		await s.press(':', `${H + 2501n}`, KEY.enter);
		expect(s.cursorLine()).toContain('prev_comm=bash');
		expect(s.bottom()).toContain(`host TSC ${H + 2501n}: row`);
	});

	test(': with a row number, a percentage or t<TSC>', async () => {
		await s.press(':', '12', KEY.enter);
		expect(rowOf(s)).toBe(12);
		await s.press(':', '100%', KEY.enter);
		expect(rowOf(s)).toBe(TOTAL);
		await s.press(':', `t${H + 100n}`, KEY.enter);
		expect(s.cursorLine()).toContain('kvm_entry');
	});

	test(': with something else says what it takes', async () => {
		await s.press(':', 'soon', KEY.enter);
		expect(s.bottom()).toContain('go to takes a row number, a host TSC');
		expect(rowOf(s)).toBe(1);
	});
});

describe('detail pane', () => {
	test('Enter shows the raw line with file:line, both TSCs, the epoch and offset; Enter again hides it', async () => {
		await s.press(':', `${H + 1200n}`, KEY.enter, KEY.enter);
		const frame = s.frame();
		expect(s.lines()).toHaveLength(ROWS);
		expect(frame).toMatch(/guest event {2}\S*guest\.txt:\d+/);
		expect(frame).toContain('wq_start: w1200');
		expect(frame).toContain(`guest TSC 999901200 -> host TSC ${H + 1200n} (exact)`);
		expect(frame).toContain(`epoch 1/3 offset -4000100000 · write at host TSC ${H + 1000n} (msr_write 10)`);
		expect(frame).toContain('non-monotonic region: guest lines');
		expect(s.cursorLine()).toContain('w1200');
		await s.press(KEY.enter);
		expect(s.frame()).not.toContain('guest event  ');
	});

	test('an ambiguous event lists every candidate; an unresolved one gives the reason', async () => {
		await s.press('/', 'tick 0', KEY.enter, KEY.enter);
		expect(s.frame()).toContain('ambiguous: 2 candidate host TSCs');
		expect(s.frame()).toContain(`@1 ${H + 10_001n} (epoch 1`);
		expect(s.frame()).toContain(`@2 ${H + 10_005n} (epoch 2`);
		expect(s.frame()).toContain(`guest TSC ${G1 + 1n}`);
		await s.press('/', 'stray', KEY.enter);
		expect(s.frame()).toContain('unresolved: outside every run window of vCPU 0');
		expect(s.frame()).toContain('host TSC unknown');
	});

	test('Tab switches the pane to the host event around a guest row and back', async () => {
		await s.press(':', `${H + 1400n}`, KEY.enter, KEY.enter);
		expect(s.frame()).toContain('guest event  ');
		await s.press(KEY.tab);
		expect(s.frame()).toMatch(/host event {2}\S*host\.txt:\d+ \(Tab: other side of the cursor row\)/);
		expect(s.frame()).toContain(`host TSC ${H + 1100n}`);
		expect(s.frame()).toContain('kvm_entry');
		await s.press(KEY.tab);
		expect(s.frame()).toContain('guest event  ');
	});

	test('a host offset write shows prev and next signed and the epoch it starts', async () => {
		await s.press(']', KEY.enter);
		expect(s.frame()).toContain('offset write for vCPU 0: prev -4000000000, next -4000100000');
		expect(s.frame()).toContain('starts epoch 1/3');
	});

	test('Esc closes the pane', async () => {
		await s.press(KEY.enter);
		expect(s.frame()).toContain('host event  ');
		await s.press(KEY.escape);
		expect(s.frame()).not.toContain('host event  ');
	});
});

describe('help and quitting', () => {
	test('? shows every key; Esc closes it, and ? toggles it too', async () => {
		s.close();
		s = await openViewer(fixture.host, fixture.guest, {columns: 160, rows: 45});
		await s.press('?');
		const first = s.frame();
		await s.press('G');
		const help = first + s.frame();
		await s.press('g');
		for (const words of ['Moving', 'page down', 'offset-epoch start', 'flagged row', 'vCPU filter', 'search (regex', 'go to a row number', 'detail pane', 'quit', 'ambiguous, with the number of candidate']) {
			expect(help).toContain(words);
		}
		expect(s.lines()).toHaveLength(45);
		await s.press(KEY.escape);
		expect(s.frame()).not.toContain('offset-epoch start');
		expect(s.frame()).toContain('kvm_entry');
		await s.press('?', '?');
		expect(s.frame()).not.toContain('offset-epoch start');
	});

	test('help taller than the screen scrolls with j and says there is more', async () => {
		await s.press('?');
		expect(s.frame()).toContain('more below');
		expect(s.frame()).not.toContain('offset write after a lost write');
		await s.press(' ', ' ');
		expect(s.frame()).toContain('offset write after a lost write');
		expect(s.lines()).toHaveLength(ROWS);
	});

	test('q quits, and so does Ctrl-C', async () => {
		await s.press('q');
		expect(s.quitCalls()).toBe(1);
		const other = await openViewer(fixture.host, fixture.guest);
		await other.press(KEY.ctrlC);
		expect(other.quitCalls()).toBe(1);
		other.close();
	});

	test('q in the search prompt is text, not quit', async () => {
		await s.press('/', 'q');
		expect(s.quitCalls()).toBe(0);
		expect(s.bottom()).toMatch(/^\/q█/);
	});
});
