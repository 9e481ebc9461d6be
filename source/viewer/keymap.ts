// Every key of the viewer, once: the key handling, the help overlay and the key tables of the
// README and docs/viewer.md (`npm run docs`) all come from this table. Each entry is one line
// of help; a line can bind keys in pairs (j and k), whose names are listed side by side.

export type Action =
	| {type: 'move'; delta: number}
	| {type: 'page'; pages: number}
	| {type: 'first'}
	| {type: 'last'}
	| {type: 'epoch'; dir: 1 | -1}
	| {type: 'flag'; dir: 1 | -1}
	| {type: 'status'; which: 'ambiguous' | 'unresolved'; dir: 1 | -1}
	| {type: 'vcpu'; dir: 1 | -1}
	| {type: 'prompt'; mode: 'search' | 'goto' | 'filter'}
	| {type: 'input'; text: string}
	| {type: 'backspace'}
	| {type: 'clear-input'}
	| {type: 'submit'}
	| {type: 'escape'}
	| {type: 'match'; dir: 1 | -1}
	| {type: 'detail'}
	| {type: 'tab'}
	| {type: 'help'}
	| {type: 'shift'; dir: 1 | -1}
	| {type: 'count'; digit: string}
	| {type: 'pending'; what: Pending}
	| {type: 'set-mark'; letter: string}
	| {type: 'jump-mark'; letter: string}
	| {type: 'candidate'; n: number}
	| {type: 'columns'}
	| {type: 'time'}
	| {type: 'mouse'}
	| {type: 'unknown'; key: string; hint?: string}
	| {type: 'suspend'}
	/** `interrupted`: Ctrl-C, which ends the viewer with 130 as it would any program. */
	| {type: 'quit'; interrupted?: boolean};

/** A key that waits for the next one: `m` a mark letter, `'` a mark to jump to, `@` a candidate number. */
export type Pending = 'mark' | 'jump' | 'candidate';

export interface KeyEntry {
	/** Keys and what each does; a pair is listed side by side (`j k  Down Up`). */
	bind: [keys: string[], action: Action][];
	/** How the help shows the keys, when not just their names (`m a-z`). */
	label?: string;
	/** Its line of help; `backticks` mark code for the docs and are not shown in the viewer. */
	help: string;
	/** A few words for the README's short table, beside the entry's first keys. */
	gist: string;
}

export interface KeySection {
	title: string;
	entries: KeyEntry[];
}

const move = (delta: number): Action => ({type: 'move', delta});
const page = (pages: number): Action => ({type: 'page', pages});

