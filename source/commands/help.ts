// What `tscalign --help` and `tscalign COMMAND --help` print: the general usage, or one
// command's usage with only the options it takes.

const INPUTS = `HOST and GUEST are ftrace text (/sys/kernel/tracing/trace), \`trace-cmd report --raw-ts\`
text or trace-cmd trace.dat files (v6/v7, any compression), recorded with the x86-tsc
clock; .gz files are read as they are.`;

const ALIGN_OPTIONS = `  --vm ID[,ID...]           the guest's VM on the host: its tgid, or its vCPU threads' pids
  --offset OFF              TSC offset for vCPUs with no traced kvm_write_tsc_offset, in KVM's
                            convention (guest = host + OFF), signed or as printed u64
  --offset VCPU=OFF         the same for one vCPU (repeat the flag for several)
  --tsc-ratio N             TSC scaling ratio of a scaled guest (guest = host * N >> F + OFF)
  --tsc-frac-bits F         fraction bits of the ratio (default 48; 32 on AMD)
  --vcpu-map 0=2,1=3        guest CPU to vCPU (default: guest CPU n is vCPU n)
  --no-recover              do not recover offsets from run windows when no write,
                            --offset or TIME_SHIFT gives one
  --tsc-khz N               the TSC's rate in kHz, for times in ns (dmesg: "tsc: Refined TSC
                            clocksource calibration: 2918.400 MHz" is 2918400); a trace.dat
                            recorded with trace-cmd's tsc2nsec clock carries it already
  --format FORMAT           auto (default), ftrace, report or dat
  --instance NAME           trace.dat: read only buffer instance NAME, or top for the
                            top-level buffer (default: every buffer, merged by time)`;

const EXIT_CODES = `Exit codes
  0  check: every guest event converted exactly; merge: printed
  1  check: some guest events are ambiguous or unresolved, or none lies inside the host trace
  2  usage or input error`;

const GENERAL = `
  Put a KVM guest's ftrace trace on the host's TSC clock, check the conversion, and browse both side by side

Usage
  $ tscalign HOST GUEST [options]         browse both traces side by side on the host clock in a
                                          full-screen viewer (? lists its keys); when stdout is not
                                          a terminal, prints the check summary instead
  $ tscalign check HOST GUEST [options]   sanity check of the conversion after a capture
  $ tscalign merge HOST GUEST [options]   every event of both traces in host-TSC order
  $ tscalign simulate DIR [--scenario NAME | --events N] [--seed N]
                                          write a simulated host/guest pair with its truth

  tscalign COMMAND --help                 one command's usage

${INPUTS}

Options
  --json                    merge: JSON Lines, one object per event; check: one JSON object
${ALIGN_OPTIONS}
  --scenario NAME           simulate: demo, forward-write, backward-write, ambiguous,
                            two-vms, no-write, scaled or random (default demo)
  --events N                simulate: a lab-like pair of about N events (host + guest)
  -h, --help                this text

${EXIT_CODES}

Examples
  $ tscalign examples/demo/host.txt examples/demo/guest.txt
  $ tscalign check examples/backward-write/host.txt examples/backward-write/guest.txt
  $ tscalign merge host.txt guest.txt --json | jq 'select(.status == "ambiguous")'
  $ tscalign check host.txt guest.txt --vm 483882 --offset -63430235715905
  $ tscalign simulate /tmp/big --events 4000000
`;

const COMMANDS: Record<string, string> = {
	check: `
Usage
  $ tscalign check HOST GUEST [options]

The sanity check to run right after a capture: per VM and vCPU the offset epochs, run
windows, how many guest events are exact, ambiguous and unresolved and why, then a verdict.

${INPUTS}

Options
  --json                    one JSON object instead of text
${ALIGN_OPTIONS}

${EXIT_CODES}

Example
  $ tscalign check examples/demo/host.txt examples/demo/guest.txt
`,
	merge: `
Usage
  $ tscalign merge HOST GUEST [options]

Every event of both traces once, in host-TSC order, one line each (or JSON Lines).

${INPUTS}

Options
  --json                    JSON Lines, one object per event
${ALIGN_OPTIONS}

Example
  $ tscalign merge examples/demo/host.txt examples/demo/guest.txt | less -S
`,
	simulate: `
Usage
  $ tscalign simulate DIR [--scenario NAME | --events N] [--seed N]

Writes DIR/host.txt, DIR/guest.txt and DIR/truth.tsv (the host TSC and epoch every guest
line must get) for a simulated capture, and prints the command to check it.

Options
  --scenario NAME           demo, forward-write, backward-write, ambiguous, two-vms,
                            no-write, scaled or random (default demo)
  --events N                instead of a scenario: a lab-like pair of about N events, host
                            and guest together (up to 50000000), to try the viewer at scale
  --seed N                  another capture of the same kind (default 1)

Examples
  $ tscalign simulate /tmp/demo --scenario ambiguous
  $ tscalign simulate /tmp/big --events 4000000 && tscalign /tmp/big/host.txt /tmp/big/guest.txt
`,
};

/** The help for `command` (merge, check, simulate), or the general help. */
export function helpText(command: string | undefined): string {
	return (command !== undefined ? COMMANDS[command] : undefined) ?? GENERAL;
}
