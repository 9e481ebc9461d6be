// `tscalign merge`: every event of both files once, in host-TSC order.
//
// Lines are built directly as strings (no object per event) and the JSON or escaped form of
// each task and event name is made once per distinct name: `merge --json` on millions of
// events spends its time here. `export` gives each event the same JSON object as its args.

import type {Alignment} from '../core/align.js';
import {sourceOf, Status} from '../core/assign.js';
import type {Epoch} from '../core/epochs.js';
import {mergedOrder} from '../core/order.js';
import {reasonText} from '../core/reasons.js';
import type {Trace} from '../model/trace.js';
import {escapeControl, jsonString} from '../display/escape.js';
import type {Output} from './line-output.js';
import type {OutputFormat} from './output-format.js';

const STATUS = ['exact', 'ambiguous', 'unresolved'] as const;
const TSC_WIDTH = 20;
const LABEL_WIDTH = 14;
const LABELS = STATUS.map((s) => s.padEnd(LABEL_WIDTH));
/** What a host line has where a guest line has its guest TSC and status. */
const HOST_GAP = ` H ${''.padEnd(TSC_WIDTH + 2 + LABEL_WIDTH)} `;

/** A string per interned id, made on first use. */
function perId(values: readonly string[], make: (value: string) => string): (id: number) => string {
	const cache: (string | undefined)[] = [];
	return (id) => (cache[id] ??= make(values[id]!));
}

export interface Side {
	trace: Trace;
	name: (id: number) => string;
	comm: (id: number) => string;
	/** `[007]`, made once per CPU. */
	cpu: (cpu: number) => string;
}

export function side(trace: Trace, json: boolean): Side {
	const make = json ? jsonString : escapeControl;
	const cpus: string[] = [];
	const cpu = (n: number): string => (cpus[n] ??= `[${String(n).padStart(3, '0')}]`);
	return {trace, name: perId(trace.names, make), comm: perId(trace.comms, make), cpu};
}

export function hostJson(s: Side, i: number): string {
	const t = s.trace;
	const tgid = t.hasTgid ? `,"tgid":${t.tgid[i]! >= 0 ? t.tgid[i] : 'null'}` : '';
	return `{"src":"host","line":${t.line[i]},"cpu":${t.cpu[i]},"task":${s.comm(t.comm[i]!)},"pid":${t.pid[i]},"event":${s.name(t.name[i]!)},"text":${jsonString(t.text(i))},"tsc":"${t.tsc[i]}"${tgid}}`;
}

function offsetSource(epochs: readonly Epoch[], a: Alignment, j: number): string | null {
	const status = a.results.status[j]!;
	if (status === Status.Exact) return epochs[a.results.epoch[j]!]!.source;
	const candidates = a.results.candidates.get(j);
	return candidates ? (sourceOf(epochs, candidates.epochs) ?? null) : null;
}

export function guestJson(s: Side, a: Alignment, epochsOf: (vcpu: number) => readonly Epoch[], j: number): string {
	const t = s.trace;
	const {results} = a;
	const status = results.status[j]! as Status;
	const vcpu = results.vcpu[j]!;
	const source = offsetSource(epochsOf(vcpu), a, j);
	let tsc = 'null';
	let candidates = '[]';
	if (status === Status.Exact) {
		tsc = `"${results.hostTsc[j]}"`;
		candidates = `[${tsc}]`;
	} else if (status === Status.Ambiguous) {
		tsc = `"${results.hostTsc[j]}"`;
		candidates = `[${results.candidates.get(j)!.tsc.map((c) => `"${c}"`).join(',')}]`;
	}
	const epoch = status === Status.Exact ? String(results.epoch[j]) : 'null';
	const reason = status === Status.Unresolved ? jsonString(reasonText(results.reason[j]!, vcpu)) : 'null';
	return (
		`{"src":"guest","line":${t.line[j]},"cpu":${t.cpu[j]},"task":${s.comm(t.comm[j]!)},"pid":${t.pid[j]},"event":${s.name(t.name[j]!)},"text":${jsonString(t.text(j))},` +
		`"tsc":${tsc},"vcpu":${vcpu},"guest_tsc":"${t.tsc[j]}","status":"${STATUS[status]}","epoch":${epoch},"candidates":${candidates},"reason":${reason},"offset_source":${source === null ? 'null' : `"${source}"`}}`
	);
}

function hostLine(s: Side, i: number): string {
	const t = s.trace;
	return `${String(t.tsc[i]).padStart(TSC_WIDTH)}${HOST_GAP}${s.comm(t.comm[i]!)}-${t.pid[i]} ${s.cpu(t.cpu[i]!)} ${s.name(t.name[i]!)}: ${escapeControl(t.text(i))}`;
}

function guestLine(s: Side, a: Alignment, j: number): string {
	const t = s.trace;
	const {results} = a;
	const status = results.status[j]! as Status;
	const tsc = status === Status.Unresolved ? '-' : String(results.hostTsc[j]);
	const label = status === Status.Ambiguous ? `ambiguous(${results.candidates.get(j)!.tsc.length})`.padEnd(LABEL_WIDTH) : LABELS[status]!;
	return `${tsc.padStart(TSC_WIDTH)} G g=${String(t.tsc[j]).padEnd(TSC_WIDTH)} ${label} ${s.comm(t.comm[j]!)}-${t.pid[j]} ${s.cpu(t.cpu[j]!)} ${s.name(t.name[j]!)}: ${escapeControl(t.text(j))}`;
}

export async function writeMerge(a: Alignment, json: boolean, out: Output): Promise<void> {
	const order = mergedOrder(a);
	const hostCount = a.host.count;
	const host = side(a.host, json);
	const guest = side(a.guest, json);
	const byVcpu = new Map(a.vcpus.map((v) => [v.vcpu, v.epochs]));
	const epochsOf = (vcpu: number): readonly Epoch[] => byVcpu.get(vcpu) ?? [];
	for (let k = 0; k < order.length; k++) {
		const id = order[k]!;
		let text: string;
		if (id < hostCount) text = json ? hostJson(host, id) : hostLine(host, id);
		else text = json ? guestJson(guest, a, epochsOf, id - hostCount) : guestLine(guest, a, id - hostCount);
		const wait = out.line(text);
		if (wait) await wait;
	}
	await out.flush();
}

export const mergeTextOutput: OutputFormat = {
	command: 'merge',
	name: 'text',
	write: (alignment, out) => writeMerge(alignment, false, out).then(() => 0),
};

export const mergeJsonOutput: OutputFormat = {
	command: 'merge',
	name: 'json',
	write: (alignment, out) => writeMerge(alignment, true, out).then(() => 0),
};
