// Every key the viewer knows, as the help overlay (and the README) list them.

export const HELP_KEYS: [string, string][] = [
	['j k  Down Up  ^N ^P', 'next / previous row (a count first: 5j)'],
	['Space PgDn ^F f', 'page down'],
	['b PgUp ^B', 'page up'],
	['^D ^U  d u', 'half a page down / up'],
	['g Home <', 'first row (5g: row 5)'],
	['G End >', 'last row (5G: row 5)'],
	[']  [', 'next / previous offset-epoch start (selected vCPU; any when all shown)'],
	['}  {', 'next / previous flagged row'],
	['v  V', 'vCPU filter: all, 0, 1, ... (V: backwards)'],
	['/', 'search (regex, plain text if invalid; case-insensitive unless upper case)'],
	['n  N', 'next / previous match (wraps around)'],
	[':', 'go to a row number, a host TSC (t<TSC> forces one) or N%'],
	['Enter', 'detail pane on / off'],
	['Tab', 'detail pane: the other side (host event around a guest row, or the reverse)'],
	['Left Right', 'scroll the event text sideways'],
	['?', 'this help (Esc, ? or q closes it)'],
	['Esc', 'close a prompt, help or the detail pane; stop a search; clear the highlight'],
	['q  ^C', 'quit'],
	['^Z', 'suspend (fg to come back)'],
];

export const HELP_LEGEND: [string, string][] = [
	['┌ │ └', "selected vCPU's run window: kvm_entry, inside, kvm_exit"],
	['N  n', 'non-monotonic region: its first event, inside it'],
	['A2', 'ambiguous, with the number of candidate host TSCs'],
	['U', 'unresolved (Enter shows why)'],
	['O', 'unresolved: outside every run window'],
	['L', 'events lost on that CPU just before'],
	['W', 'offset write after a lost write'],
	['?', 'host-TSC column of an unresolved guest event'],
];
