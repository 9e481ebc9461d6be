// A look as terminal codes, the way Ink's <Text> applies it (the same chalk, the same order),
// for the event rows that reach the screen without going through Ink (body-overlay.ts).

import chalk from 'chalk';
import type {Look} from './theme.js';

type Paint = (text: string) => string;

const background = (color: string): Paint => (chalk as unknown as Record<string, Paint>)[`bg${color[0]!.toUpperCase()}${color.slice(1)}`]!;
const foreground = (color: string): Paint => (chalk as unknown as Record<string, Paint>)[color]!;

/** `text` in `look`, and in reverse video when `inverse`. */
export function styled(text: string, look: Look | undefined, inverse = false): string {
	let out = text;
	if (look) {
		if (look.dimColor) out = chalk.dim(out);
		if (look.color) out = foreground(look.color)(out);
		if (look.backgroundColor) out = background(look.backgroundColor)(out);
		if (look.bold) out = chalk.bold(out);
		if (look.underline) out = chalk.underline(out);
		if (look.inverse) out = chalk.inverse(out);
	}
	if (inverse) out = chalk.inverse(out);
	return out;
}
