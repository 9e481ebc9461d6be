// `tscalign simulate DIR`: writes a host/guest pair with a known truth, to try the tool on:
// a named scenario, or with --events N a lab-like pair of about N events.

import {InputError} from '../model/errors.js';
import {randomPlan} from '../sim/random-plan.js';
import {scenario, SCENARIOS, type Scenario, type ScenarioName} from '../sim/scenarios.js';
import {MAX_EVENTS, sizedPlanOptions} from '../sim/sized.js';
import {writeCapture} from '../sim/write-files.js';
import {plural} from '../display/plural.js';
import {reportError, type Io} from '../outputs/errors.js';

export interface SimulateFlags {
	scenario?: string;
	seed?: string;
	events?: string;
}

function sized(text: string, seed: number): Scenario & {name: string} {
	const events = Number(text);
	if (!/^\d+$/.test(text.trim()) || events < 100 || events > MAX_EVENTS) {
		throw new InputError('usage', `--events takes a whole number of events from 100 to ${MAX_EVENTS}, not "${text}".`);
	}
	return {name: `${events} events`, plan: randomPlan(seed, sizedPlanOptions(events)), flags: [], description: 'a lab-like capture: four vCPUs, offset writes both ways, a vCPU without run windows, lost events.'};
}

export function runSimulate(dir: string, flags: SimulateFlags, io: Io): number {
	try {
		const seed = flags.seed === undefined ? 1 : Number(flags.seed);
		if (!Number.isInteger(seed) || seed < 0) throw new InputError('usage', `--seed takes a non-negative integer, not "${flags.seed}".`);
		if (flags.events !== undefined && flags.scenario !== undefined) throw new InputError('usage', 'simulate takes --scenario or --events, not both.');
		let s: Scenario & {name: string};
		if (flags.events !== undefined) s = sized(flags.events, seed);
		else {
			const name = (flags.scenario ?? 'demo') as ScenarioName;
			if (!SCENARIOS.includes(name)) {
				throw new InputError('usage', `--scenario takes one of ${SCENARIOS.join(', ')}, not "${flags.scenario}".`);
			}
			s = {name, ...scenario(name, seed)};
		}
		const written = writeCapture(s.plan, dir);
		const flagText = s.flags.length > 0 ? ` ${s.flags.join(' ')}` : '';
		io.stdout.write(
			`${s.name}: ${s.description}\n` +
				`wrote ${written.host} (${plural(written.hostEvents, 'event')}), ${written.guest} (${plural(written.guestEvents, 'event')}) and truth.tsv\n` +
				`try: tscalign check ${written.host} ${written.guest}${flagText}\n` +
				`     tscalign ${written.host} ${written.guest}${flagText}   (the viewer)\n`,
		);
		return 0;
	} catch (error) {
		return reportError(error, io);
	}
}
