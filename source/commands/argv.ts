// Command-line checks meow does not make the way a user needs: an unknown option is named
// with where to look, as `unknown option --bogus (see tscalign --help)`.

export interface FlagSpec {
	type: 'string' | 'boolean';
	shortFlag?: string;
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The first option in `argv` that `flags` does not define, as the user typed it. */
export function unknownOption(argv: readonly string[], flags: Record<string, FlagSpec>): string | undefined {
	const long = new Map(Object.entries(flags).map(([name, spec]) => [kebab(name), spec]));
	const short = new Map(Object.entries(flags).flatMap(([, spec]) => (spec.shortFlag ? [[spec.shortFlag, spec] as const] : [])));
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') return undefined;
		// A negative number is a value (`--offset -634...`), not an option.
		if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) continue;
		let spec: FlagSpec | undefined;
		if (arg.startsWith('--')) {
			const name = arg.slice(2).split('=')[0]!;
			spec = long.get(name) ?? (name.startsWith('no-') && long.get(name.slice(3))?.type === 'boolean' ? long.get(name.slice(3)) : undefined);
			if (!spec) return `--${name}`;
		} else {
			spec = short.get(arg.slice(1, 2));
			if (!spec) return arg.split('=')[0];
		}
		// A string option's value follows it unless given with `=`.
		if (spec.type === 'string' && !arg.includes('=')) i++;
	}
	return undefined;
}
