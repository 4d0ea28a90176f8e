/**
 * The column side of the Arrow IPC writer (`_arrow.ts`): the Arrow types it encodes, columns'
 * values by row ({@linkcode Values}), the record batch {@linkcode Body} they are written into, and
 * one writer per type (Utf8, Int64, Float64, Boolean, a list's and a struct's own buffers).
 *
 * Body buffers are 8-aligned; nodes and buffers are listed depth-first (a list's validity and
 * offsets, then its child; a struct's validity, then its fields). Int64 values are written as two
 * int32 halves, without BigInt; a value Int64 cannot hold exactly is refused, never wrapped.
 *
 * @module
 */

/** The Arrow types this writer encodes. */
export type ArrowType =
  | { id: "utf8" }
  | { id: "int64" }
  | { id: "float64" }
  | { id: "bool" }
  | { id: "timestamp"; unit: "ms"; timeZone: string }
  | { id: "list"; child: ArrowColumn }
  | { id: "struct"; fields: ArrowColumn[] };

/**
 * A column's values by row, in chunks of `2 ** bits` rows (a missing chunk or hole is null): the
 * walk fills fixed-size chunks instead of growing one array, which copies and allocates less.
 */
export interface Values {
  readonly chunks: readonly (ArrayLike<unknown> | undefined)[];
  readonly bits: number;
  /** `2 ** bits - 1`. */
  readonly mask: number;
}

/** One array as {@linkcode Values}. */
export function plain(values: ArrayLike<unknown>): Values {
  return { chunks: [values], bits: 31, mask: 0x7fffffff };
}

/** The value at `row` (undefined where there is none). */
export function valueAt(values: Values, row: number): unknown {
  const chunk = values.chunks[row >>> values.bits];
  return chunk === undefined ? undefined : chunk[row & values.mask];
}

/** A column: its name, type and a function that writes its nodes and buffers into the body. */
export interface ArrowColumn {
  name: string;
  type: ArrowType;
  /** The bytes it will take in the body (text counted one byte a character; more grows it). */
  size: number;
  write(body: Body): void;
}

const ALIGN = 8;
/** `n` rounded up to a multiple of 8, the alignment of body buffers and messages. */
export const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** Body bytes of a column's own buffers (for a list or struct, without its children). */
export function ownSize(id: ArrowType["id"], length: number, chars = 0): number {
  const bits = align((length + 7) >> 3);
  switch (id) {
    case "utf8":
      return bits + align((length + 1) * 4) + align(chars);
    case "list":
      return bits + align((length + 1) * 4);
    case "struct":
      return bits;
    case "bool":
      return 2 * bits;
    default:
      return bits + 8 * length;
  }
}
const encoder = new TextEncoder();

/** The record batch body being written: a growing byte buffer, its nodes and its buffers. */
export class Body {
  bytes: Uint8Array;
  /** Next free byte. */
  end: number;
  /** `length, nullCount` per node. */
  readonly nodes: number[] = [];
  /** `offset, length` per buffer, offsets from the body's start. */
  readonly buffers: number[] = [];
  readonly start: number;

  constructor(start: number, bytes: Uint8Array) {
    this.start = start;
    this.end = start;
    this.bytes = bytes;
  }

  /** Make room for `n` more bytes after `end`. */
  ensure(n: number): void {
    const needed = this.end + n;
    if (needed <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, Math.floor(this.bytes.length * 1.5)));
    grown.set(this.bytes.subarray(0, this.end));
    this.bytes = grown;
  }

  /** Reserve an 8-aligned, zeroed region of `n` bytes; returns its absolute position. */
  reserve(n: number): number {
    const size = align(n);
    this.ensure(size);
    const at = this.end;
    this.bytes.fill(0, at, at + size);
    this.end = at + size;
    return at;
  }

  /** Record a buffer at absolute position `at` of `length` bytes. */
  buffer(at: number, length: number): void {
    this.buffers.push(at - this.start, length);
  }

  node(length: number, nullCount: number): void {
    this.nodes.push(length, nullCount);
  }
}

