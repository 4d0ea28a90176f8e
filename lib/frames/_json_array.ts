/**
 * Parsing a JSON file's bytes, including files too large for one JavaScript string (V8 caps a
 * string at about 512 MiB): a top-level array that large is cut between its items and parsed in
 * parts.
 *
 * @module
 */

const decoder = new TextDecoder(); // drops a UTF-8 byte order mark at the start

/** Files up to this size are decoded and parsed whole. */
export const WHOLE_BYTES = 256 * 2 ** 20;

/**
 * The value of a JSON text given as UTF-8 bytes (a byte order mark at the start is skipped).
 *
 * @param bytes The file's bytes.
 * @param partBytes Above this size, a top-level array is parsed in parts of about this size.
 * @returns The parsed value.
 * @throws {SyntaxError} When the bytes are not JSON.
 */
export function parseJsonBytes(bytes: Uint8Array, partBytes = WHOLE_BYTES): unknown {
  if (bytes.length <= partBytes) return JSON.parse(decoder.decode(bytes));
  let open = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) open = 3;
  while (open < bytes.length && isSpace(bytes[open]!)) open++;
  if (bytes[open] !== 0x5b) return JSON.parse(decoder.decode(bytes)); // not an array: as it is
  const items: unknown[] = [];
  const parse = (from: number, to: number) => {
    const part = JSON.parse(`[${decoder.decode(bytes.subarray(from, to))}]`) as unknown[];
    for (let i = 0; i < part.length; i++) items.push(part[i]);
  };
  let depth = 0;
  let start = open + 1;
  let end = -1;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x22) {
      // Skip the string, escapes included.
      for (i++; i < bytes.length && bytes[i] !== 0x22; i++) if (bytes[i] === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) {
        end = i;
        break;
      }
      depth--;
    } else if (c === 0x2c && depth === 0 && i - start >= partBytes) {
      parse(start, i);
      start = i + 1;
    }
  }
  if (end < 0) throw new SyntaxError("Unexpected end of JSON input");
  for (let i = end + 1; i < bytes.length; i++) {
    if (!isSpace(bytes[i]!)) throw new SyntaxError(`Unexpected data after JSON at position ${i}`);
  }
  if (hasContent(bytes, start, end)) parse(start, end);
  else if (items.length > 0) throw new SyntaxError(`Unexpected "]" at position ${end}`);
  return items;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function hasContent(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(bytes[i]!)) return true;
  return false;
}
