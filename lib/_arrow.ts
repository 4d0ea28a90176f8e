/**
 * A minimal Arrow IPC stream writer: columns encoded from JavaScript values into one buffer (a
 * schema message, one record batch, the end-of-stream marker), read by polars in one call. Values
 * cross into polars in bulk instead of one napi call per value.
 *
 * Layout (Arrow columnar format, IPC streaming): each message is `0xFFFFFFFF`, the metadata length,
 * a flatbuffer `Message` padded to 8 bytes, then the body. Body buffers are 8-aligned; nodes and
 * buffers are listed depth-first (a list's validity and offsets, then its child; a struct's
 * validity, then its fields). Int64 values are written as two int32 halves, without BigInt.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import pl from "nodejs-polars";

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

/**
 * Where the last frames' time went, in ms (read by the benchmark): the caller's walk over its
 * data, encoding the columns, and polars reading the stream.
 */
export const timings = { walk: 0, encode: 0, read: 0 };

const ALIGN = 8;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

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

/**
 * Text values (null or undefined are null) as Utf8. The strings of up to {@linkcode TEXT_CHUNK}
 * rows are joined and encoded by one `TextEncoder.encodeInto` call: when it writes as many bytes
 * as the joined text has characters, every character was ASCII, and each string's offset is its
 * length in characters. Otherwise that chunk is encoded again one string at a time (so a lone
 * surrogate becomes U+FFFD on its own and never pairs with its neighbour's).
 */
