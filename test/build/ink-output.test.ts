// The build edits Ink's Output (source/build/edits.ts) so that the styled characters of a line
// are kept across frames. The edited Output must draw exactly the frames Ink's own draws.

import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {editSource, INK_KEPT_LINES} from '../../source/build/edits.js';
import {ROOT} from '../helpers/cli.js';

interface Caches {
	styledChars: Map<string, unknown>;
	getStyledChars(line: string): unknown;
}
interface OutputLike {
	caches: Caches;
	write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
}
type OutputClass = new (options: {width: number; height: number}) => OutputLike;

// Ink's own file, found as Node finds Ink (its package "exports" hide build/output.js).
const inkOutput = path.join(path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('ink')), 'output.js');
let dir = '';
let Original: OutputClass;
let Edited: OutputClass;

beforeAll(async () => {
	const text = fs.readFileSync(inkOutput, 'utf8');
	const edited = editSource(inkOutput, text);
	expect(edited.warning).toBeUndefined();
	expect(edited.text).not.toBe(text);
	// Beside a link to node_modules, so its imports resolve as they do from Ink.
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tscalign-ink-'));
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
	fs.writeFileSync(path.join(dir, 'output.js'), edited.text.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
	fs.writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}');
	Original = ((await import(pathToFileURL(inkOutput).href)) as {default: OutputClass}).default;
	Edited = ((await import(pathToFileURL(path.join(dir, 'output.js')).href)) as {default: OutputClass}).default;
});

afterAll(() => {
	if (dir) fs.rmSync(dir, {recursive: true, force: true});
});

const red = (s: string): string => `\u001b[31m${s}\u001b[39m`;
const bold = (s: string): string => `\u001b[1m${s}\u001b[22m`;
const rows = Array.from({length: 12}, (_, i) => `${String(i).padStart(3)} ${red('kvm_exit')} ${i % 3 === 0 ? bold('漢字 wide') : 'reason EXTERNAL_INTERRUPT'} ${'x'.repeat(i)}`);

/** One frame as the viewer draws it: a title, five rows from `top`, a clipped and a transformed line. */
function frame(Output: OutputClass, top: number): string {
	const out = new Output({width: 40, height: 8});
	out.write(0, 0, bold(' tscalign '), {transformers: []});
	for (let k = 0; k < 5; k++) out.write(0, k + 1, rows[(top + k) % rows.length]!, {transformers: []});
	out.clip({x1: 2, x2: 20});
	out.write(0, 6, rows[top % rows.length]!, {transformers: []});
	out.unclip();
	out.write(3, 7, `status ${top}`, {transformers: [(line) => red(line.toUpperCase())]});
	return out.get().output;
}

describe("Ink's Output as the build edits it", () => {
	it('draws the frames of Ink\'s own, scrolling down and back as a person would', () => {
		const tops = [0, 1, 2, 3, 8, 9, 12, 11, 10, 0, 5, 5, 1];
		for (const top of tops) expect(frame(Edited, top)).toBe(frame(Original, top));
		// The frames are not all the same, so the comparison says something.
		expect(new Set(tops.map((top) => frame(Edited, top))).size).toBeGreaterThan(5);
	});

	it("keeps a line's styled characters from one frame to the next; Ink's own keeps them one frame", () => {
		const line = red('sched_switch: prev_comm=bash');
		expect(new Edited({width: 40, height: 1}).caches.getStyledChars(line)).toBe(new Edited({width: 40, height: 1}).caches.getStyledChars(line));
		expect(new Original({width: 40, height: 1}).caches.getStyledChars(line)).not.toBe(new Original({width: 40, height: 1}).caches.getStyledChars(line));
	});

	it(`keeps at most ${INK_KEPT_LINES} lines, dropping the oldest first`, () => {
		const caches = new Edited({width: 40, height: 1}).caches;
		const first = caches.getStyledChars('line 0 of many');
		for (let i = 1; i < INK_KEPT_LINES + 50; i++) caches.getStyledChars(`line ${i} of many`);
		expect(caches.styledChars.size).toBe(INK_KEPT_LINES);
		expect(caches.getStyledChars('line 0 of many')).not.toBe(first);
		expect(caches.getStyledChars(`line ${INK_KEPT_LINES + 49} of many`)).toBe(caches.getStyledChars(`line ${INK_KEPT_LINES + 49} of many`));
	});
});
