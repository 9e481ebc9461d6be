// Keys typed while the pair loads: kept in order and applied by the viewer once rows show; q
// and Ctrl-C quit at once unless the viewer would take them otherwise (prompt text, a mark letter).

import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import type {Alignment} from '../../source/core/align.js';
import {closePair, loadPair} from '../../source/loading/load-pair.js';
import {actionsFor} from '../../source/viewer/keys.js';
import {RowModel} from '../../source/viewer/row-model.js';
import {initialState, keyMode, reduce, type Context} from '../../source/viewer/state.js';
import {TypeAhead} from '../../source/viewer/typeahead.js';
import {Views} from '../../source/viewer/views.js';
import {writeFixture, type Fixture} from './fixture.js';
import {KEY, settle} from './harness.js';
import {loadingApp} from './loading-app.js';

let fixture: Fixture;
let alignment: Alignment;
beforeAll(async () => {
	fixture = writeFixture();
	alignment = await loadPair(fixture.host, fixture.guest, {});
});
afterAll(() => {
	closePair(alignment);
	fixture.cleanup();
});

const taken = (keys: string[]): (string | undefined)[] => {
	const typed = new TypeAhead();
	return keys.map((k) => typed.take(k));
};

describe('what a key typed ahead does now', () => {
	test('q quits and Ctrl-C interrupts; other keys wait', () => {
		expect(taken(['G', 'j', 'q'])).toEqual([undefined, undefined, 'quit']);
		expect(taken([':', '5', '^C'])).toEqual([undefined, undefined, 'interrupt']);
		expect(taken(['j', '^Z', 'j'])).toEqual([undefined, 'suspend', undefined]);
	});

	test('q is text in a prompt, a mark letter after m, closes help; it quits again once those end', () => {
		expect(taken(['/', 'q', 'Enter', 'q'])).toEqual([undefined, undefined, undefined, 'quit']);
		expect(taken(['m', 'q', "'", 'q', 'q'])).toEqual([undefined, undefined, undefined, undefined, 'quit']);
		expect(taken(['?', 'q', 'q'])).toEqual([undefined, undefined, 'quit']);
		// Backspace on an empty prompt leaves it, as in the viewer.
		expect(taken(['&', 'x', 'Backspace', 'q', 'Backspace', 'Backspace', 'q'])).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, 'quit']);
	});

	test('its key mode follows the viewer\'s after any keys', () => {
		const model = new RowModel(alignment);
		const keys = fc.constantFrom('/', ':', '&', 'm', "'", '@', '?', 'q', 'a', 'j', 'G', '5', 'Enter', 'Esc', 'Backspace', '^U', 'Tab', 'x', "'");
		fc.assert(
			fc.property(fc.array(keys, {maxLength: 12}), (sequence) => {
				const ctx: Context = {model, views: new Views(model), page: 20, scanning: undefined};
				let state = initialState(ctx);
				const typed = new TypeAhead();
				for (const key of sequence) {
					const actions = actionsFor(key, keyMode(state));
					if (actions.some((a) => a.type === 'quit')) {
						expect(typed.take(key)).toBe('quit');
						return;
					}
					expect(typed.take(key)).toBeUndefined();
					for (const action of actions) state = reduce(ctx, state, action).state;
					expect(typed.keyMode).toBe(keyMode(state));
				}
			}),
			{numRuns: 300},
		);
	});
});

test('keys typed on the loading screen are shown there, then applied in order once the rows show', {timeout: 30_000}, async () => {
	const {instance, finish} = loadingApp([fixture.host, fixture.guest]);
	await settle();
	expect(instance.lastFrame()).toContain('loading (q quits)');
	// Before: every key but q and Ctrl-C was dropped, and the viewer opened on row 1.
	for (const key of ['G', 'k', 'k', '/', 'q', KEY.enter]) {
		instance.stdin.write(key);
		await settle();
	}
	expect(instance.lastFrame()).toContain('keys typed, applied once rows show: G k k / q Enter');
	// A q typed as search text did not quit.
	expect(instance.lastFrame()).toContain('loading (q quits)');
	// In a prompt typed ahead, q is its text: only ^C quits.
	instance.stdin.write(':');
	await settle();
	expect(instance.lastFrame()).toContain('loading (^C quits)');
	instance.stdin.write(KEY.escape);
	await settle(60);
	expect(instance.lastFrame()).toContain('keys typed, applied once rows show: G k k / q Enter : Esc');
	expect(instance.lastFrame()).toContain('loading (q quits)');
	const whole = await loadPair(fixture.host, fixture.guest, {});
	finish(whole);
	// G k k: row 146; /q from there passes the end and finds wq_start on row 3; `:` Esc then clears its message.
	await vi.waitFor(() => expect(instance.lastFrame()?.split('\n').at(-1)).toMatch(/^ row 3\/148 2% +\/q +n\/N next\/previous /), {timeout: 20_000, interval: 50});
	expect(instance.lastFrame()).toMatch(/^.{0,3}>.*wq_start: w200$/m);
	instance.unmount();
	closePair(whole);
});
