// The whole interactive App (loading screen, then viewer) under ink-testing-library, its load
// finished by the test when it chooses.

import {render} from 'ink-testing-library';
import React from 'react';
import type {Alignment} from '../../source/core/align.js';
import {App} from '../../source/viewer/app.js';
import {LoadProgress} from '../../source/viewer/load-progress.js';

export function loadingApp(files: string[]): {progress: LoadProgress; instance: ReturnType<typeof render>; finish: (alignment: Alignment) => void} {
	const progress = new LoadProgress(files);
	let finish: (alignment: Alignment) => void = () => {};
	const load = new Promise<Alignment>((resolve) => {
		finish = resolve;
	});
	const instance = render(<App load={load} progress={progress} />);
	return {progress, instance, finish};
}
