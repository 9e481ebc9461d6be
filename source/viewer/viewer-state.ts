// What the viewer holds between keys (ViewerState) and what a reducer may ask of the Viewer
// component (Effect). Types only, apart from state.ts's reducer, so moves.ts can share them.

import type {RowFilter} from './filter.js';
import type {Pending} from './keymap.js';
import type {ColumnSet} from './row-fields.js';
import type {EventId, RowModel} from './row-model.js';
import type {SearchPattern} from './search.js';
import type {TimeMode} from './time-column.js';
import type {Views} from './views.js';

export type Mode = 'normal' | 'search' | 'goto' | 'filter' | 'help';

export interface Message {
	text: string;
	error: boolean;
}

export interface ViewerState {
	/** vCPU filter (`v`); undefined shows every vCPU. */
	vcpuFilter: number | undefined;
	/** The row filter (`&`) in force, as typed; its matches are in Views. */
	rowFilter: string | undefined;
	cursor: number;
	top: number;
	/** vCPU whose epoch and run windows are shown: the filter's, else the last one the cursor was on. */
	selectedVcpu: number | undefined;
	mode: Mode;
	/** Text typed into the `/`, `:` or `&` prompt. */
	input: string;
	/** Digits typed before a command (vi count). */
	count: string;
	detail: boolean;
	/** Tab: the detail pane shows the other side's event nearest the cursor row. */
	detailOther: boolean;
	search: SearchPattern | undefined;
	message: Message | undefined;
	helpTop: number;
	/** Columns each lane's event text is scrolled right by. */
	shift: {host: number; guest: number};
	columns: ColumnSet;
	time: TimeMode;
	/** Marks set with `m`: letter to event. */
	marks: Record<string, EventId>;
	/** The mark set last: the time column's reference (else the `'` mark). */
	lastMark: string | undefined;
	/** The `'` mark: where the last jump came from. */
	previous: EventId | undefined;
	/** A key waiting for the next one (`m`, `'`, `@`). */
	pending: Pending | undefined;
	/** The ambiguous event whose candidates `@` went to, and the row it went to. */
	candidateOf: {id: EventId; row: number} | undefined;
	mouse: boolean;
}

export type Effect =
	| {type: 'search'; from: number; dir: 1 | -1}
	| {type: 'filter'; filter: RowFilter | undefined}
	| {type: 'mouse'; on: boolean}
	| {type: 'quit'; interrupted?: boolean}
	| {type: 'suspend'}
	| {type: 'cancel-search'};

export interface Context {
	model: RowModel;
	views: Views;
	/** Body rows on screen. */
	page: number;
	/** A search or a filter being scanned, if any. */
	scanning: 'search' | 'filter' | undefined;
}