export function writeUtf8(body: Body, values: Values, length: number): void {
  const valid = validity(body, length);
  const offsetsAt = body.reserve((length + 1) * 4);
  const dataStart = body.end;
  let nulls = 0;
  let end = dataStart; // absolute position of the next byte
  for (let first = 0; first < length; first += TEXT_CHUNK) {
    const last = Math.min(first + TEXT_CHUNK, length);
    const offsets = new Int32Array(body.bytes.buffer, offsetsAt, length + 1);
    const u8 = body.bytes;
    let rope = "";
    for (let row = first; row < last; row++) {
      offsets[row] = end - dataStart + rope.length;
      const v = valueAt(values, row);
      if (v === null || v === undefined) {
        nulls++;
        continue;
      }
      rope += v as string;
      u8[valid + (row >> 3)]! |= 1 << (row & 7);
    }
    body.end = end; // what is written so far survives the growth
    body.ensure(3 * rope.length);
    const out = body.bytes.subarray(end);
    const written = encoder.encodeInto(rope, out).written;
    if (written === rope.length) end += written;
    else end = writeEach(body, values, first, last, dataStart, offsetsAt, length);
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
 * Encode rows `first` to `last` one string at a time from `body.end` (room for three bytes a
 * character is already there), setting their offsets; returns the position after the last byte.
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
  const offsets = new Int32Array(body.bytes.buffer, offsetsAt, length + 1);
  let end = body.end;
  for (let row = first; row < last; row++) {
    offsets[row] = end - dataStart;
    const v = valueAt(values, row);
    if (v !== null && v !== undefined) {
      end += encoder.encodeInto(v as string, body.bytes.subarray(end)).written;
    }
  }
  return end;
}

/** Numbers (safe integers) or bigints as Int64; null or undefined are null. */
export function writeInt64(body: Body, values: Values, length: number): void {
  const valid = validity(body, length);
  const at = body.reserve(length * 8);
  const u8 = body.bytes;
  const halves = new Int32Array(u8.buffer, at, length * 2);
  let view: DataView | undefined;
  let nulls = 0;
  for (let row = 0; row < length; row++) {
    const v = valueAt(values, row);
    if (typeof v === "number") {
      halves[2 * row] = v >>> 0;
      halves[2 * row + 1] = Math.floor(v / 4294967296);
    } else if (typeof v === "bigint") {
      (view ??= new DataView(u8.buffer)).setBigInt64(at + row * 8, v, true);
    } else {
      nulls++;
      continue;
    }
    u8[valid + (row >> 3)]! |= 1 << (row & 7);
  }
  body.node(length, nulls);
  finishValidity(body, valid, length, nulls);
  body.buffer(at, length * 8);
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

// ---- Flatbuffers, written front to back: a table's vtable before it, its children after it. ----

type Scalar = { size: 1 | 2 | 4 | 8; value: number };
type Ref = Table | Vec | Structs | string;
class Table {
  constructor(readonly fields: (Scalar | Ref | undefined)[]) {}
}
class Vec {
  constructor(readonly items: Ref[]) {}
}
/** A vector of 16-byte structs of two int64 each (FieldNode, Buffer), from number pairs. */
class Structs {
  constructor(readonly pairs: readonly number[]) {}
}
const u8 = (value: number): Scalar => ({ size: 1, value });
const i16 = (value: number): Scalar => ({ size: 2, value });
const i32 = (value: number): Scalar => ({ size: 4, value });
const i64 = (value: number): Scalar => ({ size: 8, value });

class FlatWriter {
  bytes = new Uint8Array(256);
  view = new DataView(this.bytes.buffer);
  pos = 0;

  ensure(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.pos + n, this.bytes.length * 2));
    grown.set(this.bytes);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  pad(to: number, rem = 0): void {
    while (this.pos % to !== rem) {
      this.ensure(1);
      this.bytes[this.pos++] = 0;
    }
  }

  setInt(at: number, size: number, value: number): void {
    if (size === 1) this.view.setUint8(at, value);
    else if (size === 2) this.view.setInt16(at, value, true);
    else if (size === 4) this.view.setInt32(at, value, true);
    else {
      this.view.setUint32(at, value >>> 0, true);
      this.view.setInt32(at + 4, Math.floor(value / 4294967296), true);
    }
  }

  /** The flatbuffer of a root table. */
  finish(root: Table): Uint8Array {
    this.ensure(4);
    this.pos = 4;
    const at = this.write(root);
    this.view.setUint32(0, at, true);
    return this.bytes.subarray(0, this.pos);
  }

  write(ref: Ref): number {
    if (typeof ref === "string") {
      const text = encoder.encode(ref);
      this.pad(4);
      const at = this.pos;
      this.ensure(4 + text.length + 1);
      this.view.setUint32(at, text.length, true);
      this.bytes.set(text, at + 4);
      this.bytes[at + 4 + text.length] = 0;
      this.pos = at + 4 + text.length + 1;
      return at;
    }
    if (ref instanceof Structs) {
      this.pad(8, 4);
      const at = this.pos;
      const n = ref.pairs.length / 2;
      this.ensure(4 + n * 16);
      this.view.setUint32(at, n, true);
      for (let k = 0; k < ref.pairs.length; k++) this.setInt(at + 4 + k * 8, 8, ref.pairs[k]!);
      this.pos = at + 4 + n * 16;
      return at;
    }
    if (ref instanceof Vec) {
      this.pad(4);
      const at = this.pos;
      const n = ref.items.length;
      this.ensure(4 + 4 * n);
      this.view.setUint32(at, n, true);
      this.pos = at + 4 + 4 * n;
      ref.items.forEach((item, k) => {
        const slot = at + 4 + 4 * k;
        const target = this.write(item); // may grow the buffer: read this.view after it
        this.view.setUint32(slot, target - slot, true);
      });
      return at;
    }
    const fields = ref.fields;
    this.pad(2);
    const vtable = this.pos;
    const vtableSize = 4 + 2 * fields.length;
    this.ensure(vtableSize);
    this.pos += vtableSize;
    this.pad(8);
    const table = this.pos;
    // Inline layout: the vtable offset, then fields by size (largest first, so all are aligned).
    const offsets = fields.map(() => 0);
    let size = 4;
    for (const want of [8, 4, 2, 1]) {
      fields.forEach((field, k) => {
        if (field === undefined) return;
        const fieldSize = typeof field === "object" && "size" in field ? field.size : 4;
        if (fieldSize !== want) return;
        size = (size + want - 1) & ~(want - 1);
        offsets[k] = size;
        size += want;
      });
    }
    this.ensure(size);
    this.view.setUint16(vtable, vtableSize, true);
    this.view.setUint16(vtable + 2, size, true);
    offsets.forEach((offset, k) => this.view.setUint16(vtable + 4 + 2 * k, offset, true));
    this.view.setInt32(table, table - vtable, true);
    this.bytes.fill(0, table + 4, table + size);
    this.pos = table + size;
    fields.forEach((field, k) => {
      if (field !== undefined && typeof field === "object" && "size" in field) {
        this.setInt(table + offsets[k]!, field.size, field.value);
      }
    });
    fields.forEach((field, k) => {
      if (field === undefined || (typeof field === "object" && "size" in field)) return;
      const slot = table + offsets[k]!;
      const target = this.write(field); // may grow the buffer: read this.view after it
      this.view.setUint32(slot, target - slot, true);
    });
    return table;
  }
}

// Arrow's Schema.fbs / Message.fbs ids.
const METADATA_V5 = 4;
const HEADER_SCHEMA = 1;
const HEADER_RECORD_BATCH = 3;
const TYPE = { int: 2, float: 3, utf8: 5, bool: 6, timestamp: 10, list: 12, struct: 13 };

function typeTable(type: ArrowType): [number, Table] {
  switch (type.id) {
    case "utf8":
      return [TYPE.utf8, new Table([])];
    case "bool":
      return [TYPE.bool, new Table([])];
    case "int64":
      return [TYPE.int, new Table([i32(64), u8(1)])];
    case "float64":
      return [TYPE.float, new Table([i16(2)])];
    case "timestamp":
      return [TYPE.timestamp, new Table([i16(1), type.timeZone])];
    case "list":
      return [TYPE.list, new Table([])];
    case "struct":
      return [TYPE.struct, new Table([])];
  }
}

function childrenOf(type: ArrowType): ArrowColumn[] {
  return type.id === "list" ? [type.child] : type.id === "struct" ? type.fields : [];
}

function fieldTable(column: ArrowColumn): Table {
  const [typeId, typeTableValue] = typeTable(column.type);
  return new Table([
    column.name,
    u8(1),
    u8(typeId),
    typeTableValue,
    undefined,
    new Vec(childrenOf(column.type).map(fieldTable)),
  ]);
}

function countOf(columns: ArrowColumn[]): { nodes: number; buffers: number } {
  let nodes = 0;
  let buffers = 0;
  const visit = (column: ArrowColumn) => {
    nodes++;
    const id = column.type.id;
    buffers += id === "utf8" ? 3 : id === "struct" ? 1 : 2;
    childrenOf(column.type).forEach(visit);
  };
  columns.forEach(visit);
  return { nodes, buffers };
}

function message(header: number, table: Table, bodyLength: number): Uint8Array {
  const flat = new FlatWriter().finish(
    new Table([i16(METADATA_V5), u8(header), table, i64(bodyLength)]),
  );
  const padded = align(8 + flat.length) - 8;
  const out = new Uint8Array(8 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xffffffff, true);
  view.setInt32(4, padded, true);
  out.set(flat, 8);
  return out;
}

function batchMessage(rows: number, nodes: number[], buffers: number[], bodyLength: number) {
  return message(
    HEADER_RECORD_BATCH,
    new Table([i64(rows), new Structs(nodes), new Structs(buffers)]),
    bodyLength,
  );
}

/**
 * A polars DataFrame of these columns, through one Arrow IPC stream read by polars.
 *
 * @param columns The columns, in order.
 * @param rows The number of rows.
 * @returns The DataFrame.
 */
export function arrowFrame(columns: ArrowColumn[], rows: number): pl.DataFrame {
  timings.encode = 0;
  timings.read = 0;
  // Columns go in groups of about GROUP_BYTES, each its own stream in one reused buffer: the
  // buffer stays small next to the frame polars builds, and no column nears 2 GiB offsets.
  const frames: pl.DataFrame[] = [];
  let group: ArrowColumn[] = [];
  let bytes = 0;
  for (const column of columns) {
    if (group.length > 0 && bytes + column.size > GROUP_BYTES) {
      frames.push(readGroup(group, rows));
      group = [];
      bytes = 0;
    }
    group.push(column);
    bytes += column.size;
  }
  if (group.length > 0) frames.push(readGroup(group, rows));
  return frames.length === 1 ? frames[0]! : pl.concat(frames, { how: "horizontal" });
}

/** The body size of one stream, above which columns go to the next. */
const GROUP_BYTES = 16 * 2 ** 20;

function readGroup(columns: ArrowColumn[], rows: number): pl.DataFrame {
  const started = performance.now();
  const schema = message(
    HEADER_SCHEMA,
    new Table([i16(0), new Vec(columns.map(fieldTable))]),
    0,
  );
  const { nodes, buffers } = countOf(columns);
  // The batch header's size depends only on the counts: size it with zeros, write it at the end.
  const headerLength =
    batchMessage(rows, new Array(nodes * 2).fill(0), new Array(buffers * 2).fill(0), 0)
      .length;
  const start = schema.length + headerLength;
  const body = new Body(start, scratch(start + columns.reduce((n, c) => n + c.size, 0) + 64));
  for (const column of columns) column.write(body);
  const bodyLength = body.end - start;
  body.ensure(8);
  const eos = body.end;
  new DataView(body.bytes.buffer).setUint32(eos, 0xffffffff, true);
  new DataView(body.bytes.buffer).setUint32(eos + 4, 0, true);
  const bytes = body.bytes;
  bytes.set(schema, 0);
  bytes.set(batchMessage(rows, body.nodes, body.buffers, bodyLength), schema.length);
  const encoded = performance.now();
  const df = pl.readIPCStream(Buffer.from(bytes.buffer, 0, eos + 8));
  timings.encode += encoded - started;
  timings.read += performance.now() - encoded;
  if (bytes.length > (lastScratch?.deref()?.length ?? 0)) lastScratch = new WeakRef(bytes);
  return df;
}

/**
 * The buffer of the last frame built, kept for the next one while the garbage collector allows
 * (fresh memory is slow to touch; polars copies what it reads, so reusing it is safe).
 */
let lastScratch: WeakRef<Uint8Array> | undefined;

function scratch(size: number): Uint8Array {
  const last = lastScratch?.deref();
  return last !== undefined && last.length >= size ? last : new Uint8Array(size);
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
    : writeInt64;
  return {
    name,
    type,
    size: ownSize(type.id, length, chars),
    write: (body) => write(body, values, length),
  };
}
