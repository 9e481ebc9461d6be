// Colours by meaning. Ink drops them all when colour is off (NO_COLOR sets FORCE_COLOR=0
// before Ink loads), so nothing may depend on colour alone: the cursor row has a `>` mark
// and flags are letters.

import type {FlagKind} from './cells.js';

export interface Look {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	inverse?: boolean;
}

export const look = {
	bar: {inverse: true} as Look,
	header: {bold: true, dimColor: true} as Look,
	tsc: {dimColor: false} as Look,
	host: {color: 'cyan'} as Look,
	guest: {color: 'green'} as Look,
	guestTsc: {color: 'greenBright', dimColor: true} as Look,
	window: {color: 'blue'} as Look,
	match: {color: 'black', backgroundColor: 'yellow'} as Look,
	error: {color: 'red', bold: true} as Look,
	info: {color: 'yellow'} as Look,
	dim: {dimColor: true} as Look,
	title: {bold: true} as Look,
};

export const flagLook: Record<FlagKind, Look> = {
	region: {color: 'magenta', bold: true},
	ambiguous: {color: 'yellow', bold: true},
	unresolved: {color: 'red', bold: true},
	lost: {color: 'red'},
};
