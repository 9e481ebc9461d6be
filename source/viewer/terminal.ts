// The full-screen terminal: the alternate screen and a hidden cursor while the viewer runs,
// and the user's screen back on every way out: quit, a crash, a signal, process.exit.
// Ink 6 does none of this itself.

import os from 'node:os';

const ENTER = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l';
/** Mouse reporting off (the viewer's `M` turns it on). */
export const MOUSE_OFF = '\x1b[?1000l\x1b[?1006l';
const LEAVE = `${MOUSE_OFF}\x1b[?25h\x1b[?1049l`;

export interface Screen {
	/** Leaves the alternate screen; safe to call more than once. */
	restore(): void;
	/** Ctrl-Z: gives the terminal back, stops the process, and takes it again on `fg`. */
	suspend(onResume: () => void): void;
}

export interface ScreenOptions {
	/** Runs first on the way out (unmount Ink so it writes nothing after the screen is restored). */
	beforeRestore?: () => void;
	/** Prints a crash after the screen is restored; returns the exit code. */
	onCrash: (error: unknown) => number;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

function setRaw(input: NodeJS.ReadStream, raw: boolean): void {
	try {
		if (input.isTTY) input.setRawMode(raw);
	} catch {
		// The terminal may already be gone (SIGHUP).
	}
}

function terminalGone(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'EIO' || code === 'ENXIO';
}

/**
 * Ends the process as a hung-up one is ended: by SIGHUP's default action. process.exit would
 * run Node's reset of the terminal's modes at exit, which fails on a terminal that is gone
 * and then crashes the process (SIGSEGV, Node 20).
 */
function hangUp(): void {
	process.removeAllListeners('SIGHUP');
	process.kill(process.pid, 'SIGHUP');
}

export function enterScreen(out: NodeJS.WriteStream, input: NodeJS.ReadStream, options: ScreenOptions): Screen {
	let active = true;
	out.write(ENTER);

	const onSignal = (signal: NodeJS.Signals): void => {
		restore();
		if (signal === 'SIGHUP') hangUp();
		else process.exit(128 + (os.constants.signals[signal] ?? 0));
	};
	const onCrash = (error: unknown): void => {
		restore();
		// Writing to or reading from a terminal that hung up (ssh dropped, tmux killed).
		if (terminalGone(error)) hangUp();
		else process.exit(options.onCrash(error));
	};
	const onExit = (): void => restore();

	function restore(): void {
		if (!active) return;
		active = false;
		try {
			options.beforeRestore?.();
		} catch {
			// Leaving the screen matters more than a clean unmount.
		}
		setRaw(input, false);
		try {
			out.write(LEAVE);
		} catch {
			// Nothing to restore on a closed terminal.
		}
		for (const signal of SIGNALS) process.off(signal, onSignal);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		process.off('exit', onExit);
	}

	for (const signal of SIGNALS) process.on(signal, onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', onExit);

	return {
		restore,
		suspend(onResume) {
			if (!active) return;
			setRaw(input, false);
			out.write(LEAVE);
			process.once('SIGCONT', () => {
				setRaw(input, true);
				out.write(ENTER);
				onResume();
			});
			process.kill(process.pid, 'SIGTSTP');
		},
	};
}
