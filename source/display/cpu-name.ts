// How messages name a CPU: every trace.dat buffer instance has its own CPU 0.

import {escapeControl} from './escape.js';

/** `CPU 1`, or `CPU 1 of buffer instance "x"` for a named instance ('' or none: top-level buffer, text). */
export function cpuName(cpu: number, buffer?: string | null): string {
	return buffer ? `CPU ${cpu} of buffer instance "${escapeControl(buffer)}"` : `CPU ${cpu}`;
}