export const KEYMAP: KeySection[] = [
	{
		title: 'Moving',
		entries: [
			{bind: [[['j', 'Down', '^N'], move(1)], [['k', 'Up', '^P'], move(-1)]], help: 'next / previous row (a count first: `5j`)', gist: 'row'},
			{bind: [[[' ', 'PgDn', '^F', 'f'], page(1)]], label: 'Space PgDn ^F f', help: 'page down', gist: 'page down'},
			{bind: [[['b', 'PgUp', '^B'], page(-1)]], help: 'page up', gist: 'page up'},
			{bind: [[['^D', 'd'], page(0.5)], [['^U', 'u'], page(-0.5)]], help: 'half a page down / up', gist: 'half page'},
			{bind: [[['g', 'Home', '<'], {type: 'first'}]], help: 'first row (`5g`: row 5)', gist: 'first row'},
			{bind: [[['G', 'End', '>'], {type: 'last'}]], help: 'last row (`5G`: row 5)', gist: 'last row'},
			{bind: [[['WheelDown'], move(3)], [['WheelUp'], move(-3)]], label: 'wheel', help: 'scroll, once `M` turned the mouse on', gist: 'scroll (`M` on)'},
		],
	},
	{
		title: 'Jumping (\'\' comes back)',
		entries: [
			{bind: [[[']'], {type: 'epoch', dir: 1}], [['['], {type: 'epoch', dir: -1}]], help: 'next / previous offset-epoch start (selected vCPU; any when all shown)', gist: 'epoch start'},
			{bind: [[['}'], {type: 'flag', dir: 1}], [['{'], {type: 'flag', dir: -1}]], help: 'next / previous flagged row', gist: 'flagged row'},
			{bind: [[['a'], {type: 'status', which: 'ambiguous', dir: 1}], [['A'], {type: 'status', which: 'ambiguous', dir: -1}]], help: 'next / previous ambiguous guest event', gist: 'ambiguous'},
			{bind: [[['x'], {type: 'status', which: 'unresolved', dir: 1}], [['X'], {type: 'status', which: 'unresolved', dir: -1}]], help: 'next / previous unresolved guest event', gist: 'unresolved'},
			{bind: [[['/'], {type: 'prompt', mode: 'search'}]], help: 'search (regex, plain text if invalid; case-insensitive unless upper case)', gist: 'search'},
			{bind: [[['n'], {type: 'match', dir: 1}], [['N'], {type: 'match', dir: -1}]], help: 'next / previous match (wraps around)', gist: 'match'},
			{bind: [[[':'], {type: 'prompt', mode: 'goto'}]], help: 'go to a row number, a host TSC (`t<TSC>` forces one) or `N%`', gist: 'go to a row, host TSC or N%'},
			{bind: [[['m'], {type: 'pending', what: 'mark'}]], label: 'm a-z', help: 'set mark a-z on the cursor row (shown in the gutter)', gist: 'set mark a-z'},
			{bind: [[["'"], {type: 'pending', what: 'jump'}]], label: "' a-z  ''", help: "jump to a mark; `''` back to where the last jump came from", gist: "to mark a-z; `''` back"},
			{bind: [[['@'], {type: 'pending', what: 'candidate'}]], label: '@ 1-9', help: 'ambiguous event: go to where its candidate host TSC 1-9 lies', gist: 'to candidate 1-9'},
		],
	},
	{
		title: 'Showing',
		entries: [
			{bind: [[['&'], {type: 'prompt', mode: 'filter'}]], help: 'filter rows (`is:ambiguous`, `side:guest`, `event:kvm_*`, `!text`, ...; empty: all rows)', gist: 'filter rows (below)'},
			{bind: [[['v'], {type: 'vcpu', dir: 1}], [['V'], {type: 'vcpu', dir: -1}]], help: 'vCPU filter: all, 0, 1, ... (`V`: backwards)', gist: 'vCPU filter'},
			{bind: [[['c'], {type: 'columns'}]], help: 'columns: task event; + guest TSC; + pid/tgid', gist: 'columns'},
			{bind: [[['t'], {type: 'time'}]], help: 'time column: host TSC, since first, delta from the row above, delta from the mark', gist: 'time column'},
			{bind: [[['Left', 'h'], {type: 'shift', dir: -1}], [['Right', 'l'], {type: 'shift', dir: 1}]], help: "scroll the cursor lane's event text sideways", gist: 'text sideways'},
			{bind: [[['Enter'], {type: 'detail'}]], help: 'detail pane on / off', gist: 'detail pane'},
			{bind: [[['Tab'], {type: 'tab'}]], help: 'detail pane: the other side (host event around a guest row, or the reverse)', gist: 'its other side'},
			{bind: [[['M'], {type: 'mouse'}]], help: 'mouse wheel on / off (off: the terminal selects text)', gist: 'mouse'},
			{bind: [[['?'], {type: 'help'}]], help: 'this help (`Esc`, `?` or `q` closes it)', gist: 'help'},
			{bind: [[['Esc'], {type: 'escape'}]], help: 'close a prompt, help or the detail pane; stop a search; clear the highlight', gist: 'close, stop'},
			{bind: [[['q', 'Q', '^C'], {type: 'quit'}]], help: 'quit', gist: 'quit'},
			{bind: [[['^Z'], {type: 'suspend'}]], help: 'suspend (`fg` to come back)', gist: 'suspend'},
		],
	},
];

const SHOWN: Record<string, string> = {' ': 'Space', WheelDown: 'wheel', WheelUp: 'wheel'};

/** A key as help and docs name it: `Space`, `wheel`, `^D`. */
export const keyName = (key: string): string => SHOWN[key] ?? key;

/** The keys of an entry as help shows them: pairs side by side (`j k  Down Up  ^N ^P`). */
export function keyLabel(entry: KeyEntry): string {
	if (entry.label) return entry.label;
	const lists = entry.bind.map(([keys]) => keys.map(keyName));
	if (lists.length === 1) return lists[0]!.join(' ');
	const longest = Math.max(...lists.map((l) => l.length));
	const groups: string[] = [];
	for (let i = 0; i < longest; i++) groups.push(lists.map((l) => l[i]).filter(Boolean).join(' '));
	return groups.join('  ');
}

/** An entry's help as the viewer shows it: without the backticks that mark code in the docs. */
export const plainHelp = (entry: KeyEntry): string => entry.help.replaceAll('`', '');

/** Key name to action, from the table. */
export const KEY_ACTIONS: ReadonlyMap<string, Action> = new Map(KEYMAP.flatMap((s) => s.entries.flatMap((e) => e.bind.flatMap(([keys, action]) => keys.map((k) => [k, action] as const)))));

/** What the gutter letters and marks mean, for the help. */
export const LEGEND: [string, string][] = [
	['>', 'the cursor row'],
	['a-z', 'a mark set with m'],
	['┌ │ └', "selected vCPU's run window: kvm_entry, inside, kvm_exit"],
	['N  n', 'non-monotonic region: its first event, inside it'],
	['A2', 'ambiguous, with the number of candidate host TSCs'],
	['U', 'unresolved (Enter shows why)'],
	['O', 'unresolved: outside every run window'],
	['L', 'events lost on that CPU just before'],
	['W', 'offset write after a lost write'],
	['?', 'time column of an unresolved guest event'],
];
