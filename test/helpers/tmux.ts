// A terminal for end-to-end tests of the viewer: a tmux server of its own (so no user's tmux
// is touched and no test waits on another's shutdown), one pane running `sh`.

import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';

export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

let servers = 0;

export class Terminal {
	readonly socket = `tscalign-test-${process.pid}-${++servers}`;

	/** A pane of `columns` x `rows` in `cwd` with a shell that has said it is ready. */
	async open(columns: number, rows: number, cwd: string): Promise<void> {
		this.tmux('new-session', '-d', '-s', 'v', '-x', String(columns), '-y', String(rows), '-c', cwd, '-e', 'CI=false', 'sh');
		this.tmux('set', '-s', 'escape-time', '0');
		// Keys sent before sh has printed its prompt are echoed by the terminal ahead of it and
		// shift every later line (seen on a loaded machine): type only once sh is reading.
		await this.waitFor('the prompt', (t) => t.trim().length > 0);
		this.typeLine('echo BEFORE-VIEWER');
		// Typed before sh started, the output follows sh's prompt on its line (`# BEFORE-VIEWER`).
		await this.waitFor('the shell', (t) => t.split('\n').some((l) => l.endsWith('BEFORE-VIEWER') && !l.includes('echo')));
	}

	tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	}

	screen(escapes = false): string {
		return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'v');
	}

	alternateScreen(): boolean {
		return this.tmux('display', '-p', '-t', 'v', '#{alternate_on}').trim() === '1';
	}

	/**
	 * The screen once `check` holds on two captures 50 ms apart, the later one returned: a large
	 * frame can reach tmux in more than one read, so the first capture that passes may show a
	 * new bottom bar above rows not yet redrawn (a test failed so once at load 5).
	 */
	async waitFor(what: string, check: (text: string) => boolean, escapes = false): Promise<string> {
		const until = Date.now() + 15_000;
		let text = '';
		let passed = false;
		while (Date.now() < until) {
			text = this.screen(escapes);
			if (check(text)) {
				if (passed) return text;
				passed = true;
			} else passed = false;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		throw new Error(`timed out waiting for ${what}; the screen shows:\n${text}`);
	}

	keys(...list: string[]): void {
		this.tmux('send-keys', '-t', 'v', ...list);
	}

	/** `text` as one write to the terminal, as typeahead over ssh or a paste arrives. */
	send(text: string): void {
		this.tmux('send-keys', '-t', 'v', '-l', text);
	}

	typeLine(line: string): void {
		this.tmux('send-keys', '-t', 'v', '-l', line);
		this.tmux('send-keys', '-t', 'v', 'Enter');
	}

	/** The pid of the command running in the pane's shell. */
	childPid(): number {
		const shell = this.tmux('display', '-p', '-t', 'v', '#{pane_pid}').trim();
		const out = execFileSync('ps', ['-o', 'pid=', '--ppid', shell], {encoding: 'utf8'});
		return Number(out.trim().split(/\s+/)[0]);
	}

	/**
	 * q, then wait until the shell runs in the pane again: killing the tmux server while the
	 * viewer still exits would hang up its terminal mid-exit (Node 20 then crashes in its
	 * exit-time terminal reset), which is not what these tests are about.
	 */
	async quit(): Promise<void> {
		this.keys('q');
		const until = Date.now() + 15_000;
		while (this.tmux('display', '-p', '-t', 'v', '#{pane_current_command}').trim() !== 'sh') {
			if (Date.now() > until) throw new Error('timed out waiting for the viewer to exit after q');
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	close(): void {
		try {
			const socketPath = this.tmux('display', '-p', '#{socket_path}').trim();
			this.tmux('kill-server');
			// tmux leaves the socket file of a killed server behind.
			fs.rmSync(socketPath, {force: true});
		} catch {
			// already gone
		}
	}
}

/** The cursor row: `>` after the run-window column. */
export const cursorLine = (text: string): string => text.split('\n').find((l) => l[1] === '>') ?? '';
