// `npm run build` step after tsc: bundles dist/cli.js (merge and check, with meow) into one
// CommonJS file, dist/cli.bundle.cjs, which the launcher requires for those two commands.
// Loading forty-odd ES modules (resolution, reads, the loader itself) was a tenth of a
// `merge` of 100k events.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type Plugin} from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(dist, 'cli.bundle.cjs');

/** The viewer (Ink) and the simulator stay ES modules; the launcher never bundles their commands. */
const lazyModules: Plugin = {
	name: 'lazy-modules',
	setup(b) {
		b.onResolve({filter: /\/(?:viewer\/open|commands\/simulate)\.js$/}, (args) => ({path: args.path, external: true}));
	},
};

/**
 * `import.meta` does not exist in CommonJS: each module gets its own file's URL back, so
 * `new URL('./text-worker.js', import.meta.url)` still finds the worker beside its module.
 */
const importMeta: Plugin = {
	name: 'import-meta',
	setup(b) {
		b.onLoad({filter: /\.js$/}, (args) => {
			const text = fs.readFileSync(args.path, 'utf8').replace(/^#!.*\n/, '');
			if (!text.includes('import.meta')) return {contents: text, loader: 'js'};
			const relative = JSON.stringify(path.relative(dist, args.path));
			return {contents: text.replace(/\bimport\.meta\b/g, `__moduleMeta(${relative})`), loader: 'js'};
		});
	},
};

await build({
	entryPoints: [path.join(dist, 'cli.js')],
	outfile: out,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: ['ink', 'react'],
	plugins: [lazyModules, importMeta],
	banner: {
		js: '"use strict";\nconst __moduleMeta = (file) => ({url: require("node:url").pathToFileURL(require("node:path").join(__dirname, file)).href});',
	},
	logLevel: 'warning',
});
