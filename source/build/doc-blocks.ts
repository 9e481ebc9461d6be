// The blocks of the docs that are made from the program's tables. Each sits between a
// `<!-- generated: NAME ... -->` line and `<!-- end generated -->` in its file; `npm run docs`
// (docs.ts) rewrites them and a test fails when one differs from what the tables make.

import {fullKeyTable, optionTable, shortKeyTable} from './doc-tables.js';

export interface DocBlock {
	/** The file, from the repository's top. */
	file: string;
	name: string;
	/** Where its content comes from, for the reader of the Markdown source. */
	from: string;
	render: () => string;
}

export const DOC_BLOCKS: readonly DocBlock[] = [
	{file: 'README.md', name: 'options', from: 'source/commands/option-table.ts', render: optionTable},
	{file: 'README.md', name: 'keys', from: 'source/viewer/keymap.ts', render: shortKeyTable},
	{file: 'docs/viewer.md', name: 'keys', from: 'source/viewer/keymap.ts', render: fullKeyTable},
];

const END = '<!-- end generated -->';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A block as it belongs in its file, markers included. */
export function blockText(block: DocBlock): string {
	return `<!-- generated: ${block.name} (from ${block.from}; npm run docs) -->\n${block.render()}\n${END}`;
}

/** `text`, the file `file` holds, with its blocks made anew. Throws, naming the block, when its markers are not there. */
export function withBlocks(file: string, text: string, blocks: readonly DocBlock[] = DOC_BLOCKS): string {
	let result = text;
	for (const block of blocks.filter((b) => b.file === file)) {
		const marked = new RegExp(`<!-- generated: ${escapeRegExp(block.name)}\\b[^\\n]*-->\\n[\\s\\S]*?${escapeRegExp(END)}`);
		if (!marked.test(result)) throw new Error(`${file} has no generated block "${block.name}": put \`<!-- generated: ${block.name} -->\` and \`${END}\` on lines of their own where it goes, then run npm run docs.`);
		result = result.replace(marked, () => blockText(block));
	}
	return result;
}

/** The blocks of `file` that `text` does not hold as the tables make them now. */
export function staleBlocks(file: string, text: string, blocks: readonly DocBlock[] = DOC_BLOCKS): DocBlock[] {
	return blocks.filter((b) => b.file === file && !text.includes(blockText(b)));
}

/** The files that hold blocks. */
export const docFiles = (blocks: readonly DocBlock[] = DOC_BLOCKS): string[] => [...new Set(blocks.map((b) => b.file))];
