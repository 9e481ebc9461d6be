// Writes a simulated capture to a folder: host.txt, guest.txt and truth.tsv (the host TSC
// and epoch each guest line must get).

import fs from 'node:fs';
import path from 'node:path';
import {writeFailure} from '../display/write-failure.js';
import {InputError} from '../model/errors.js';
import type {SimPlan} from './plan.js';
import {simulate, type SimResult} from './simulate.js';

class LineFile {
	readonly #file: string;
	readonly #fd: number;
	#parts: string[] = [];
	#size = 0;

	constructor(file: string) {
		this.#file = file;
		this.#fd = this.#guard(() => fs.openSync(file, 'w'));
	}

	/** A write that fails (a full disk) becomes one sentence naming the file. */
	#guard<T>(write: () => T): T {
		try {
			return write();
		} catch (error) {
			throw new InputError('output', writeFailure(`to ${this.#file}`, error), this.#file);
		}
	}

	line(text: string): void {
		this.#parts.push(text, '\n');
		this.#size += text.length + 1;
		if (this.#size > 1 << 20) this.flush();
	}

	flush(): void {
		const text = this.#parts.join('');
		this.#guard(() => fs.writeSync(this.#fd, text));
		this.#parts = [];
		this.#size = 0;
	}

	close(): void {
		this.flush();
		this.#guard(() => fs.closeSync(this.#fd));
	}
}

export interface WrittenCapture extends SimResult {
	host: string;
	guest: string;
	/** Every guest file: `guest.txt`, or `guest1.txt`, `guest2.txt`, ... when the plan traces several VMs. */
	guestFiles: string[];
	truth: SimResult['truth'];
}

export function writeCapture(plan: SimPlan, dir: string, options: {truth?: boolean} = {}): WrittenCapture {
	try {
		fs.mkdirSync(dir, {recursive: true});
	} catch (error) {
		throw new InputError('output', `${dir} cannot be made as a folder (${(error as NodeJS.ErrnoException).code ?? 'error'}); give a folder you can write to.`, dir);
	}
	const host = new LineFile(path.join(dir, 'host.txt'));
	const count = Math.max(1, plan.vms.filter((vm) => vm.traced).length);
	// One guest keeps the names it always had; several are numbered like g1, g2 on the command line.
	const suffixes = count === 1 ? [''] : Array.from({length: count}, (_, k) => String(k + 1));
	const guests = suffixes.map((n) => new LineFile(path.join(dir, `guest${n}.txt`)));
	const result = simulate(plan, {host: (l) => host.line(l), guest: (l) => guests[0]!.line(l), guestOf: (k) => (l) => guests[k]!.line(l)});
	host.close();
	for (const guest of guests) guest.close();
	if (options.truth ?? true) {
		(result.guests.length > 0 ? result.guests : [result]).forEach((g, k) => {
			const truth = new LineFile(path.join(dir, `truth${suffixes[k]}.tsv`));
			truth.line('guest_line\tvcpu\tguest_tsc\thost_tsc\tepoch');
			for (const t of g.truth) truth.line(`${t.line}\t${t.vcpu}\t${t.guestTsc}\t${t.hostTsc}\t${t.epoch}`);
			truth.close();
		});
	}
	const guestFiles = suffixes.map((n) => path.join(dir, `guest${n}.txt`));
	return {...result, host: path.join(dir, 'host.txt'), guest: guestFiles[0]!, guestFiles};
}
