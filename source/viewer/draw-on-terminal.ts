// How the viewer's Ink tree reaches a terminal, in one place for the viewer (open.ts) and its
// bench: Ink in its debug mode (each frame written whole), the event rows put in by the body
// overlay, the painter writing only the lines that changed (screen-painter.ts says why), and
// the keyboard without the escape sequences Ink mistakes (key-filter.ts).
// Imports Ink: load it only on the interactive path.

import {render, type Instance} from 'ink';
import {createElement, type ReactElement} from 'react';
import {BodyOverlay, BodyOverlayContext} from './body-overlay.js';
import {filteredKeyboard} from './key-filter.js';
import {createPainter} from './screen-painter.js';

export interface Drawn {
	instance: Instance;
	/** Ends Ink and any repaint: nothing is written after this (the screen is about to be given back). */
	unmount(): void;
	/** Draws `element` in place of the last one; `whole`: repaint every line (the screen came back empty). */
	rerender(element: ReactElement, whole?: boolean): void;
}

export function drawOnTerminal(element: ReactElement, terminal: {stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; onFrame?: (frame: string) => void}): Drawn {
	const overlay = new BodyOverlay();
	const painter = createPainter(terminal.stdout, {compose: (frame) => overlay.compose(frame), onFrame: terminal.onFrame});
	const withOverlay = (e: ReactElement): ReactElement => createElement(BodyOverlayContext.Provider, {value: overlay}, e);
	const instance = render(withOverlay(element), {stdout: painter.stdout, stdin: filteredKeyboard(terminal.stdin), exitOnCtrlC: false, debug: true});
	const windowChanged = (): void => painter.windowChanged();
	process.on('SIGWINCH', windowChanged);
	return {
		instance,
		unmount() {
			process.off('SIGWINCH', windowChanged);
			painter.close();
			instance.unmount();
		},
		rerender(next, whole = false) {
			if (whole) painter.invalidate();
			instance.rerender(withOverlay(next));
		},
	};
}
