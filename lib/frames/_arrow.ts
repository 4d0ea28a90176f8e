/**
 * A minimal Arrow IPC stream writer: columns encoded from JavaScript values into one buffer (a
 * schema message, one record batch, the end-of-stream marker), read by polars in one call. Values
 * cross into polars in bulk instead of one napi call per value.
 *
 * This module frames the stream and hands it to polars ({@linkcode arrowFrame}); the columns and
 * their writers are in `_arrow_columns.ts`, the flatbuffer metadata (schema, batch header) in
 * `_arrow_flatbuffer.ts`. Layout (Arrow columnar format, IPC streaming): each message is
 * `0xFFFFFFFF`, the metadata length, a flatbuffer `Message` padded to 8 bytes, then the body.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import pl from "nodejs-polars";
import { type ArrowColumn, Body } from "./_arrow_columns.ts";
import { batchMessage, countOf, schemaMessage } from "./_arrow_flatbuffer.ts";

/**
 * Where the last frames' time went, in ms (read by the benchmark): the caller's walk over its
 * data, encoding the columns, and polars reading the stream.
 */
export const timings = { walk: 0, encode: 0, read: 0 };

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
  const schema = schemaMessage(columns);
  const { nodes, buffers } = countOf(columns);
  // The batch header's size depends only on the counts: size it with zeros, write it at the end.
  const headerLength =
    batchMessage(rows, new Array(nodes * 2).fill(0), new Array(buffers * 2).fill(0), 0)
      .length;
  const start = schema.length + headerLength;
  // Sizes count a byte a character; a sixteenth more leaves room for some text beyond ASCII.
  const size = columns.reduce((n, c) => n + c.size, 0);
  const body = new Body(start, scratch(start + size + Math.ceil(size / 16) + 64));
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
  keep(bytes);
  return df;
}

/**
 * The largest buffer a frame was built in, kept for the next frames: fresh memory is slow to
 * touch (on a virtual machine here, 4 ms a megabyte the first time), and polars copies what it
 * reads, so reusing it is safe. Up to {@linkcode KEEP_BYTES} it is held for good (glibc unmaps
 * blocks past 32 MiB when they are freed, so a collected buffer would come back as fresh memory);
 * a larger one only until the garbage collector takes it.
 */
let kept: Uint8Array | undefined;
let keptWeak: WeakRef<Uint8Array> | undefined;
/** The largest buffer held for good. */
const KEEP_BYTES = 64 * 2 ** 20;

function keep(bytes: Uint8Array): void {
  if (bytes.length <= KEEP_BYTES) {
    if (bytes.length > (kept?.length ?? 0)) kept = bytes;
  } else if (bytes.length > (keptWeak?.deref()?.length ?? 0)) keptWeak = new WeakRef(bytes);
}

function scratch(size: number): Uint8Array {
  if (kept !== undefined && kept.length >= size) return kept;
  const big = keptWeak?.deref();
  return big !== undefined && big.length >= size ? big : new Uint8Array(size);
}
