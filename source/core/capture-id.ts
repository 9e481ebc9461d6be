// Whether a guest trace.dat was recorded with this host trace.dat. trace-cmd gives every
// recording a TRACEID, and a guest's TIME_SHIFT option names the TRACEID of the host
// recording it synchronised with (docs/tracedat-format.md): when both are known and differ, the two
// files are not one capture, whatever their timestamps say.

import type {Trace} from '../model/trace.js';

export interface OtherCapture {
	/** The host file's own TRACEID. */
	hostTraceId: bigint;
	/** The host TRACEID the guest's TIME_SHIFT option names. */
	peerTraceId: bigint;
}

/** The two ids when they differ; undefined when they match or either is unknown (text input). */
export function otherCapture(host: Trace, guest: Trace): OtherCapture | undefined {
	const hostTraceId = host.meta?.traceId;
	const peerTraceId = guest.meta?.timeShift?.peerTraceId;
	if (hostTraceId === undefined || peerTraceId === undefined || hostTraceId === peerTraceId) return undefined;
	return {hostTraceId, peerTraceId};
}

/** A trace id as the docs write it: 0x and 16 upper-case hex digits. */
export function traceIdText(id: bigint): string {
	return `0x${id.toString(16).toUpperCase().padStart(16, '0')}`;
}
