// The real traces live in ../shared (some have no license): read them there, never copy them.

import fs from 'node:fs';
import path from 'node:path';
import {ROOT} from './cli.js';

export const SHARED = path.resolve(ROOT, '../shared/corpus');

/** The corpus path, or undefined with a visible warning when this checkout has no ../shared. */
export function corpusFile(relative: string): string | undefined {
	const file = path.join(SHARED, relative);
	if (fs.existsSync(file)) return file;
	console.warn(`SKIPPED: ${file} is absent (the real-trace corpus lives beside the repo in ../shared); tests that need it do not run.`);
	return undefined;
}
