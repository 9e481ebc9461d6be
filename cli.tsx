#!/usr/bin/env node
// Entry point: parse the command line and dispatch. The work lives in source/.

import meow from 'meow';
import {runCheck, runMerge} from './source/commands/run.js';
import type {Io} from './source/outputs/errors.js';
import {writeFailure} from './source/display/write-failure.js';

const cli = meow(
	`
	Usage
	  $ tscalign merge HOST GUEST [options]   every event of both traces in host-TSC order
	  $ tscalign check HOST GUEST [options]   sanity check of the conversion after a capture
	  $ tscalign HOST GUEST [options]         browse both traces side by side on the host clock in a
	                                          full-screen viewer (? lists its keys); when stdout is not
	                                          a terminal, prints the check summary instead
	  $ tscalign simulate DIR [--scenario NAME] [--seed N]
	                                          write a simulated host/guest pair with its truth

	HOST and GUEST are ftrace text (/sys/kernel/tracing/trace), \`trace-cmd report --raw-ts\`
	text or trace-cmd trace.dat files (v6/v7, any compression), recorded with the x86-tsc
	clock; .gz files are read as they are.

	Options
	  --json                    merge: JSON Lines, one object per event; check: one JSON object
	  --vm ID[,ID...]           the guest's VM on the host: its tgid, or its vCPU threads' pids
	  --offset OFF              TSC offset for vCPUs with no traced kvm_write_tsc_offset, in KVM's
	                            convention (guest = host + OFF), signed or as printed u64
	  --offset VCPU=OFF         the same for one vCPU (repeat the flag for several)
	  --tsc-ratio N             TSC scaling ratio of a scaled guest (guest = host * N >> F + OFF)
	  --tsc-frac-bits F         fraction bits of the ratio (default 48; 32 on AMD)
	  --vcpu-map 0=2,1=3        guest CPU to vCPU (default: guest CPU n is vCPU n)
	  --no-recover              do not recover offsets from run windows when no write,
	                            --offset or TIME_SHIFT gives one
	  --format FORMAT           auto (default), ftrace, report or dat
	  --instance NAME           trace.dat: read only buffer instance NAME, or top for the
	                            top-level buffer (default: every buffer, merged by time)
	  --scenario NAME           simulate: demo, forward-write, backward-write, ambiguous,
	                            two-vms, no-write, scaled or random (default demo)

	Exit codes
	  0  check: every guest event converted exactly; merge: printed
	  1  check: some guest events are ambiguous or unresolved, or none lies inside the host trace
	  2  usage or input error

	Examples
	  $ tscalign check examples/backward-write/host.txt examples/backward-write/guest.txt
	  $ tscalign merge host.txt guest.txt --json | jq 'select(.status == "ambiguous")'
	  $ tscalign check host.txt guest.txt --vm 483882 --offset -63430235715905
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: false,
		flags: {
			json: {type: 'boolean', default: false},
			vm: {type: 'string'},
			offset: {type: 'string', isMultiple: true},
			tscRatio: {type: 'string'},
			tscFracBits: {type: 'string'},
			vcpuMap: {type: 'string'},
			recover: {type: 'boolean', default: true},
			format: {type: 'string'},
			instance: {type: 'string'},
			scenario: {type: 'string'},
			seed: {type: 'string'},
		},
	},
);

const io: Io = {stdout: process.stdout, stderr: process.stderr};
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	// A closed pipe (`| head`) is a normal way to stop reading.
	if (error.code === 'EPIPE') process.exit(0);
	// A terminal that hung up: the viewer's own handler ends the process by SIGHUP.
	if (process.stdout.isTTY && (error.code === 'EIO' || error.code === 'ENXIO')) throw error;
	// A full disk or a write error: one sentence and exit 2, never a stack trace or a verdict.
	process.stderr.write(`tscalign: ${writeFailure('to standard output', error)}\n`);
	process.exit(2);
});

function usageError(message: string): never {
	process.stderr.write(`tscalign: ${message}\nRun \`tscalign --help\` for usage.\n`);
	process.exit(2);
}

async function main(): Promise<number> {
	// meow answers --help only when it is the sole argument; `tscalign merge --help` is help too.
	if ((cli.flags as {help?: boolean}).help) cli.showHelp(0);
	const [first, ...rest] = cli.input;
	if (first === 'simulate') {
		if (rest.length !== 1) usageError(`simulate needs one folder to write into; got ${rest.length}.`);
		// Loaded only here: merge and check start sooner without the simulator.
		const {runSimulate} = await import('./source/commands/simulate.js');
		return runSimulate(rest[0]!, cli.flags, io);
	}
	const command = first === 'merge' || first === 'check' ? first : undefined;
	const files = command ? rest : cli.input;
	if (files.length !== 2) {
		if (cli.input.length === 0) cli.showHelp(2);
		usageError(`${command ?? 'tscalign'} needs two files, HOST and GUEST; got ${files.length}.`);
	}
	const pair: [string, string] = [files[0]!, files[1]!];
	if (command === 'merge') return runMerge(pair, cli.flags, io);
	if (command === 'check') return runCheck(pair, cli.flags, io);
	return runViewer(pair);
}

/** The viewer on a terminal (Ink is loaded only here); elsewhere the check summary, as a pipe cannot browse. */
async function runViewer(pair: [string, string]): Promise<number> {
	if (process.stdout.isTTY) {
		const {openViewer} = await import('./source/viewer/open.js');
		const code = await openViewer(pair, cli.flags, io);
		if (code !== undefined) return code;
	}
	const code = await runCheck(pair, cli.flags, io);
	if (code !== 2) {
		process.stderr.write(
			'tscalign: not on a terminal, so this is the `check` summary; the viewer needs one, and `tscalign merge HOST GUEST` prints every event on the host clock.\n',
		);
	}
	return code;
}

// No top-level await: the launcher also runs this file bundled as CommonJS, which has none.
void main().then((code) => {
	process.exitCode = code;
});
