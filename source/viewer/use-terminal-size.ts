// Follows the terminal's size: Ink 6 re-renders on resize but does not tell components the
// new size, and the viewer needs the row count to size its page.

import {useEffect, useState} from 'react';

export interface Size {
	columns: number;
	rows: number;
}

function read(stdout: NodeJS.WriteStream): Size {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

export function useTerminalSize(stdout: NodeJS.WriteStream, fixed?: Size): Size {
	const [size, setSize] = useState<Size>(() => fixed ?? read(stdout));
	useEffect(() => {
		if (fixed) return;
		const onResize = (): void => setSize(read(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
