// The event rows go round Ink: Ink draws a placeholder per body line and the overlay puts
// each row's styled line in its place; nothing else in a frame is touched.

import chalk from 'chalk';
import {expect, test} from 'vitest';
import {BodyOverlay} from '../../source/viewer/body-overlay.js';
import {styled} from '../../source/viewer/styled.js';

test('each placeholder line of a frame becomes its row; other lines stay as Ink drew them', () => {
	const overlay = new BodyOverlay();
	overlay.set(['row one', 'row two']);
	const frame = ['top bar', overlay.placeholder(0), overlay.placeholder(1), ' row 1/2'].join('\n');
	expect(overlay.compose(frame)).toBe('top bar\nrow one\nrow two\n row 1/2');
});

test('placeholder characters inside a line of event text (the detail pane, a bar) are left alone', () => {
	const overlay = new BodyOverlay();
	overlay.set(['row one']);
	const hostile = ` raw: ${overlay.placeholder(0)} from the guest`;
	expect(overlay.compose(hostile)).toBe(hostile);
	// A placeholder for a line the body no longer has stays as it is rather than vanishing.
	expect(overlay.compose(overlay.placeholder(5))).toBe(overlay.placeholder(5));
});

test('a look is applied as Ink applies it, in the same chalk', () => {
	const previous = chalk.level;
	chalk.level = 1;
	try {
		expect(styled('kvm_entry', {bold: true})).toBe('\x1b[1mkvm_entry\x1b[22m');
		expect(styled('[001]', {color: 'cyan'})).toBe('\x1b[36m[001]\x1b[39m');
		expect(styled('x', {color: 'black', backgroundColor: 'yellow'})).toBe('\x1b[43m\x1b[30mx\x1b[39m\x1b[49m');
		expect(styled('>', undefined, true)).toBe('\x1b[7m>\x1b[27m');
		expect(styled('plain', undefined)).toBe('plain');
	} finally {
		chalk.level = previous;
	}
});
