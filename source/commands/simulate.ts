// `tscalign simulate DIR`: writes a host/guest pair with a known truth, to try the tool on.

import {InputError} from '../model/errors.js';
import {scenario, SCENARIOS, type ScenarioName} from '../sim/scenarios.js';
import {writeCapture} from '../sim/write-files.js';
import {reportError, type Io} from '../outputs/errors.js';

export interface SimulateFlags {
	scenario?: string;
	seed?: string;
}

export function runSimulate(dir: string, flags: SimulateFlags, io: Io): number {
	try {
		const name = (flags.scenario ?? 'demo') as ScenarioName;
		if (!SCENARIOS.includes(name)) {
			throw new InputError('usage', `--scenario takes one of ${SCENARIOS.join(', ')}, not "${flags.scenario}".`);
		}
		const seed = flags.seed === undefined ? 1 : Number(flags.seed);
		if (!Number.isInteger(seed) || seed < 0) throw new InputError('usage', `--seed takes a non-negative integer, not "${flags.seed}".`);
		const s = scenario(name, seed);
		const written = writeCapture(s.plan, dir);
		const flagText = s.flags.length > 0 ? ` ${s.flags.join(' ')}` : '';
		io.stdout.write(
			`${name}: ${s.description}\n` +
				`wrote ${written.host} (${written.hostEvents} events), ${written.guest} (${written.guestEvents} events) and truth.tsv\n` +
				`try: tscalign check ${written.host} ${written.guest}${flagText}\n`,
		);
		return 0;
	} catch (error) {
		return reportError(error, io);
	}
}
