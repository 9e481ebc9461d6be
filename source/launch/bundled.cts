// Runs dist/cli.bundle.cjs as a script with V8's code cache: the bytecode of every function
// a run compiled is saved at exit and reused by the next run of the same command, so start-up
// does not parse and compile the same 600 kB again (Node 20 has no compile cache of its own).

import fs = require('node:fs');
import os = require('node:os');
import path = require('node:path');
import vm = require('node:vm');
import {createRequire} from 'node:module';

const BUNDLE = path.join(__dirname, '../../cli.bundle.cjs');

/** FNV-1a of a string, as 8 hex digits: names an install without loading node:crypto. */
function shortHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return hash.toString(16).padStart(8, '0');
}

/** The start of every cache name of this command and install (two installs keep their own). */
const cachePrefix = (command: string): string => `${command}-${shortHash(BUNDLE)}-`;

/** Where a cache for this bundle, Node and command lives; a rebuilt bundle gets a new name. */
function cacheFile(command: string, stat: fs.Stats): string | undefined {
	const env = process.env;
	if (env['TSCALIGN_CODE_CACHE'] === '0') return undefined;
	const base = env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
	// V8 checks its version and flags but only the length of the source, so the name carries
	// the bundle's size and time: stale bytecode for a changed bundle must never be accepted.
	const key = `${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}`;
	return path.join(base, 'tscalign', `${cachePrefix(command)}${key}.v8cache`);
}

function readCache(file: string | undefined): Buffer | undefined {
	if (file === undefined) return undefined;
	try {
		return fs.readFileSync(file);
	} catch {
		return undefined;
	}
}

/** Writes atomically (two runs may finish together) and drops this install's older caches of the command. */
function writeCache(file: string, data: Buffer, command: string): void {
	try {
		const dir = path.dirname(file);
		fs.mkdirSync(dir, {recursive: true, mode: 0o700});
		const temporary = `${file}.${process.pid}`;
		fs.writeFileSync(temporary, data, {mode: 0o600});
		fs.renameSync(temporary, file);
		for (const name of fs.readdirSync(dir)) {
			if (name.startsWith(cachePrefix(command)) && name.endsWith('.v8cache') && path.join(dir, name) !== file) fs.rmSync(path.join(dir, name), {force: true});
		}
	} catch {
		// A read-only or full home only costs the next run its compile time.
	}
}

/** Runs `command` from the bundle; false when there is no bundle (then run dist/cli.js). */
export function runBundled(command: string): boolean {
	let source: string;
	let stat: fs.Stats;
	try {
		source = fs.readFileSync(BUNDLE, 'utf8');
		stat = fs.statSync(BUNDLE);
	} catch {
		return false;
	}
	const file = cacheFile(command, stat);
	const cachedData = readCache(file);
	const script = new vm.Script(source, {filename: BUNDLE, cachedData});
	if (file !== undefined) {
		// Saved after a run that did its work (exit 0 or 1) and compiled more than the cache
		// held, so it grows to the union of what runs use (text and trace.dat readers, say);
		// a usage error's few functions never replace it. Making the data takes ~3 ms.
		process.once('exit', (code) => {
			if (code !== 0 && code !== 1) return;
			const data = script.createCachedData();
			if (cachedData === undefined || script.cachedDataRejected || data.length > cachedData.length * 1.01) writeCache(file, data, command);
		});
	}
	const main = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
	const module = {exports: {}};
	main(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
	return true;
}
