// A failed write (a full disk, /dev/full, a closed terminal) is one sentence and exit 2: a
// script must never read a failed write as a verdict (exit 1 means "some events ambiguous").

const REASONS: Record<string, string> = {
	ENOSPC: 'no space left on the device',
	EDQUOT: 'the disk quota is used up',
	EFBIG: 'the file grew past the largest size allowed',
	EIO: 'an input/output error',
	EROFS: 'the file system is read-only',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EBADF: 'it is closed',
	ENOENT: 'no such folder',
	EISDIR: 'it is a folder',
};

/** Why a write failed, in words, with the system's code. */
export function writeReason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const words = code ? REASONS[code] : undefined;
	if (words) return `${words}, ${code}`;
	return code ?? (error instanceof Error ? error.message : String(error));
}

/** The sentence for a write to `what` (standard output, or a file) that failed. */
export function writeFailure(what: string, error: unknown): string {
	return `writing ${what} failed (${writeReason(error)}); the output is incomplete: free some space or write elsewhere, then run the command again.`;
}
