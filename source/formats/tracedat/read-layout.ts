// Reads everything before the ring-buffer data: header, formats, cmdlines, options, buffers.

import type {DatFile} from './file.js';
import {readHeader} from './header.js';
import type {DatLayout} from './layout.js';
import {readV6} from './v6.js';
import {readV7} from './v7.js';

export function readLayout(file: DatFile): DatLayout {
	const header = readHeader(file);
	return header.version === 6 ? readV6(file, header) : readV7(file, header);
}
