// The README's and docs/viewer.md's option and key tables are made from the option table and
// the keymap (`npm run docs`); this fails, naming the file, when one was edited by hand or the
// tables changed without `npm run docs`. The README stays under 15 KB.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {blockText, DOC_BLOCKS, docFiles, staleBlocks, withBlocks} from '../../source/build/doc-blocks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('generated doc blocks', () => {
	it.each(docFiles())('%s holds its blocks as the tables make them', (file) => {
		const text = read(file);
		for (const block of DOC_BLOCKS.filter((b) => b.file === file)) {
			expect(text, `${file} has no generated block "${block.name}"`).toContain(`<!-- generated: ${block.name} `);
		}
		const stale = staleBlocks(file, text).map((b) => `"${b.name}" (from ${b.from})`);
		expect(stale, `${file}: the generated block ${stale.join(' and ')} differs from its table; run npm run docs`).toEqual([]);
		expect(withBlocks(file, text)).toBe(text);
	});

	it('a block edited by hand is found and made anew; a file without the markers is named', () => {
		const readme = withBlocks('README.md', read('README.md'));
		const edited = readme.replace('| `--json` |', '| `--json`, `-j` |');
		expect(edited).not.toBe(readme);
		expect(staleBlocks('README.md', edited).map((b) => b.name)).toEqual(['options']);
		expect(withBlocks('README.md', edited)).toBe(readme);
		expect(() => withBlocks('README.md', '# tscalign\n')).toThrow('README.md has no generated block "options"');
	});

	it('a block sits between its markers, the table in between', () => {
		const [block] = DOC_BLOCKS;
		const lines = blockText(block!).split('\n');
		expect(lines[0]).toBe(`<!-- generated: ${block!.name} (from ${block!.from}; npm run docs) -->`);
		expect(lines.at(-1)).toBe('<!-- end generated -->');
		expect(lines[1]).toMatch(/^\| .* \|$/);
	});

	it('the README stays under 15,000 bytes', () => {
		expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThan(15_000);
	});
});
