// Command-line checks meow does not make the way a user needs: an unknown option is named
// with where to look, as `unknown option --bogus (see tscalign --help)`, an option given
// to a command that does not take it is said, not silently ignored, and an option that takes
// one value given twice is said before meow throws (with a stack trace) on it.

export interface FlagSpec {
	type: 'string' | 'boolean';
	isMultiple?: boolean;
	shortFlag?: string;
	/** What takes it (option-table.ts); none: any command. */
	commands?: readonly string[];
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

interface Given {
	/** As the user typed it, without a value: `--from`, `-o`. */
	typed: string;
	spec: FlagSpec | undefined;
}

/** The options in `argv`, in order, each with its entry of `flags` (undefined: unknown). */
function* givenOptions(argv: readonly string[], flags: Record<string, FlagSpec>): Generator<Given> {
	const long = new Map(Object.entries(flags).map(([name, spec]) => [kebab(name), spec]));
	const short = new Map(Object.entries(flags).flatMap(([, spec]) => (spec.shortFlag ? [[spec.shortFlag, spec] as const] : [])));
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') return;
		// A negative number is a value (`--offset -634...`), not an option.
		if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) continue;
		let spec: FlagSpec | undefined;
		let typed: string;
		if (arg.startsWith('--')) {
			const name = arg.slice(2).split('=')[0]!;
			typed = `--${name}`;
			spec = long.get(name) ?? (name.startsWith('no-') && long.get(name.slice(3))?.type === 'boolean' ? long.get(name.slice(3)) : undefined);
		} else {
			typed = arg.split('=')[0]!;
			spec = short.get(arg.slice(1, 2));
		}
		yield {typed, spec};
		if (!spec) return;
		// A string option's value follows it unless given with `=`.
		if (spec.type === 'string' && !arg.includes('=')) i++;
	}
}

/** The first option in `argv` that `flags` does not define, as the user typed it. */
export function unknownOption(argv: readonly string[], flags: Record<string, FlagSpec>): string | undefined {
	for (const {typed, spec} of givenOptions(argv, flags)) if (!spec) return typed;
	return undefined;
}

/** The first known option in `argv` that `command` does not take, with what takes it. */
export function misplacedOption(argv: readonly string[], flags: Record<string, FlagSpec>, command: string): {option: string; takenBy: readonly string[]} | undefined {
	for (const {typed, spec} of givenOptions(argv, flags)) {
		const takenBy = spec?.commands;
		if (takenBy && takenBy.length > 0 && !takenBy.includes(command)) return {option: typed, takenBy};
	}
	return undefined;
}

/** The first option in `argv` that takes one value and is given twice (`-o` and `--output` alike), as typed the second time. */
export function repeatedOption(argv: readonly string[], flags: Record<string, FlagSpec>): string | undefined {
	const seen = new Set<FlagSpec>();
	for (const {typed, spec} of givenOptions(argv, flags)) {
		if (!spec || spec.type !== 'string' || spec.isMultiple) continue;
		if (seen.has(spec)) return typed;
		seen.add(spec);
	}
	return undefined;
}
