// `tscalign simulate DIR`: writes a host/guest pair with a known truth, to try the tool on:
// a named scenario, or with --events N a lab-like pair of about N events.

import {InputError} from '../model/errors.js';
import {randomPlan} from '../sim/random-plan.js';
import {scenario, SCENARIOS, type Scenario, type ScenarioName} from '../sim/scenarios.js';
import {MAX_EVENTS, sizedPlanOptions} from '../sim/sized.js';
import {writeCapture} from '../sim/write-files.js';
import {escapeControl} from '../display/escape.js';
import {plural} from '../display/plural.js';
import {reportError, type Io} from '../outputs/errors.js';

export interface SimulateFlags {
	scenario?: string;
	seed?: string;
	events?: string;
	guests?: string;
}

function sized(text: string, seed: number): Scenario & {name: string} {
	const events = Number(text);
	if (!/^\d+$/.test(text.trim()) || events < 100 || events > MAX_EVENTS) {
		throw new InputError('usage', `--events takes a whole number of events from 100 to ${MAX_EVENTS}, not "${text}".`);
	}
	return {name: `${events} events`, plan: randomPlan(seed, sizedPlanOptions(events)), flags: [], description: 'a lab-like capture: four vCPUs, offset writes both ways, a vCPU without run windows, lost events.'};
}

function guestCount(text: string | undefined, name: ScenarioName): number {
	if (text === undefined) return 1;
	const n = Number(text.trim());
	if (!/^\d+$/.test(text.trim()) || n < 1 || n > 16) throw new InputError('usage', `--guests takes a number of guests from 1 to 16, not "${text}".`);
	if (name !== 'random' && n > 1) throw new InputError('usage', `--guests goes with --scenario random; ${name} has its own number of guests.`);
	return n;
}

export function runSimulate(dir: string, flags: SimulateFlags, io: Io): number {
	try {
		const seed = flags.seed === undefined ? 1 : Number(flags.seed);
		if (!Number.isInteger(seed) || seed < 0) throw new InputError('usage', `--seed takes a non-negative integer, not "${flags.seed}".`);
		if (flags.events !== undefined && flags.scenario !== undefined) throw new InputError('usage', 'simulate takes --scenario or --events, not both.');
		let s: Scenario & {name: string};
		if (flags.events !== undefined && flags.guests !== undefined) throw new InputError('usage', '--guests goes with --scenario random, not --events.');
		if (flags.events !== undefined) s = sized(flags.events, seed);
		else {
			const name = (flags.scenario ?? 'demo') as ScenarioName;
			if (!SCENARIOS.includes(name)) {
				throw new InputError('usage', `--scenario takes one of ${SCENARIOS.join(', ')}, not "${flags.scenario}".`);
			}
			s = {name, ...scenario(name, seed, guestCount(flags.guests, name))};
		}
		const written = writeCapture(s.plan, dir);
		const flagText = s.flags.length > 0 ? ` ${s.flags.join(' ')}` : '';
		const several = written.guestFiles.length > 1;
		// DIR is the user's, and may hold line breaks or escape sequences: never raw on the terminal.
		const host = escapeControl(written.host);
		const guestFiles = written.guestFiles.map(escapeControl);
		const guests = guestFiles.map((file, k) => `${file} (${plural(written.guests[k]?.guestEvents ?? written.guestEvents, 'event')})`);
		const truth = several ? written.guestFiles.map((_, k) => `truth${k + 1}.tsv`).join(', ') : 'truth.tsv';
		const files = guestFiles.join(' ');
		io.stdout.write(
			`${s.name}: ${s.description}\n` +
				`wrote ${host} (${plural(written.hostEvents, 'event')}), ${guests.join(', ')} and ${truth}\n` +
				`try: tscalign check ${host} ${files}${flagText}\n` +
				`     tscalign ${host} ${files}${flagText}   (the viewer)\n`,
		);
		return 0;
	} catch (error) {
		return reportError(error, io);
	}
}
