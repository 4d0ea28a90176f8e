/**
 * The metadata side of the Arrow IPC writer (`_arrow.ts`): a small flatbuffer writer and the Arrow
 * `Message` tables built with it, the schema of a list of columns and a record batch's header.
 *
 * Each message is `0xFFFFFFFF`, the metadata length, then a flatbuffer `Message` padded to 8 bytes
 * (the body follows it, written by `_arrow_columns.ts`).
 *
 * @module
 */
import { align, type ArrowColumn, type ArrowType } from "./_arrow_columns.ts";

const encoder = new TextEncoder();

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
    if (typeof ref === "string") return this.writeString(ref);
    if (ref instanceof Structs) return this.writeStructs(ref);
    if (ref instanceof Vec) return this.writeVec(ref);
    return this.writeTable(ref);
  }

  private writeString(ref: string): number {
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

  private writeStructs(ref: Structs): number {
    this.pad(8, 4);
    const at = this.pos;
    const n = ref.pairs.length / 2;
    this.ensure(4 + n * 16);
    this.view.setUint32(at, n, true);
    for (let k = 0; k < ref.pairs.length; k++) this.setInt(at + 4 + k * 8, 8, ref.pairs[k]!);
    this.pos = at + 4 + n * 16;
    return at;
  }

  private writeVec(ref: Vec): number {
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

  /** A table: its vtable, then its inline fields, then what its offset fields point to. */
  private writeTable(ref: Table): number {
    const fields = ref.fields;
    this.pad(2);
    const vtable = this.pos;
    const vtableSize = 4 + 2 * fields.length;
    this.ensure(vtableSize);
    this.pos += vtableSize;
    this.pad(8);
    const table = this.pos;
    const { offsets, size } = inlineLayout(fields);
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

/**
 * A table's inline layout: the vtable offset first, then its fields by size, largest first, so that
 * every field is aligned. Offset fields (strings, vectors, tables) take 4 bytes.
 */
function inlineLayout(fields: Table["fields"]): { offsets: number[]; size: number } {
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
  return { offsets, size };
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

/** How many nodes and buffers these columns write (their children included). */
export function countOf(columns: ArrowColumn[]): { nodes: number; buffers: number } {
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

/** The header message of a record batch: its rows, nodes and buffers (as number pairs). */
export function batchMessage(rows: number, nodes: number[], buffers: number[], bodyLength: number) {
  return message(
    HEADER_RECORD_BATCH,
    new Table([i64(rows), new Structs(nodes), new Structs(buffers)]),
    bodyLength,
  );
}

/** The schema message of these columns. */
export function schemaMessage(columns: ArrowColumn[]): Uint8Array {
  return message(
    HEADER_SCHEMA,
    new Table([i16(0), new Vec(columns.map(fieldTable))]),
    0,
  );
}
