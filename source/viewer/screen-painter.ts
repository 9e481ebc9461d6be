// Puts Ink's frames on the alternate screen line by line, so that a frame can use every
// line of the terminal. Ink 6 on its own either leaves the terminal's last line empty or,
// for a frame as tall as the terminal, clears the whole screen before every frame (a
// flash over a slow link). The viewer owns the alternate screen, so Ink runs in its
// `debug` mode (each update written whole, nothing erased) into the stream made here, and
// this module writes only the lines that changed, each at its own row.

const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';
const CLEAR = '\x1b[H\x1b[2J';
const ERASE_LINE = '\x1b[2K';

export interface Painter {
	/** The stream to give Ink (render's `stdout`, with `debug: true`). */
	readonly stdout: NodeJS.WriteStream;
	/** Paint the next frame whole: the screen came back empty (Ctrl-Z and fg). */
	invalidate(): void;
	/**
	 * The terminal's window changed (SIGWINCH). A shrink cuts and moves lines even when the size
	 * is the same again by the time the process looks (shrunk and grown back while it was busy),
	 * and Ink draws nothing for a size it has already seen: repaint the last frame whole unless a
	 * new frame comes first.
	 */
	windowChanged(): void;
	/** No repaint from now on (the screen is being given back). */
	close(): void;
}

export interface PainterOptions {
	/** Completes Ink's frame before it is painted (the event rows: body-overlay.ts). */
	compose?: (frame: string) => string;
	/** Called with each frame Ink wrote, after it is on the screen (the viewer bench). */
	onFrame?: (frame: string) => void;
}

/** The escape codes that turn the screen from `before` into `frame` (lines of `rows`). */
export function paintFrame(before: readonly string[] | undefined, frame: readonly string[], rows: number): string {
	let text = before ? '' : CLEAR;
	const shown = Math.min(frame.length, rows);
	for (let i = 0; i < shown; i++) {
		const line = frame[i]!;
		if (before && before[i] === line) continue;
		// Erase first: the line may fill the width, and erasing after it would take its last cell.
		text += `\x1b[${i + 1};1H${ERASE_LINE}${line}`;
	}
	if (before) for (let i = shown; i < Math.min(before.length, rows); i++) if (before[i] !== '') text += `\x1b[${i + 1};1H${ERASE_LINE}`;
	return text;
}

export function createPainter(out: NodeJS.WriteStream, options: PainterOptions = {}): Painter {
	let before: string[] | undefined;
	/** The last frame, all of its lines, for a repaint. */
	let last: string[] | undefined;
	let size = '';
	let repaint: NodeJS.Immediate | undefined;
	const paint = (frame: string[]): boolean => {
		const rows = out.rows || 24;
		size = `${out.columns}x${rows}`;
		const text = paintFrame(before, frame, rows);
		before = frame.slice(0, rows);
		last = frame;
		return text === '' ? true : out.write(SYNC_BEGIN + text + SYNC_END);
	};
	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		// Ink's barrier write on unmount (an empty string and a callback) goes through as it is.
		if (typeof chunk !== 'string' || chunk === '') return (out.write as (...args: unknown[]) => boolean)(chunk, ...rest);
		// A resize leaves the terminal's own reflow of the old frame: start from a clear screen.
		if (`${out.columns}x${out.rows || 24}` !== size) before = undefined;
		const whole = options.compose ? options.compose(chunk) : chunk;
		const done = paint(whole.split('\n'));
		options.onFrame?.(whole);
		return done;
	};
	// Everything else (size, resize events, isTTY) is the terminal's own.
	const stdout = new Proxy(out, {
		get(target, key) {
			if (key === 'write') return write;
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	return {
		stdout,
		invalidate() {
			before = undefined;
		},
		windowChanged() {
			before = undefined;
			if (repaint) return;
			// After the turn that drew a frame for a new size, if Ink drew one (Ink's own resize handler).
			repaint = setImmediate(() => {
				repaint = undefined;
				if (before === undefined && last) paint(last);
			});
		},
		close() {
			if (repaint) clearImmediate(repaint);
			repaint = undefined;
			last = undefined;
		},
	};
}
