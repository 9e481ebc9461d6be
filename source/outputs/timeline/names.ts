// What the export calls its processes, and what it says about unresolved events.

import path from 'node:path';
import type {Alignment, VcpuReport} from '../../core/align.js';
import type {Trace} from '../../model/trace.js';
import {plural} from '../../display/plural.js';

function fileName(trace: Trace): string {
	return trace.file === '-' ? 'standard input' : path.basename(trace.file);
}

/** The machine's name from a trace.dat's uname (`Linux pamhal 6.5.0 ...`); text traces have none. */
export function hostname(trace: Trace): string | undefined {
	return trace.meta?.uname?.split(' ')[1] || undefined;
}

/** The name trace-cmd gave the VM (`-A ... --name`), from the host file's GUEST option. */
export function vmName(a: Alignment): string | undefined {
	const pids = new Set(a.vm.threads.map((t) => t.pid));
	return a.host.meta?.guests.find((g) => g.vcpus.some((v) => pids.has(v.pid)))?.name || undefined;
}

export function hostProcessName(host: Trace): string {
	const name = hostname(host);
	return `host${name ? ` ${name}` : ''} (${fileName(host)})`;
}

/** `position`: the guest's place among several (1-based), named G1, G2 as in `merge`. */
export function guestProcessName(a: Alignment, position?: number): string {
	const names = [vmName(a), hostname(a.guest)].filter((n, k, all) => n !== undefined && all.indexOf(n) === k);
	return `${position === undefined ? '' : `G${position} `}guest${names.map((n) => ` ${n}`).join('')} (${fileName(a.guest)}), VM ${a.vm.id}`;
}

export type UnresolvedBy = VcpuReport['unresolvedBy'];

export function unresolvedBy(a: Alignment): UnresolvedBy {
	const by: UnresolvedBy = {noOffset: 0, outsideWindows: 0, outsideEpochs: 0, order: 0};
	for (const v of a.vcpus) for (const key of Object.keys(by) as (keyof UnresolvedBy)[]) by[key] += v.unresolvedBy[key];
	return by;
}

const WORDS: Record<keyof UnresolvedBy, string> = {
	noOffset: 'with no known offset',
	outsideWindows: 'outside every run window',
	outsideEpochs: 'outside every offset epoch',
	order: 'out of time order',
};

/** The one line `export` prints about unresolved events, or undefined when there are none. */
export function unresolvedNote(a: Alignment): string | undefined {
	const total = a.vcpus.reduce((n, v) => n + v.unresolved, 0);
	if (total === 0) return undefined;
	const by = unresolvedBy(a);
	const why = (Object.keys(WORDS) as (keyof UnresolvedBy)[]).filter((k) => by[k] > 0).map((k) => `${by[k]} ${WORDS[k]}`);
	return `${plural(total, 'unresolved guest event')} ${total === 1 ? 'has' : 'have'} no host time and ${total === 1 ? 'is' : 'are'} not on the timeline (${why.join(', ')}); the export's metadata counts them, and \`tscalign check\` explains them.`;
}
