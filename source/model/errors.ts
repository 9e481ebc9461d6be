// Typed errors from the core. Each carries one sentence for a person (what, where, what to
// do); the CLI prints it and exits 2. The core never prints and never exits.

export type InputErrorCode =
	| 'missing'
	| 'unreadable'
	| 'empty'
	| 'binary'
	| 'no-events'
	| 'nanosecond-clock'
	| 'corrupt'
	| 'vm-choice'
	| 'output'
	| 'usage';

export class InputError extends Error {
	readonly code: InputErrorCode;
	readonly file: string | undefined;

	constructor(code: InputErrorCode, message: string, file?: string) {
		super(message);
		this.name = 'InputError';
		this.code = code;
		this.file = file;
	}
}

export function isInputError(error: unknown): error is InputError {
	return error instanceof InputError;
}

/**
 * A fault of tscalign's own, not of its input (an exception inside a reader): the CLI says
 * "internal error" and asks for a report, never "the file is damaged".
 */
export class InternalError extends Error {
	constructor(message: string, cause?: unknown) {
		super(message, {cause});
		this.name = 'InternalError';
	}
}