/** Validity bitmap writer: call `set(i)` for each valid row, then `finish`. */
function validity(body: Body, length: number): number {
  return body.reserve((length + 7) >> 3);
}

function finishValidity(body: Body, at: number, length: number, nulls: number): void {
  body.buffer(at, nulls === 0 ? 0 : (length + 7) >> 3);
}

/** Whether a value counts as null. */
const isNull = (v: unknown) => v === null || v === undefined;

/** Strings encoded together by {@linkcode writeUtf8}: one `encodeInto` call per this many rows. */
const TEXT_CHUNK = 1024;
/** The longest joined text {@linkcode writeUtf8} builds (V8's strings end near 2^29 characters). */
const ROPE_LIMIT = 2 ** 24;

/**
 * Text values (null or undefined are null) as Utf8. The strings of up to {@linkcode TEXT_CHUNK}
 * rows are joined and encoded by one `TextEncoder.encodeInto` call into as many bytes as the
 * joined text has characters: when all of it fits, every character was ASCII, and each string's
 * offset is its length in characters. Otherwise that chunk, and every later one of the column, is
 * encoded one string at a time by {@linkcode writeEach} (so a lone surrogate becomes U+FFFD within
 * its string and never pairs with its neighbour's).
 */
export function writeUtf8(body: Body, values: Values, length: number): void {
  const valid = validity(body, length);
  const offsetsAt = body.reserve((length + 1) * 4);
  const dataStart = body.end;
  let nulls = 0;
  let end = dataStart; // absolute position of the next byte
  let mixed = false; // whether a chunk of this column was not ASCII
  for (let first = 0, last = 0; first < length; first = last) {
    last = Math.min(first + TEXT_CHUNK, length);
    const offsets = new Int32Array(body.bytes.buffer, offsetsAt, length + 1);
    const u8 = body.bytes;
    let rope = ""; // the chunk's strings joined, while the column is ASCII so far
    let chars = 0;
    for (let row = first; row < last; row++) {
      const v = valueAt(values, row) as string | null | undefined;
      if (v !== null && v !== undefined && chars + v.length > ROPE_LIMIT && row > first) {
        last = row; // long strings: this row starts the next rope
        break;
      }
      offsets[row] = end - dataStart + chars;
      if (v === null || v === undefined) {
        nulls++;
        continue;
      }
      if (!mixed) rope += v;
      chars += v.length;
      u8[valid + (row >> 3)]! |= 1 << (row & 7);
    }
    body.end = end; // what is written so far survives a growth
    if (!mixed) {
      body.ensure(chars);
      // Room for one byte a character: all of it is read only when every character is ASCII.
      const { read } = encoder.encodeInto(rope, body.bytes.subarray(end, end + chars));
      if (read === chars) end += read;
      else mixed = true; // this chunk and the rest of the column go string by string
    }
    if (mixed) end = writeEach(body, values, first, last, dataStart, offsetsAt, length);
    if (end - dataStart > 0x7fffffff) {
      throw new RangeError(
        "Cannot build a text column of more than 2 GiB: normalize the data in parts",
      );
    }
  }
  const offsets = new Int32Array(body.bytes.buffer, offsetsAt, length + 1);
  offsets[length] = end - dataStart;
  const bytes = end - dataStart;
  body.end = end;
  body.ensure(8);
  body.end = dataStart + align(bytes);
  body.bytes.fill(0, end, body.end);
  body.node(length, nulls);
  finishValidity(body, valid, length, nulls);
  body.buffer(offsetsAt, (length + 1) * 4);
  body.buffer(dataStart, bytes);
}

/**
 * Encode rows `first` to `last` one string at a time from `body.end`, growing the body when a
 * string might not fit, and set their offsets; returns the position after the last byte.
 */
