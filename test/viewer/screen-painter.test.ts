// The painter puts Ink's frames on the screen: whole after a start, a resize or a resume,
// then only the lines that changed, each at its row, never past the terminal's last line.

import {EventEmitter} from 'node:events';
import {describe, expect, test} from 'vitest';
import {createPainter, paintFrame} from '../../source/viewer/screen-painter.js';

class FakeTerminal extends EventEmitter {
	isTTY = true;
	written: string[] = [];
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write(chunk: string, callback?: () => void): boolean {
		this.written.push(chunk);
		callback?.();
		return true;
	}
	/** Plays the writes on a screen of `rows` lines: what a person would see. */
	screen(): string[] {
		const lines = Array.from({length: this.rows}, () => '');
		let row = 0;
		for (const chunk of this.written) {
			for (const [, params, final, text] of chunk.matchAll(/\x1b\[([?\d;]*)([A-Za-z])|([^\x1b]+)/g)) {
				if (text !== undefined) lines[row] += text;
				else if (final === 'H') row = params ? Number(params.split(';')[0]) - 1 : 0;
				else if (final === 'J') lines.fill('');
				else if (final === 'K') lines[row] = '';
			}
		}
		return lines;
	}
}

const painted = (terminal: FakeTerminal): string => terminal.written.at(-1)!;

describe('paintFrame', () => {
	test('the first frame clears the screen and writes every line at its row', () => {
		expect(paintFrame(undefined, ['top', 'bar'], 2)).toBe('\x1b[H\x1b[2J\x1b[1;1H\x1b[2Ktop\x1b[2;1H\x1b[2Kbar');
	});

	test('then only the lines that changed', () => {
		expect(paintFrame(['top', 'a', 'bar'], ['top', 'b', 'bar'], 3)).toBe('\x1b[2;1H\x1b[2Kb');
		expect(paintFrame(['top', 'a', 'bar'], ['top', 'a', 'bar'], 3)).toBe('');
	});

	test('a shorter frame erases the lines it no longer holds; a taller one is cut at the last row', () => {
		expect(paintFrame(['a', 'b', 'c'], ['a'], 3)).toBe('\x1b[2;1H\x1b[2K\x1b[3;1H\x1b[2K');
		expect(paintFrame(undefined, ['a', 'b', 'c'], 2)).not.toContain('c');
	});
});

describe('createPainter', () => {
	test('Ink writes frames to it; the terminal shows them, the last line holding the bottom bar', () => {
		const terminal = new FakeTerminal(20, 4);
		const painter = createPainter(terminal as unknown as NodeJS.WriteStream);
		painter.stdout.write('top\nrow 1\nrow 2\n row 1/2');
		expect(terminal.screen()).toEqual(['top', 'row 1', 'row 2', ' row 1/2']);
		painter.stdout.write('top\nrow 1\nrow 2\n row 2/2');
		expect(painted(terminal)).toBe('\x1b[?2026h\x1b[4;1H\x1b[2K row 2/2\x1b[?2026l');
		expect(terminal.screen()).toEqual(['top', 'row 1', 'row 2', ' row 2/2']);
	});

	test('writes are wrapped in synchronized-update marks so a terminal that knows them shows no half frame', () => {
		const terminal = new FakeTerminal(20, 2);
		createPainter(terminal as unknown as NodeJS.WriteStream).stdout.write('a\nb');
		expect(painted(terminal).startsWith('\x1b[?2026h')).toBe(true);
		expect(painted(terminal).endsWith('\x1b[?2026l')).toBe(true);
	});

	test('after a resize or invalidate() the next frame is painted whole', () => {
		const terminal = new FakeTerminal(20, 3);
		const painter = createPainter(terminal as unknown as NodeJS.WriteStream);
		painter.stdout.write('a\nb\nc');
		terminal.columns = 30;
		painter.stdout.write('a\nb\nc');
		expect(painted(terminal)).toContain('\x1b[2J');
		painter.stdout.write('a\nb\nc');
		expect(terminal.written).toHaveLength(2);
		painter.invalidate();
		painter.stdout.write('a\nb\nc');
		expect(painted(terminal)).toContain('\x1b[2J');
		expect(terminal.screen()).toEqual(['a', 'b', 'c']);
	});

	test('size, events and the empty barrier write with its callback are the terminal\'s own', () => {
		const terminal = new FakeTerminal(80, 24);
		const {stdout} = createPainter(terminal as unknown as NodeJS.WriteStream);
		expect([stdout.columns, stdout.rows, stdout.isTTY]).toEqual([80, 24, true]);
		let resized = 0;
		stdout.on('resize', () => resized++);
		terminal.emit('resize');
		expect(resized).toBe(1);
		let flushed = false;
		stdout.write('', () => (flushed = true));
		expect(flushed).toBe(true);
		expect(terminal.written).toEqual(['']);
	});
});
