// `npm run docs`: rewrites the generated blocks of the README and docs/ (doc-blocks.ts) from
// the option table and the keymap, and says which files changed.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {docFiles, withBlocks} from './doc-blocks.js';

// Run as dist/source/build/docs.js.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

for (const file of docFiles()) {
	const where = path.join(root, file);
	const text = fs.readFileSync(where, 'utf8');
	const made = withBlocks(file, text);
	if (made !== text) fs.writeFileSync(where, made);
	process.stdout.write(`${file}: ${made === text ? 'up to date' : 'rewritten'}\n`);
}
