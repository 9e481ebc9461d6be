// Looks by meaning. NO_COLOR removes colour only: the cursor row stays inverse, search matches
// underlined and bold, the bars inverse, so nothing is lost without colour. Ink ignores
// NO_COLOR on a terminal, so the looks leave colours out themselves (read once, as chalk does).

import type {FlagKind} from './cells.js';

export interface Look {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	inverse?: boolean;
	underline?: boolean;
}

export const COLOUR = !process.env['NO_COLOR'];

const tint = (color: string, rest: Look = {}): Look => (COLOUR ? {color, ...rest} : rest);

export const look = {
	bar: {inverse: true} as Look,
	header: {bold: true} as Look,
	host: tint('cyan'),
	guest: tint('green'),
	event: {bold: true} as Look,
	window: tint('blue'),
	mark: tint('magenta', {bold: true}),
	match: (COLOUR ? {color: 'black', backgroundColor: 'yellow'} : {underline: true, bold: true}) as Look,
	error: tint('red', {bold: true}),
	info: tint('yellow'),
	dim: {dimColor: true} as Look,
	title: {bold: true} as Look,
};

export const flagLook: Record<FlagKind, Look> = {
	region: tint('magenta', {bold: true}),
	ambiguous: tint('yellow', {bold: true}),
	unresolved: tint('red', {bold: true}),
	lost: tint('red'),
};