function writeEach(
  body: Body,
  values: Values,
  first: number,
  last: number,
  dataStart: number,
  offsetsAt: number,
  length: number,
): number {
  let offsets = new Int32Array(body.bytes.buffer, offsetsAt, length + 1);
  let u8 = body.bytes;
  let end = body.end;
  for (let row = first; row < last; row++) {
    offsets[row] = end - dataStart;
    const v = valueAt(values, row) as string | null | undefined;
    if (v === null || v === undefined) continue;
    if (end + 3 * v.length > u8.length) {
      body.end = end; // three bytes a character at most; what is written survives the growth
      body.ensure(3 * v.length);
      u8 = body.bytes;
      offsets = new Int32Array(u8.buffer, offsetsAt, length + 1);
    }
    end = encodeUtf8(v, u8, end);
  }
  return end;
}

/**
 * `text` as UTF-8 into `u8` from `at`, as `TextEncoder` writes it (a lone surrogate becomes
 * U+FFFD), without a call per string; returns the position after the last byte.
 */
function encodeUtf8(text: string, u8: Uint8Array, at: number): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) u8[at++] = c;
    else if (c < 0x800) {
      u8[at++] = 0xc0 | (c >> 6);
      u8[at++] = 0x80 | (c & 63);
    } else if (c < 0xd800 || c > 0xdfff) {
      u8[at++] = 0xe0 | (c >> 12);
      u8[at++] = 0x80 | ((c >> 6) & 63);
      u8[at++] = 0x80 | (c & 63);
    } else {
      const d = c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const point = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        u8[at++] = 0xf0 | (point >> 18);
        u8[at++] = 0x80 | ((point >> 12) & 63);
        u8[at++] = 0x80 | ((point >> 6) & 63);
        u8[at++] = 0x80 | (point & 63);
      } else {
        u8[at++] = 0xef; // U+FFFD
        u8[at++] = 0xbf;
        u8[at++] = 0xbd;
      }
    }
  }
  return at;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Whole numbers as Int64: numbers that are safe integers (within ±(2^53 - 1), where every whole
 * number is exact) and bigints within Int64; null or undefined are null. Returns the first row
 * whose value is neither (a fraction, a number beyond 2^53, a bigint beyond Int64, NaN, text), or
 * -1: such a value would be truncated or wrap, so the caller refuses it.
 */
export function writeInt64(body: Body, values: Values, length: number): number {
  const valid = validity(body, length);
  const at = body.reserve(length * 8);
  const u8 = body.bytes;
  const halves = new Int32Array(u8.buffer, at, length * 2);
  let view: DataView | undefined;
  let nulls = 0;
  for (let row = 0; row < length; row++) {
    const v = valueAt(values, row);
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v)) return row;
      halves[2 * row] = v >>> 0;
      halves[2 * row + 1] = Math.floor(v / 4294967296);
    } else if (typeof v === "bigint") {
      if (v < INT64_MIN || v > INT64_MAX) return row;
      (view ??= new DataView(u8.buffer)).setBigInt64(at + row * 8, v, true);
    } else if (v === null || v === undefined) {
      nulls++;
      continue;
    } else return row;
    u8[valid + (row >> 3)]! |= 1 << (row & 7);
  }
  body.node(length, nulls);
  finishValidity(body, valid, length, nulls);
  body.buffer(at, length * 8);
  return -1;
}

/** The sentence for a value {@linkcode writeInt64} cannot hold exactly. */
function notWhole(name: string, row: number, value: unknown): RangeError {
  const shown = typeof value === "bigint"
    ? `${value}n`
    : typeof value === "string"
    ? JSON.stringify(value.slice(0, 40))
    : String(value);
  return new RangeError(
    `Cannot put ${shown} in the Int64 column "${name}" (row ${row}): it holds whole numbers within ±(2^53 - 1), or bigints within Int64, exactly, and would truncate or wrap this one`,
  );
}

