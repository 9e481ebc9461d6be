// Loading progress shared between the readers' callback and the loading screen.

import type {Progress} from '../formats/format-reader.js';

export type LoadPhase = 'reading' | 'preparing';

const NOTIFY_MS = 100;

export interface LoadSnapshot {
	phase: LoadPhase;
	files: Progress[];
}

export class LoadProgress {
	#snapshot: LoadSnapshot;
	readonly #listeners = new Set<() => void>();
	#lastNotified = -Infinity;
	#pending: NodeJS.Timeout | undefined;

	constructor(files: string[]) {
		this.#snapshot = {phase: 'reading', files: files.map((file) => ({file, bytes: 0, totalBytes: 0, events: 0}))};
	}

	/** The readers' progress callback. */
	readonly update = (progress: Progress): void => {
		const files = this.#snapshot.files.map((f) => (f.file === progress.file ? {...progress} : f));
		this.#snapshot = {...this.#snapshot, files};
		// Readers report every few MB, a hundred times a second for two large files; each
		// report drawn is main-thread time taken from loading, so the screen follows at 10 a second.
		const wait = this.#lastNotified + NOTIFY_MS - performance.now();
		if (wait <= 0) this.#notify();
		else this.#pending ??= setTimeout(() => this.#notify(), wait).unref();
	};

	setPhase(phase: LoadPhase): void {
		this.#snapshot = {...this.#snapshot, phase};
		this.#notify();
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	readonly snapshot = (): LoadSnapshot => this.#snapshot;

	#notify(): void {
		if (this.#pending) clearTimeout(this.#pending);
		this.#pending = undefined;
		this.#lastNotified = performance.now();
		for (const listener of this.#listeners) listener();
	}
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
	return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** `host.txt: 12.0 MiB of 300.0 MiB (4%), 150000 events`; a gzip file's size is compressed, so no percent then. */
export function progressLine(p: Progress): string {
	const done = p.totalBytes > 0 && p.bytes >= p.totalBytes;
	const amount = p.totalBytes > 0 && p.bytes <= p.totalBytes ? `${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)} (${Math.floor((p.bytes * 100) / p.totalBytes)}%)` : `${formatBytes(p.bytes)} read`;
	return `${p.file}: ${amount}, ${p.events} events${done ? ', read' : ''}`;
}
