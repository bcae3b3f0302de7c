/**
 * UTF-8 length of a string without allocating a buffer. Batches are limited in
 * bytes on the wire (Socket.IO's maxHttpBufferSize counts bytes), and Japanese
 * text is three bytes a character, so `string.length` would undercount.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte code point.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Size of one event as it sits inside a batch's JSON array. */
export function eventBytes(event: unknown): number {
  return utf8Length(JSON.stringify(event));
}