/** Numbers or bigints as Float64; null or undefined are null. */
export function writeFloat64(body: Body, values: Values, length: number): void {
  const valid = validity(body, length);
  const at = body.reserve(length * 8);
  const u8 = body.bytes;
  const data = new Float64Array(u8.buffer, at, length);
  let nulls = 0;
  for (let row = 0; row < length; row++) {
    const v = valueAt(values, row);
    if (isNull(v)) {
      nulls++;
      continue;
    }
    data[row] = Number(v);
    u8[valid + (row >> 3)]! |= 1 << (row & 7);
  }
  body.node(length, nulls);
  finishValidity(body, valid, length, nulls);
  body.buffer(at, length * 8);
}

/** Booleans; null or undefined are null. */
export function writeBool(body: Body, values: Values, length: number): void {
  const valid = validity(body, length);
  const at = body.reserve((length + 7) >> 3);
  const u8 = body.bytes;
  let nulls = 0;
  for (let row = 0; row < length; row++) {
    const v = valueAt(values, row);
    if (isNull(v)) {
      nulls++;
      continue;
    }
    u8[valid + (row >> 3)]! |= 1 << (row & 7);
    if (v) u8[at + (row >> 3)]! |= 1 << (row & 7);
  }
  body.node(length, nulls);
  finishValidity(body, valid, length, nulls);
  body.buffer(at, (length + 7) >> 3);
}

/**
 * A list column's own buffers (validity, int32 offsets) from its values: arrays are lists, anything
 * else null. Its child's buffers are written next by the caller.
 */
export function writeListHeader(body: Body, values: Values, length: number): void {
  const valid = validity(body, length);
  const at = body.reserve((length + 1) * 4);
  const u8 = body.bytes;
  const offsets = new Int32Array(u8.buffer, at, length + 1);
  let nulls = 0;
  let end = 0;
  for (let row = 0; row < length; row++) {
    const v = valueAt(values, row);
    if (Array.isArray(v)) {
      end += v.length;
      u8[valid + (row >> 3)]! |= 1 << (row & 7);
    } else nulls++;
    offsets[row + 1] = end;
  }
  if (end > 0x7fffffff) {
    throw new RangeError("Cannot build a list column of more than 2^31 items: normalize in parts");
  }
  body.node(length, nulls);
  finishValidity(body, valid, length, nulls);
  body.buffer(at, (length + 1) * 4);
}

/** A struct column's own buffer (validity) from its values: objects are rows, anything else null. */
export function writeStructHeader(body: Body, values: Values, length: number): void {
  const valid = validity(body, length);
  const u8 = body.bytes;
  let nulls = 0;
  for (let row = 0; row < length; row++) {
    const v = valueAt(values, row);
    if (typeof v === "object" && v !== null) u8[valid + (row >> 3)]! |= 1 << (row & 7);
    else nulls++;
  }
  body.node(length, nulls);
  finishValidity(body, valid, length, nulls);
}

/**
 * A leaf column of `type` written from `values` (for the scalar types); `chars`, the total length
 * of text values, is counted when not given.
 */
export function leafColumn(
  name: string,
  type: ArrowType & { id: "utf8" | "int64" | "float64" | "bool" | "timestamp" },
  values: Values,
  length: number,
  chars?: number,
): ArrowColumn {
  if (type.id === "utf8" && chars === undefined) {
    chars = 0;
    for (const chunk of values.chunks) {
      if (chunk === undefined) continue;
      for (let i = 0; i < chunk.length; i++) {
        const v = chunk[i];
        if (typeof v === "string") chars += v.length;
      }
    }
  }
  const write = type.id === "utf8"
    ? writeUtf8
    : type.id === "float64"
    ? writeFloat64
    : type.id === "bool"
    ? writeBool
    : (body: Body) => {
      const row = writeInt64(body, values, length);
      if (row >= 0) throw notWhole(name, row, valueAt(values, row));
    };
  return {
    name,
    type,
    size: ownSize(type.id, length, chars),
    write: (body) => write(body, values, length),
  };
}
