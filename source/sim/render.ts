// Event lines exactly as ftrace's `trace` file and `trace-cmd report --raw-ts` print them
// (docs/text-formats.md), in each kernel generation's kvm text (docs/domain.md §9).

import type {KvmStyle, TextStyle} from './plan.js';

export interface LineEvent {
	tsc: bigint;
	cpu: number;
	comm: string;
	pid: number;
	tgid: number;
	name: string;
	text: string;
}

const FLAGS: Record<4 | 5, readonly string[]> = {
	4: ['d..2', '....', 'dN.1', 'd.h1'],
	5: ['d..2.', '.....', 'dNh1.', 'd..1.'],
};

export function renderLine(e: LineEvent, style: TextStyle): string {
	const cpu = String(e.cpu).padStart(3, '0');
	if (style.kind === 'report') {
		const name = `${e.name}:`;
		return `${e.comm.padStart(16)}-${String(e.pid).padEnd(5)} [${cpu}]${String(e.tsc).padStart(12)}: ${name.padEnd(21)} ${e.text}`;
	}
	const tgid = style.tgid ? `(${String(e.tgid).padStart(7)}) ` : '';
	const flags = style.flags === 0 ? '' : `${FLAGS[style.flags][(e.pid + e.cpu) % 4]} `;
	return `${e.comm.padStart(16)}-${String(e.pid).padEnd(style.pidWidth)} ${tgid}[${cpu}] ${flags}${String(e.tsc).padStart(12)}: ${e.name}: ${e.text}`;
}

export function headerLines(style: TextStyle, cpus: number): string[] {
	if (style.kind === 'report') return [`cpus=${cpus}`];
	const tgid = style.tgid ? '  TGID   ' : '';
	return ['# tracer: nop', '#', `#           TASK-PID   ${tgid} CPU#  |||||  TIMESTAMP  FUNCTION`, '#              | |         |   |||||     |         |'];
}

export function lostLine(cpu: number, count: number): string {
	return `CPU:${cpu} [LOST ${count} EVENTS]`;
}

function rip(seed: bigint): string {
	return `0xffffffff81${(seed & 0xffffffn).toString(16).padStart(6, '0')}`;
}

export function entryText(vcpu: number, style: KvmStyle, seed: bigint): string {
	if (style === 'old') return `vcpu ${vcpu}`;
	if (style === 'plugin') return `vcpu ${vcpu} rip ${rip(seed)}`;
	return `vcpu ${vcpu}, rip ${rip(seed)}`;
}

export function exitText(vcpu: number, reason: string, style: KvmStyle, seed: bigint): string {
	if (style === 'new') {
		return `vcpu ${vcpu} reason ${reason} rip ${rip(seed)} info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000`;
	}
	return `reason ${reason} rip ${rip(seed)} info 0 0`;
}

export function writeText(vcpu: number, prev: bigint, next: bigint): string {
	return `vcpu=${vcpu} prev=${prev} next=${next}`;
}

export function msrText(msr: number, value: bigint): string {
	return `msr_write ${msr.toString(16)} = 0x${value.toString(16)}`;
}
