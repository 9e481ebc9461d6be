// Edits to third-party code as esbuild bundles it, each measured and each a few lines. An edit
// whose lines a new release no longer has is skipped with a build warning: the bundle then
// behaves as the package does, only slower.

export interface SourceEdit {
	/** The file, by path. */
	file: RegExp;
	/** What is lost when the edit no longer applies, for the warning. */
	lost: string;
	/** Exact text and its replacement; all must be found. */
	edits: Array<[string, string]>;
}

/**
 * meow's bundled dependencies, when first loaded, run normalize-package-data (17 ms, most of
 * it spdx-correct sorting its tables with ICU collation), load node:child_process for a
 * promise nobody keeps, and set up a code-frame highlighter for bad package.json files: a
 * fifth of every `merge` start-up. meow normalizes package.json only when `cli.pkg` is read,
 * which tscalign never does, so the bundle gets a no-op in its place and esbuild leaves the
 * package out (125 kB less to compile); the highlighter loads when first used.
 */
const MEOW: SourceEdit = {
	file: /[\\/]meow[\\/]build[\\/]dependencies\.js$/,
	lost: 'normalize-package-data stays eager in the bundle',
	edits: [
		["import { execFile } from 'node:child_process';\n", ''],
		['promisify(execFile);\n', ''],
		[
			'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);\n',
			'const normalizePackageData = () => {};\n',
		],
		// @babel/code-frame (and picocolors, js-tokens) set up at load for a JSON error message.
		['var libExports = requireLib$1();\n', 'var libExports = {get codeFrameColumns() { return requireLib$1().codeFrameColumns; }};\n'],
	],
};

/** Lines (of up to a screen's width) whose styled characters Ink keeps across frames. */
export const INK_KEPT_LINES = 256;

/**
 * Ink 6 turns every line of every frame into styled characters (an object per character)
 * and measures string widths, with caches that last one frame. Scrolling one row redraws 49
 * lines it styled a frame before: that was most of a viewer frame. Kept across frames
 * (first in, first out, at most INK_KEPT_LINES lines, about 4 MB), a frame after `j` took
 * 6-7 ms instead of 12-18 (160x50, 20k events, same machine, same minutes). Safe because
 * Ink only reads the styled characters it places.
 */
const INK_OUTPUT: SourceEdit = {
	file: /[\\/]ink[\\/]build[\\/]output\.js$/,
	lost: "Ink's per-frame caches stay per frame",
	edits: [
		[
			'class OutputCaches {\n    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();\n',
			`const keptWidths = new Map();\nconst keptStyledChars = new Map();\nconst keep = (map, key, value) => {\n    if (map.size >= ${INK_KEPT_LINES}) map.delete(map.keys().next().value);\n    map.set(key, value);\n};\nclass OutputCaches {\n    widths = keptWidths;\n    blockWidths = new Map();\n    styledChars = keptStyledChars;\n`,
		],
		['            this.styledChars.set(line, cached);\n', '            keep(this.styledChars, line, cached);\n'],
		['            this.widths.set(text, cached);\n', '            keep(this.widths, text, cached);\n'],
	],
};

export const EDITS: readonly SourceEdit[] = [MEOW, INK_OUTPUT];

/** A file's text as bundled: the edits for it applied, or a warning saying why not. */
export function editSource(file: string, text: string): {text: string; warning?: string} {
	const edit = EDITS.find((e) => e.file.test(file));
	if (!edit) return {text};
	const missing = edit.edits.filter(([from]) => !text.includes(from)).length;
	if (missing > 0) return {text, warning: `${file} changed (${missing} of ${edit.edits.length} edited lines not found): ${edit.lost}`};
	return {text: edit.edits.reduce((out, [from, to]) => out.replace(from, to), text)};
}
