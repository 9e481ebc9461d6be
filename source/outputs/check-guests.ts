// `tscalign check HOST GUEST GUEST...`: the check report of each guest file (check-report.ts),
// the VMs none of them was compared with, and one verdict over all; the exit code is the worst.

import type {GuestsAlignment} from '../core/align-guests.js';
import {plural} from '../display/plural.js';
import {checkReport, fileSummary, vmSummary, type CheckReport, type FileSummary} from './check-report.js';

export type GuestCheck = {guest: number; guest_file: string; file: FileSummary} & Omit<CheckReport, 'host' | 'guest' | 'other_vms'>;

export interface GuestsCheckReport {
	host: FileSummary;
	guests: GuestCheck[];
	/** VMs on the host that no guest file was compared with. */
	other_vms: CheckReport['other_vms'];
	guest_events: number;
	exact: number;
	ambiguous: number;
	unresolved: number;
	verdict: string;
	/** The worst of the guests' exit codes. */
	exit_code: 0 | 1;
}

export function guestsCheckReport(aligned: GuestsAlignment): GuestsCheckReport {
	const guests = aligned.guests.map((a, g): GuestCheck => {
		const {host: _host, guest, other_vms: _others, ...rest} = checkReport(a);
		return {guest: g + 1, guest_file: a.guest.file, file: guest, ...rest};
	});
	const compared = new Set(aligned.guests.flatMap((a) => a.vm.threads.map((t) => t.pid)));
	const vms = aligned.guests[0]?.vms ?? [];
	const total = (pick: (g: GuestCheck) => number): number => guests.reduce((n, g) => n + pick(g), 0);
	const r = {guest_events: total((g) => g.guest_events), exact: total((g) => g.exact), ambiguous: total((g) => g.ambiguous), unresolved: total((g) => g.unresolved)};
	const worst = guests.some((g) => g.exit_code !== 0) ? 1 : 0;
	const doubtful = guests.filter((g) => g.exit_code !== 0).map((g) => `g${g.guest}: ${g.verdict}`);
	const verdict =
		worst === 0
			? `all ${plural(r.guest_events, 'guest event')} of ${guests.length} guests converted exactly`
			: `${r.exact} of ${plural(r.guest_events, 'guest event')} of ${guests.length} guests exact; ${doubtful.join('; ')}`;
	return {
		host: fileSummary(aligned.host),
		guests,
		other_vms: vms.filter((vm) => vm.threads.every((t) => !compared.has(t.pid))).map(vmSummary),
		...r,
		verdict,
		exit_code: worst,
	};
}
