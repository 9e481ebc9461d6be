// For a describe block of tmux tests: the fixture pair written once, the command that opens
// the built viewer on it, and a fresh terminal of `columns` x `rows` for each test.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, beforeEach} from 'vitest';
import {Terminal} from '../helpers/tmux.js';
import {writeFixture, type Fixture} from './fixture.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/source/launch/tscalign.cjs');

export interface FixtureInTmux {
	readonly fixture: Fixture;
	/** `node CLI HOST GUEST`, to type in the terminal. */
	readonly viewer: string;
	readonly term: Terminal;
}

export function fixtureInTmux(columns: number, rows: number): FixtureInTmux {
	const state: {fixture?: Fixture; term?: Terminal} = {};
	beforeAll(() => {
		if (!fs.existsSync(CLI)) throw new Error('dist/source/launch/tscalign.cjs is missing: run `npm run build` first');
		state.fixture = writeFixture();
	});
	afterAll(() => state.fixture?.cleanup());
	beforeEach(async () => {
		state.term = new Terminal();
		await state.term.open(columns, rows, ROOT);
	});
	afterEach(() => state.term?.close());
	return {
		get fixture() {
			return state.fixture!;
		},
		get viewer() {
			return `node ${CLI} ${state.fixture!.host} ${state.fixture!.guest}`;
		},
		get term() {
			return state.term!;
		},
	};
}
