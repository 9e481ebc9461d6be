// Long work on the main thread in time slices, so the screen keeps updating and keys (Esc)
// get their turn between slices: the `/` search and the `&` filter's scan both run this way.

/**
 * Runs `step` now and, while it returns false (out of time, not finished), again after the
 * event loop has had a turn. `step(until)` works until it finishes (true) or
 * performance.now() passes `until` (false). Returns a cancel function.
 */
export function inSlices(step: (until: number) => boolean, sliceMs: number, onPause: () => void): () => void {
	let cancelled = false;
	let timer: NodeJS.Immediate | undefined;
	const run = (): void => {
		timer = undefined;
		if (step(performance.now() + sliceMs)) return;
		onPause();
		timer = setImmediate(() => {
			if (!cancelled) run();
		});
	};
	run();
	return () => {
		cancelled = true;
		if (timer) clearImmediate(timer);
	};
}
