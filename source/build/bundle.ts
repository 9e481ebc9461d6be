// `npm run build` step after tsc: bundles dist/cli.js twice with esbuild.
// - dist/cli.bundle.cjs, CommonJS, for `merge` and `check`: the launcher requires it, so
//   those never start Node's ES module loader. Loading forty-odd ES modules (resolution,
//   reads, the loader itself) was a tenth of a `merge` of 100k events.
// - dist/esm/, ES modules split at the dynamic imports, for everything else: the viewer's
//   chunk holds Ink and React, which load in 70 ms from one file instead of 255 ms from a
//   hundred or so.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type Plugin} from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(dist, 'cli.js');

/** The CommonJS bundle leaves out the viewer and the simulator: the launcher never runs them from it. */
const lazyModules: Plugin = {
	name: 'lazy-modules',
	setup(b) {
		b.onResolve({filter: /\/(?:viewer\/open|commands\/simulate)\.js$/}, (args) => ({path: args.path, external: true}));
	},
};

/**
 * A bundled module's `import.meta` would be its bundle's: each gets its own file's URL back,
 * so `new URL('./text-worker.js', import.meta.url)` still finds the worker beside its module.
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

/** Ink imports React DevTools only when DEV=true; they are not a dependency, so that says so. */
const noDevtools: Plugin = {
	name: 'no-devtools',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'no-devtools'}));
		b.onLoad({filter: /.*/, namespace: 'no-devtools'}, () => ({
			contents: 'throw new Error("DEV=true asks Ink for React DevTools, which tscalign does not include; unset DEV");',
			loader: 'js',
		}));
	},
};

await build({
	entryPoints: [entry],
	outfile: path.join(dist, 'cli.bundle.cjs'),
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

await build({
	entryPoints: [entry],
	outdir: path.join(dist, 'esm'),
	bundle: true,
	splitting: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	plugins: [importMeta, noDevtools],
	// Every chunk: `require` for the CommonJS packages inside (React), and the module URLs.
	banner: {
		js: 'import {createRequire as __createRequire} from "node:module";\nconst require = __createRequire(import.meta.url);\nconst __moduleMeta = (file) => ({url: new URL("../" + file, import.meta.url).href});',
	},
	logLevel: 'warning',
});
