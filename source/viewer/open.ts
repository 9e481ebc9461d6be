// `tscalign HOST GUEST` on a terminal: takes the screen, loads and aligns the pair while
// showing progress, runs the viewer, and gives the screen back. Imported only on this path,
// and it loads Ink only after deciding on colour, so `merge` and `check` never pay for Ink.

import fs from 'node:fs';
import tty from 'node:tty';
import type {ReactElement} from 'react';
import {closeGuests, closePair, loadGuests, loadPair} from '../loading/load-pair.js';
import {loadPreview} from '../loading/preview.js';
import {captureNotes} from '../outputs/capture-notes.js';
import {malformedSummaries} from '../outputs/malformed-summary.js';
import {reportError, type Io} from '../outputs/errors.js';
import type {CommonFlags} from '../loading/options.js';
import type {Alignment} from '../core/align.js';
import type {GuestsAlignment} from '../core/align-guests.js';
import {holdKeys} from './early-keys.js';
import {LoadProgress} from './load-progress.js';
import {dieBy, enterScreen, INTERRUPTED, MOUSE_OFF} from './terminal.js';

const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';

const LOADING = ' tscalign: loading…\x1b[H';

/** Keyboard input: stdin, or the controlling terminal when stdin is a pipe. */
function keyboard(): NodeJS.ReadStream | undefined {
	if (process.stdin.isTTY) return process.stdin;
	try {
		return new tty.ReadStream(fs.openSync('/dev/tty', 'r'));
	} catch {
		return undefined;
	}
}

/** Returns the exit code, or undefined when there is no keyboard to drive a viewer. */
/** `files`: HOST, then one or more guest files (all in one guest lane). */
export async function openViewer(files: readonly string[], flags: CommonFlags, io: Io): Promise<number | undefined> {
	const stdin = keyboard();
	if (!stdin) return undefined;
	// React's development build costs several milliseconds more per frame; React reads this when it loads.
	process.env['NODE_ENV'] ??= 'production';
	// NO_COLOR: the viewer's looks leave colour out themselves (theme.ts) and keep bold,
	// inverse and underline, so Ink's colour support stays on.
	// Ink prints only a last frame when it thinks it runs in CI, and chalk drops colour when
	// CI is set at all (even to false); this path has a real terminal, so neither applies.
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];

	const stdout = process.stdout;
	let unmount: (() => void) | undefined;
	let repaint = (): void => void stdout.write(LOADING);
	const screen = enterScreen(stdout, stdin, {
		beforeRestore: () => unmount?.(),
		onCrash: (error) => reportError(error, io),
		// A stop from the terminal (Ctrl-Z before Ink reads keys): repaint what is there.
		onResume: () => repaint(),
	});
	// Something to look at while Ink loads; the cursor goes back home so Ink's frame replaces it.
	stdout.write(LOADING);
	// Keys typed meanwhile: q and Ctrl-C quit at once, the rest wait for the viewer.
	const releaseKeys = holdKeys(stdin, {
		quit: () => {
			screen.restore();
			process.exit(0);
		},
		interrupt: () => {
			screen.restore();
			dieBy('SIGINT');
		},
		suspend: () => screen.suspend(() => repaint()),
	});

	const progress = new LoadProgress([...files]);
	let loaded: Alignment | GuestsAlignment | undefined;
	let settled = false;
	// The reader threads run in the background: this thread draws the first frame meanwhile.
	const read = {background: true};
	const loading = files.length === 2 ? loadPair(files[0]!, files[1]!, flags, progress.update, {}, read) : loadGuests(files[0]!, files.slice(1), flags, progress.update, {}, read);
	const load = loading.then((alignment) => {
		loaded = alignment;
		return alignment;
	});
	// A large pair's start, read here while the reader threads read the whole: rows in well under a second.
	const preview = files.length === 2 ? loadPreview(files[0]!, files[1]!, flags) : undefined;
	load.then(
		() => (settled = true),
		() => (settled = true),
	);

	// React is CommonJS: its default export is what Node and the bundle (dist/esm) both give.
	const [{default: React}, {App}, {drawOnTerminal}] = await Promise.all([import('react'), import('./app.js'), import('./draw-on-terminal.js')]);
	const {createElement} = React;
	let redraw = 0;
	const element = (): ReactElement => createElement(App, {load, progress, preview, redraw, onSuspend, onMouse});
	releaseKeys();
	const drawn = drawOnTerminal(element(), {stdout, stdin});
	const {instance} = drawn;
	unmount = () => drawn.unmount();
	// Wheel events as SGR reports (1006), which Ink's input parser passes on whole.
	function onMouse(on: boolean): void {
		stdout.write(on ? MOUSE_ON : MOUSE_OFF);
	}
	repaint = () => {
		// The screen came back empty: make Ink draw the whole frame again.
		redraw++;
		drawn.rerender(element(), true);
	};
	function onSuspend(): void {
		screen.suspend(() => repaint());
	}

	let code = 0;
	let interrupted = false;
	try {
		interrupted = (await instance.waitUntilExit()) === INTERRUPTED;
	} catch (error) {
		screen.restore();
		code = reportError(error, io);
	}
	screen.restore();
	if (stdin !== process.stdin) stdin.destroy();
	if (loaded) {
		// Back on the user's screen: what was skipped, another capture's guest, flags that named
		// nothing, as merge and check say them.
		if ('guests' in loaded) {
			io.stderr.write(malformedSummaries(loaded.host, ...loaded.guests.map((a) => a.guest)) + captureNotes(loaded));
			closeGuests(loaded);
		} else {
			io.stderr.write(malformedSummaries(loaded.host, loaded.guest) + captureNotes({guests: [loaded]}));
			closePair(loaded);
		}
	}
	// Ctrl-C: end as the SIGINT it stands for, even while a reader waits on a pipe.
	if (interrupted) dieBy('SIGINT');
	// Quit while still loading: the readers would keep the process alive until they finish.
	if (!settled) process.exit(code);
	return code;
}
