// UTF-8 text of a byte range as TextDecoder gives it (bad bytes replaced, a leading byte order
// mark dropped), from Buffer's native decoder: TextDecoder.decode costs microseconds a call,
// and a trace.dat holds thousands of format texts and a C string in most events.

const utf8Slice = Buffer.prototype.utf8Slice as (this: Uint8Array, start: number, end: number) => string;

export function utf8Text(bytes: Uint8Array, start = 0, end = bytes.length): string {
	// TextDecoder drops a byte order mark that starts the text; Buffer's decoder keeps it.
	if (end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
	return utf8Slice.call(bytes, start, end);
}
