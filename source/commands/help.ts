// What `tscalign --help` and `tscalign COMMAND --help` print: the general usage, or one
// command's usage with only the options it takes. The options come from option-table.ts.

import {labelled} from '../display/wrap.js';
import {helpForms, type HelpPage} from './option-table.js';

/** The help's width: it is read over SSH on 80-column terminals, so no line is wider. */
export const HELP_WIDTH = 80;
/** The options' words start after a column this wide for their usage. */
const USAGE_WIDTH = 21;

/** A page's options, one per line, their words wrapped beside them. */
function options(page: HelpPage): string {
	return helpForms(page)
		.flatMap(({usage, help}) => labelled(usage, help, USAGE_WIDTH, HELP_WIDTH - USAGE_WIDTH - 2))
		.join('\n');
}

const INPUTS = `HOST and GUEST are ftrace text (/sys/kernel/tracing/trace),
\`trace-cmd report --raw-ts\` text or trace-cmd trace.dat files (v6/v7, any
compression), recorded with the x86-tsc clock; .gz files are read as they are.
Several GUEST files (HOST GUEST GUEST ...) are each matched to their VM;
--vm g2:ID and the like give one guest its options.`;

const EXIT_CODES = `Exit codes
  0  check: every guest event converted exactly; merge: printed
  1  check: some guest events are ambiguous or unresolved, or none lies inside
     the host trace
  2  usage or input error`;

const GENERAL = `
  Put a KVM guest's ftrace trace on the host's TSC clock, check the conversion,
  and browse both side by side

Usage
  $ tscalign HOST GUEST [options]
      browse both traces side by side on the host clock in a full-screen viewer
      (? lists its keys); when stdout is not a terminal, the check summary
  $ tscalign check HOST GUEST [options]
      sanity check of the conversion after a capture
  $ tscalign merge HOST GUEST [options]
      every event of both traces in host-TSC order
  $ tscalign export HOST GUEST -o FILE
      the aligned capture as a JSON trace for ui.perfetto.dev
  $ tscalign simulate DIR [--scenario NAME | --events N] [--seed N]
      write a simulated host/guest pair with its truth

  tscalign COMMAND --help   one command's usage

${INPUTS}

Options
${options('general')}

${EXIT_CODES}

Examples
  $ tscalign examples/demo/host.txt examples/demo/guest.txt
  $ tscalign check examples/no-write/host.txt examples/no-write/guest.txt
  $ tscalign merge host.txt guest.txt --json | jq 'select(.status=="ambiguous")'
  $ tscalign check host.txt guest.txt --vm 483882 --offset -63430235715905
  $ tscalign export host.dat guest.dat -o capture.json.gz
  $ tscalign simulate /tmp/big --events 4000000
  $ tscalign check host.txt guest-a.txt guest-b.txt --vm g2:453724
`;

const COMMANDS: Record<string, string> = {
	check: `
Usage
  $ tscalign check HOST GUEST [options]

The sanity check to run right after a capture: per VM and vCPU the offset
epochs, run windows, how many guest events are exact, ambiguous and unresolved
and why, then a verdict.

${INPUTS}

Options
${options('check')}

${EXIT_CODES}

Example
  $ tscalign check examples/demo/host.txt examples/demo/guest.txt
`,
	merge: `
Usage
  $ tscalign merge HOST GUEST [options]

Every event of both traces once, in host-TSC order, one line each (or JSON
Lines).

${INPUTS}

Options
${options('merge')}

Example
  $ tscalign merge examples/demo/host.txt examples/demo/guest.txt | less -S
`,
	export: `
Usage
  $ tscalign export HOST GUEST [options] [-o FILE]

The aligned capture as a JSON trace (Chrome's trace event format) for
ui.perfetto.dev or chrome://tracing: host CPUs, the vCPU threads' run windows,
every placed guest event on its vCPU (one process per GUEST file), ambiguous
events' candidate spans, offset writes. Times are host time since the first
event, so the TSC's rate is needed (a trace.dat's TSC2NSEC, or --tsc-khz).
See docs/export.md.

${INPUTS}

Options
${options('export')}

Exit codes
  0  written (unresolved guest events are left out and counted on stderr)
  2  usage or input error, or the output could not be written

Example
  $ tscalign export host.dat guest.dat -o capture.json.gz
  then open capture.json.gz in ui.perfetto.dev
`,
	simulate: `
Usage
  $ tscalign simulate DIR [--scenario NAME | --events N] [--seed N]

Writes DIR/host.txt, DIR/guest.txt and DIR/truth.tsv (the host TSC and epoch
every guest line must get) for a simulated capture, and prints the command to
check it; with several guests (two-guests, random --guests N) guest1.txt,
guest2.txt, ... and truth1.tsv, ...

Options
${options('simulate')}

Examples
  $ tscalign simulate /tmp/demo --scenario ambiguous
  $ tscalign simulate /tmp/big --events 4000000
  $ tscalign /tmp/big/host.txt /tmp/big/guest.txt
`,
};

/** The help for `command` (merge, check, export, simulate), or the general help. */
export function helpText(command: string | undefined): string {
	return (command !== undefined ? COMMANDS[command] : undefined) ?? GENERAL;
}
