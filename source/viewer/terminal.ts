// The full-screen terminal: the alternate screen and a hidden cursor while the viewer runs,
// and the user's screen back on every way out: quit, a crash, a signal, process.exit.
// Ink 6 does none of this itself.

import os from 'node:os';

// Line wrap off: a frame drawn for the old width just after a resize must not wrap, and
// wrapping on the last line would scroll the screen under the painter (screen-painter.ts).
const ENTER = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l\x1b[?7l';
/** Mouse reporting off (the viewer's `M` turns it on). */
export const MOUSE_OFF = '\x1b[?1000l\x1b[?1006l';
/**
 * What the viewer's Ink app exits with on Ctrl-C: the viewer then ends by SIGINT (130), as
 * Ctrl-C ends a program (and as it does before the viewer reads keys, still loading).
 */
export const INTERRUPTED = 'interrupted';
const LEAVE = `${MOUSE_OFF}\x1b[?7h\x1b[?25h\x1b[?1049l`;

export interface Screen {
	/** Leaves the alternate screen; safe to call more than once. */
	restore(): void;
	/** Ctrl-Z: gives the terminal back, stops the process, and takes it again on `fg`. */
	suspend(onResume: () => void): void;
}

export interface ScreenOptions {
	/** Runs first on the way out (unmount Ink so it writes nothing after the screen is restored). */
	beforeRestore?: () => void;
	/** Back from a stop (fg): draw the whole screen again, it came back empty. */
	onResume?: () => void;
	/** Prints a crash after the screen is restored; returns the exit code. */
	onCrash: (error: unknown) => number;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
/** Ctrl-Z from the terminal driver (before Ink sets raw mode, while loading) and a resume. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGTSTP', 'SIGTTIN', 'SIGTTOU'];

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
 * Ends the process by `signal`'s default action, as if it had never been caught: the shell
 * sees it killed by the signal (128 + N; after SIGINT it also stops the rest of a command
 * line, as it should). process.exit would wait for the reader threads, forever while one
 * is blocked reading a pipe nobody writes to yet; and after SIGHUP it would run Node's
 * reset of the terminal's modes, which crashes on a terminal that is gone (SIGSEGV, Node 20).
 */
export function dieBy(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP'): never {
	process.removeAllListeners(signal);
	process.kill(process.pid, signal);
	// Only if the signal did not end the process (it was ignored when we started, say).
	process.exit(128 + os.constants.signals[signal]);
}

const hangUp = (): never => dieBy('SIGHUP');

export function enterScreen(out: NodeJS.WriteStream, input: NodeJS.ReadStream, options: ScreenOptions): Screen {
	let active = true;
	out.write(ENTER);

	const onSignal = (signal: NodeJS.Signals): void => {
		restore();
		// SIGQUIT's own action would dump core.
		if (signal === 'SIGQUIT') process.exit(128 + os.constants.signals.SIGQUIT);
		dieBy(signal as 'SIGINT' | 'SIGTERM' | 'SIGHUP');
	};
	const onCrash = (error: unknown): void => {
		restore();
		// Writing to or reading from a terminal that hung up (ssh dropped, tmux killed).
		if (terminalGone(error)) hangUp();
		else process.exit(options.onCrash(error));
	};
	const onExit = (): void => restore();
	let suspended = false;
	let resumeOnce: (() => void) | undefined;
	/**
	 * Gives the terminal back and stops, by SIGTSTP with its default action (our listener off
	 * meanwhile), as any program stopped by Ctrl-Z: the shell says `Stopped` and `$?` is 148
	 * (SIGSTOP made it `Stopped (signal)`, 147). In an orphaned process group, which no shell
	 * could resume, the kernel drops it and the viewer simply goes on.
	 */
	const stop = (): void => {
		if (!active) return;
		const wasRaw = Boolean(input.isTTY && input.isRaw);
		suspended = true;
		setRaw(input, false);
		try {
			out.write(LEAVE);
		} catch {
			// A terminal that is gone has nothing to give back.
		}
		onContinue.wasRaw = wasRaw;
		process.off('SIGTSTP', onStopSignal);
		process.kill(process.pid, 'SIGTSTP');
		process.on('SIGTSTP', onStopSignal);
		// Stopped until fg. Back here before anything else runs: a frame already due (keys typed
		// ahead of Ctrl-Z, a load's progress) would otherwise be painted on the user's screen
		// before the SIGCONT handler took the alternate screen again.
		onContinue();
	};
	/** Every resume re-enters the alternate screen and repaints, however quickly they follow; once per stop (the return from the stop, or SIGCONT). */
	const onContinue = Object.assign(
		(): void => {
			if (!active || !suspended) return;
			suspended = false;
			if (onContinue.wasRaw) setRaw(input, true);
			out.write(ENTER);
			const resume = resumeOnce;
			resumeOnce = undefined;
			(resume ?? options.onResume)?.();
		},
		{wasRaw: false},
	);
	const onStopSignal = (): void => stop();

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
		for (const signal of STOP_SIGNALS) process.off(signal, onStopSignal);
		process.off('SIGCONT', onContinue);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		process.off('exit', onExit);
	}

	for (const signal of SIGNALS) process.on(signal, onSignal);
	for (const signal of STOP_SIGNALS) process.on(signal, onStopSignal);
	process.on('SIGCONT', onContinue);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', onExit);

	return {
		restore,
		suspend(onResume) {
			resumeOnce = onResume;
			stop();
		},
	};
}
