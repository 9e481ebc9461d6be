// `npm run build` step after tsc: bundles dist/cli.js twice with esbuild.
// - dist/cli.bundle.cjs, CommonJS, for `merge` and `check`: the launcher requires it, so
//   those never start Node's ES module loader. Loading forty-odd ES modules (resolution,
//   reads, the loader itself) was a tenth of a `merge` of 100k events.
// - dist/esm/, ES modules split at the dynamic imports, for everything else: the viewer's
//   chunk holds Ink and React, which load in 70 ms from one file instead of 255 ms from a
//   hundred or so. dist/esm/viewer-bench.js is the viewer bench, bundled the same way.
// Dependencies are bundled as they are installed: nothing of theirs is edited.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type BuildOptions, type Plugin} from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(dist, 'cli.js');

/** The CommonJS bundle leaves out the viewer and the simulator: the launcher never runs them from it. */
const lazyModules: Plugin = {
	name: 'lazy-modules',
	setup(b) {
		b.onResolve({filter: /\/(?:viewer\/open|commands\/simulate)\.js$/}, (args) => ({path: args.path, external: true}));
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

/**
 * Every JavaScript file, as loaded into a bundle: each module's `import.meta` made its own file's (it would be its bundle's), so
 * `new URL('./worker.js', import.meta.url)` still finds the worker beside its module.
 */
const sources: Plugin = {
	name: 'sources',
	setup(b) {
		b.onLoad({filter: /\.js$/}, (args) => {
			let text = fs.readFileSync(args.path, 'utf8').replace(/^#!.*\n/, '');
			if (text.includes('import.meta')) {
				const relative = JSON.stringify(path.relative(dist, args.path));
				text = text.replace(/\bimport\.meta\b/g, `__moduleMeta(${relative})`);
			}
			return {contents: text, loader: 'js'};
		});
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
	plugins: [lazyModules, sources],
	banner: {
		js: '"use strict";\nconst __moduleMeta = (file) => ({url: require("node:url").pathToFileURL(require("node:path").join(__dirname, file)).href});',
	},
	logLevel: 'warning',
});

/** The ES-module builds' options, with a banner that gives every chunk `require` (for the CommonJS packages inside, React) and the module URLs. */
const esm = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	plugins: [sources, noDevtools],
	banner: {
		js: 'import {createRequire as __createRequire} from "node:module";\nconst require = __createRequire(import.meta.url);\nconst __moduleMeta = (file) => ({url: new URL("../" + file, import.meta.url).href});',
	},
	logLevel: 'warning',
} satisfies BuildOptions;

// Chunks are named by their content: the ones of earlier builds would pile up beside them.
fs.rmSync(path.join(dist, 'esm'), {recursive: true, force: true});
await build({...esm, entryPoints: [entry], outdir: path.join(dist, 'esm'), splitting: true});

// The viewer bench (`npm run bench`), bundled as the viewer runs for users.
await build({...esm, entryPoints: [path.join(dist, 'source/bench/viewer.js')], outfile: path.join(dist, 'esm/viewer-bench.js')});

// The launcher is tsc's output of source/launch/tscalign.cts, shebang included: npm makes
// it executable when it links it; a build from a clone does the same.
fs.chmodSync(path.join(dist, 'source/launch/tscalign.cjs'), 0o755);
