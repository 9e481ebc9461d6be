// Environment variables that modules read when they load (colour support, NO_COLOR): set
// before the dynamic imports that need them, and put back after the file's tests.

import {afterAll} from 'vitest';

export function setEnvForFile(values: Record<string, string>): void {
	const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
	Object.assign(process.env, values);
	afterAll(() => {
		for (const [key, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	});
}
