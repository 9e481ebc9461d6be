// Drives the Viewer through ink-testing-library: load a pair, render at a fixed size, press
// keys, and read the frame a person would see.

import {render} from 'ink-testing-library';
import React from 'react';
import {closeGuests, closePair, loadGuests, loadPair} from '../../source/loading/load-pair.js';
import type {CommonFlags} from '../../source/loading/options.js';
import {BodyOverlay, BodyOverlayContext} from '../../source/viewer/body-overlay.js';
import {RowModel} from '../../source/viewer/row-model.js';
import {Viewer} from '../../source/viewer/viewer.js';

/** The text of a frame line without colour codes (tests that turn colour on). */
export function stripStyle(line: string): string {
	return line.replace(/\x1b\[[0-9;]*m/g, '');
}

export const KEY = {
	enter: '\r',
	escape: '\x1b',
	tab: '\t',
	backspace: '\x7f',
	up: '\x1b[A',
	down: '\x1b[B',
	right: '\x1b[C',
	left: '\x1b[D',
	pageDown: '\x1b[6~',
	pageUp: '\x1b[5~',
	home: '\x1b[H',
	end: '\x1b[F',
	ctrlB: '\x02',
	ctrlC: '\x03',
	ctrlD: '\x04',
	ctrlF: '\x06',
	ctrlU: '\x15',
};

/** Frames are drawn a macrotask after input; a lone Esc waits one more turn to tell it from a sequence. */
export function settle(ms = 30): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Session {
	model: RowModel;
	frame(): string;
	lines(): string[];
	/** The cursor row (the line marked `>` after its run-window column). */
	cursorLine(): string;
	/** The two top-bar lines. */
	top(): string;
	bottom(): string;
	press(...keys: string[]): Promise<string>;
	quitCalls(): number;
	/** What the viewer asked of the terminal's mouse reporting, in order (true: on). */
	mouseCalls(): boolean[];
	close(): void;
}

export async function openViewer(host: string, guest: string | string[], options: {columns?: number; rows?: number; flags?: CommonFlags} = {}): Promise<Session> {
	// Several guest files: all of them in the one guest lane.
	const alignment = Array.isArray(guest) ? await loadGuests(host, guest, options.flags ?? {}) : await loadPair(host, guest, options.flags ?? {});
	const model = new RowModel(alignment);
	let quits = 0;
	const mouse: boolean[] = [];
	// As the viewer runs: the event rows go round Ink and are put in its frame (body-overlay.ts).
	const overlay = new BodyOverlay();
	const instance = render(
		<BodyOverlayContext.Provider value={overlay}>
			<Viewer model={model} size={{columns: options.columns ?? 120, rows: options.rows ?? 30}} onQuit={() => quits++} onMouse={(on) => mouse.push(on)} />
		</BodyOverlayContext.Provider>,
	);
	await settle();
	const frame = (): string => overlay.compose(instance.lastFrame() ?? '');
	const lines = (): string[] => frame().split('\n');
	return {
		model,
		frame,
		lines,
		cursorLine: () => lines().find((l) => stripStyle(l)[1] === '>') ?? '',
		top: () => lines().slice(0, 2).join('\n'),
		bottom: () => lines().at(-1) ?? '',
		async press(...keys) {
			for (const key of keys) {
				const drawn = instance.frames.length;
				instance.stdin.write(key);
				await settle(key === KEY.escape ? 60 : 30);
				// On a loaded machine the frame can come later than 30 ms: wait for it (a key that
				// changes nothing on screen costs at most the extra 400 ms).
				for (let waited = 0; instance.frames.length === drawn && waited < 400; waited += 10) await settle(10);
				// A search or filter over many rows takes turns: wait for it to finish.
				for (let waited = 0; /(searching|filtering) .*Esc stops/.test(frame().split('\n').at(-1) ?? '') && waited < 10_000; waited += 20) await settle(20);
			}
			return frame();
		},
		quitCalls: () => quits,
		mouseCalls: () => mouse,
		close() {
			instance.unmount();
			if ('guests' in alignment) closeGuests(alignment);
			else closePair(alignment);
		},
	};
}
