/**
 * `normalize`: pandas' `json_normalize` for nodejs-polars. Nested objects become dotted columns,
 * `recordPath` turns nested lists into rows, `meta` repeats parent fields on each row.
 *
 * How: one walk over the records fills one column per flattened path (in order of first
 * appearance); objects left as values (below `maxLevel`, inside lists) fill their fields as
 * sub-columns and lists fill one item column, so nested data is gathered in the same walk. Each
 * column's type is inferred from all its values, then the columns are encoded into Arrow IPC
 * streams (a few columns at a time, in one reused buffer) that polars reads in bulk
 * (`lib/_arrow.ts`). polars' record builders are not used (they drop late keys, turn lists of
 * objects into nulls and integers into floats). Column order is pandas': in each record its own
 * values come before its flattened objects, and columns appear in order of first appearance.
 *
 * Types: whole numbers are Int64 (exact beyond 2^53 when given as bigint), other numbers Float64,
 * booleans Boolean, text String; objects left as values are Struct columns, lists List columns
 * (a list of objects is a List of Struct). A column that mixes kinds of scalars is text (`"1"`,
 * `"true"`); one that mixes objects or lists with other kinds holds their JSON text. A column with
 * only nulls is String. An empty object flattens to nothing, as in pandas (the row has null
 * there, and a path that only ever holds empty objects is no column); an empty object kept as a
 * value (below `maxLevel`, in a list) is a Struct row of null fields, or the text `"{}"` where no
 * object of that column has a field (polars has no empty struct; pandas keeps `{}`).
 *
 * Differences from pandas (deliberate): pandas keeps lists and dicts as Python objects in `object`
 * columns, here they are typed List and Struct columns with the same values; pandas turns an
 * integer column with a missing value into float64 (`NaN`), here it stays Int64 with a null; a
 * boolean column with a missing value is Boolean with null here, `object` in pandas; a column that
 * mixes kinds is `object` in pandas and text here; `meta` columns are `object` in pandas and typed
 * here; a result with no columns has no rows here (polars frames cannot). Column names, their
 * order, row counts and values otherwise match `pandas.json_normalize` (checked by
 * `normalize_pandas_test.ts`).
 *
 * Limits: data nested deeper than 100 levels, or an object that contains itself, is refused with
 * one sentence; the number of records is limited only by memory.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  type ArrowColumn,
  arrowFrame,
  leafColumn,
  ownSize,
  timings,
  valueAt,
  type Values,
  writeListHeader,
  writeStructHeader,
} from "./_arrow.ts";
import { typedSeries } from "./_series.ts";

/**
 * Where the last `normalize` or `readStreamingHistory` call spent its time, in ms: walking the
 * records, encoding Arrow buffers, polars reading them. The benchmarks print it; not in `mod.ts`.
 */
export { timings } from "./_arrow.ts";

/** A path into an object: a key, or a list of keys. */
export type JsonPath = string | readonly string[];

/** Options of {@linkcode normalize}, as pandas `json_normalize`'s in camelCase. */
export interface NormalizeOptions {
  /** Path to the list of records in each object; its items become the rows. */
  recordPath?: JsonPath | undefined;
  /** Fields (or paths) of the parents repeated on each record row. */
  meta?: readonly JsonPath[] | undefined;
  /**
   * Prefix of meta columns.
   * @default {""}
   */
  metaPrefix?: string | undefined;
  /**
   * Prefix of record columns.
   * @default {""}
   */
  recordPrefix?: string | undefined;
  /**
   * Separator of nested keys in column names.
   * @default {"."}
   */
  sep?: string | undefined;
  /**
   * How deep to flatten; deeper objects stay as Struct columns.
   * @default {Infinity}
   */
  maxLevel?: number | undefined;
  /**
   * What a missing meta key does: `raise` throws, `ignore` gives null.
   * @default {"raise"}
   */
  errors?: "raise" | "ignore" | undefined;
  /** Pin columns and their types; absent ones become null columns of that type. */
  schema?: Record<string, pl.DataType> | undefined;
}

/** How deep data may nest (objects and lists), so that no walk can overflow the stack. */
const MAX_DEPTH = 100;

/**
 * Flatten JSON into a polars DataFrame, with pandas `json_normalize` semantics.
 *
 * @param data One object (one row) or a list of objects.
 * @param options `recordPath`, `meta`, prefixes, `sep`, `maxLevel`, `errors`, `schema`.
 * @returns The DataFrame.
 * @throws {TypeError} When a record path does not lead to a list, a meta key is missing with
 * `errors: "raise"`, or the data contains itself.
 * @throws {RangeError} When the data is nested deeper than 100 levels.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalize } from "./normalize.ts";
 * const df = normalize([{ id: 1, album: { name: "A" } }, { id: 2, album: { name: "B" } }]);
 * assert.deepEqual(df.columns, ["id", "album.name"]);
 * assert.deepEqual(df.getColumn("album.name").toArray(), ["A", "B"]);
 * ```
 */
export function normalize(data: unknown, options: NormalizeOptions = {}): pl.DataFrame {
  timings.walk = -performance.now();
  const sep = options.sep ?? ".";
  const maxLevel = options.maxLevel ?? Infinity;
  const builder = new ColumnBuilder(sep, maxLevel);

  if (options.recordPath === undefined) {
    const records = Array.isArray(data) ? data : [data];
    for (const record of records) builder.addRecord(record);
    return finish(builder.columns(), builder.rows, options.schema);
  }

  const path = toPath(options.recordPath);
  const metas = (options.meta ?? []).map(toPath);
  const metaKeys = metas.map((m) => m.join(sep));
  const metaColumns = metas.map(() => new Col());
  const errors = options.errors ?? "raise";

  const extract = (node: unknown, rest: string[], seen: unknown[], level: number, at: string) => {
    const objects = Array.isArray(node) ? node : [node];
    for (let index = 0; index < objects.length; index++) {
      const obj = objects[index];
      const where = `${at}[${index}]`;
      if (rest.length > 1) {
        const nextSeen = metas.map((m, k) =>
          level + 1 === m.length ? pullField(obj, m.slice(-1), errors, where) : seen[k]
        );
        extract(
          pullField(obj, [rest[0]!], "raise", where, true),
          rest.slice(1),
          nextSeen,
          level + 1,
          `${where}.${rest[0]}`,
        );
        continue;
      }
      const records = pullRecords(obj, rest[0]!, where);
      const first = builder.rows;
      for (const record of records) builder.addRecord(record);
      metas.forEach((m, k) => {
        const value = level + 1 > m.length
          ? seen[k]
          : pullField(obj, m.slice(level), errors, where);
        for (let row = first; row < builder.rows; row++) {
          metaColumns[k]!.put(row, value, 0, builder);
        }
      });
    }
  };
  extract(data, path, metas.map(() => undefined), 0, "data");

  const recordPrefix = options.recordPrefix ?? "";
  const columns = builder.columns().map((c) => ({ ...c, name: recordPrefix + c.name }));
  const metaPrefix = options.metaPrefix ?? "";
  metaKeys.forEach((key, k) => {
    const name = metaPrefix + key;
    if (columns.some((c) => c.name === name)) {
      throw new TypeError(
        `Conflicting metadata name "${name}": a record field has that name too; pass metaPrefix or recordPrefix to tell them apart`,
      );
    }
    columns.push({ name, col: metaColumns[k]! });
  });
  return finish(columns, builder.rows, options.schema);
}

function toPath(path: JsonPath): string[] {
  return typeof path === "string" ? [path] : [...path];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pullField(
  obj: unknown,
  path: string[],
  errors: "raise" | "ignore",
  where: string,
  record = false,
): unknown {
  let node = obj;
  for (const key of path) {
    if (!isObject(node) || !(key in node)) {
      if (errors === "ignore" && !record) return null;
      throw new TypeError(
        record
          ? `Cannot follow recordPath at ${where}: key "${key}" is missing; every record must have the path`
          : `Cannot find meta key "${
            path.join(".")
          }" at ${where}: it is missing; pass errors: "ignore" to get null instead`,
      );
    }
    node = node[key];
  }
  return node;
}

function pullRecords(obj: unknown, key: string, where: string): unknown[] {
  const value = pullField(obj, [key], "raise", where, true);
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  throw new TypeError(
    `Cannot use recordPath "${key}" at ${where}: its value is ${typeof value}, not a list; it must be a list or null`,
  );
}

// Kinds of values a column has seen, as bits.
const STR = 1;
const INT = 2;
const FLOAT = 4;
const BOOL = 8;
const OBJ = 16;
const LIST = 32;
const BIG = 64;

const CHUNK_BITS = 10;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/** Where the walk is, for error messages: the objects above the current one, and the record. */
interface Walk {
  /** The objects and lists enclosing the current value, by depth. */
  readonly stack: unknown[];
  /** The record being walked. */
  rows: number;
}

/** The sentence for data nested too deep: a cycle (TypeError) or real depth (RangeError). */
function tooDeep(walk: Walk, value: unknown): Error {
  if (walk.stack.includes(value)) {
    return new TypeError(
      `Cannot normalize record ${walk.rows}: it contains itself (a cyclic reference), which JSON cannot hold`,
    );
  }
  return new RangeError(
    `Cannot normalize record ${walk.rows}: it is nested deeper than ${MAX_DEPTH} levels`,
  );
}

/**
 * One column's values by row, the kinds seen, and for nested values the columns of their parts:
 * an object's fields (rows are this column's rows) and a list's items (rows are all items, in
 * order).
 */
class Col {
  /** Values by row, in chunks of CHUNK rows; a missing chunk or a hole is a missing value. */
  readonly chunks: unknown[][] = [];
  readonly values: Values = { chunks: this.chunks, bits: CHUNK_BITS, mask: CHUNK_MASK };
  mask = 0;
  fields: Map<string, Col> | undefined;
  item: Col | undefined;
  items = 0;
  /** Total length of the text values. */
  chars = 0;
  // The last object's keys and their columns, so a repeated shape skips the map lookups.
  readonly #keys: string[] = [];
  readonly #cols: Col[] = [];

  put(row: number, value: unknown, depth: number, walk: Walk): void {
    const k = row >>> CHUNK_BITS;
    let chunk = this.chunks[k];
    if (chunk === undefined) chunk = this.chunks[k] = new Array(1 << CHUNK_BITS);
    chunk[row & CHUNK_MASK] = value;
    switch (typeof value) {
      case "string":
        this.mask |= STR;
        this.chars += value.length;
        return;
      case "number":
        this.mask |= Number.isSafeInteger(value) ? INT : FLOAT;
        return;
      case "boolean":
        this.mask |= BOOL;
        return;
      case "bigint":
        this.mask |= INT | BIG;
        return;
      case "object": {
        if (value === null) return;
        if (depth >= MAX_DEPTH) throw tooDeep(walk, value);
        walk.stack[depth] = value;
        if (Array.isArray(value)) {
          this.mask |= LIST;
          const item = this.item ??= new Col();
          for (let i = 0; i < value.length; i++) item.put(this.items++, value[i], depth + 1, walk);
          return;
        }
        this.mask |= OBJ;
        const object = value as Record<string, unknown>;
        let i = 0;
        for (const key in object) this.field(key, i++).put(row, object[key], depth + 1, walk);
        return;
      }
    }
  }

  field(key: string, i: number): Col {
    if (this.#keys[i] === key) return this.#cols[i]!;
    const fields = this.fields ??= new Map();
    let col = fields.get(key);
    if (col === undefined) {
      col = new Col();
      fields.set(key, col);
    }
    this.#keys[i] = key;
    this.#cols[i] = col;
    return col;
  }
}

/** A node of the trie of flattened paths; it becomes a column when it first holds a value. */
class Path {
  readonly name: string;
  col: Col | undefined;
  readonly #kids = new Map<string, Path>();
  readonly #keys: string[] = [];
  readonly #cache: Path[] = [];
  constructor(name: string) {
    this.name = name;
  }
  kid(key: string, i: number, sep: string): Path {
    if (this.#keys[i] === key) return this.#cache[i]!;
    let kid = this.#kids.get(key);
    if (kid === undefined) {
      kid = new Path(this.name === "" ? key : this.name + sep + key);
      this.#kids.set(key, kid);
    }
    this.#keys[i] = key;
    this.#cache[i] = kid;
    return kid;
  }
}

interface NamedCol {
  name: string;
  col: Col;
}

/** Fills one column per flattened path, in order of first appearance. */
class ColumnBuilder implements Walk {
  rows = 0;
  readonly stack: unknown[] = [];
  readonly #sep: string;
  readonly #maxLevel: number;
  readonly #root = new Path("");
  readonly #order: Path[] = [];

  constructor(sep: string, maxLevel: number) {
    this.#sep = sep;
    this.#maxLevel = maxLevel;
  }

  addRecord(record: unknown): void {
    if (isObject(record)) {
      this.stack[0] = record;
      this.#walk(record, this.#root, 0);
    } else this.#leaf(this.#root.kid("0", 0, this.#sep), record, 0);
    this.rows++;
  }

  /**
   * Flatten one object. As pandas does, a record's own values come before its flattened objects:
   * at the top level, one pass takes the values and a second the objects; deeper, keys keep
   * their order.
   */
  #walk(obj: Record<string, unknown>, node: Path, level: number): void {
    const maxLevel = this.#maxLevel;
    const top = level === 0 && maxLevel > 0;
    let i = 0;
    for (const key in obj) {
      const value = obj[key];
      if (
        typeof value === "object" && value !== null && !Array.isArray(value) && level < maxLevel
      ) {
        if (top) {
          i++;
          continue;
        }
        // An empty object flattens to nothing, as in pandas: the row has no value there.
        if (level + 1 >= MAX_DEPTH) throw tooDeep(this, value);
        this.stack[level + 1] = value;
        this.#walk(value as Record<string, unknown>, node.kid(key, i++, this.#sep), level + 1);
      } else {
        this.#leaf(node.kid(key, i++, this.#sep), value, level + 1);
      }
    }
    if (!top) return;
    for (const key in obj) {
      const value = obj[key];
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        this.stack[1] = value;
        this.#walk(value as Record<string, unknown>, node.kid(key, i++, this.#sep), 1);
      } else i++;
    }
  }

  #leaf(node: Path, value: unknown, depth: number): void {
    let col = node.col;
    if (col === undefined) {
      col = node.col = new Col();
      this.#order.push(node);
    }
    col.put(this.rows, value, depth, this);
  }

  columns(): NamedCol[] {
    return this.#order.map((node) => ({ name: node.name, col: node.col! }));
  }
}

function finish(
  columns: NamedCol[],
  rows: number,
  schema: Record<string, pl.DataType> | undefined,
): pl.DataFrame {
  // Same-named columns (a dotted key colliding with a flattened path) are merged: the later wins.
  const merged = new Map<string, Col>();
  for (const { name, col } of columns) {
    const existing = merged.get(name);
    merged.set(name, existing === undefined ? col : mergeCols(existing, col, rows));
  }
  timings.walk += performance.now();
  const arrow = [...merged].map(([name, col]) => arrowColumn(name, col, rows));
  let df = arrow.length === 0 ? pl.DataFrame({}) : arrowFrame(arrow, rows);
  if (schema) {
    const casts = Object.entries(schema).filter(([name]) => merged.has(name));
    if (casts.length > 0) {
      df = df.withColumns(...casts.map(([name, dtype]) => pl.col(name).cast(dtype)));
    }
    const absent = Object.entries(schema).filter(([name]) => !merged.has(name));
    if (absent.length > 0) {
      const nulls = absent.map(([name, dtype]) => typedSeries(name, new Array(rows), dtype));
      df = df.width === 0 ? pl.DataFrame(nulls) : df.withColumns(...nulls);
    }
  }
  return df;
}

/** Two columns of one name as one: where both have a value in a row, the later's. */
function mergeCols(a: Col, b: Col, rows: number): Col {
  const out = new Col();
  const walk: Walk = { stack: [], rows: 0 };
  for (let row = 0; row < rows; row++) {
    const later = valueAt(b.values, row);
    const value = later !== undefined ? later : valueAt(a.values, row);
    walk.rows = row;
    out.put(row, value, 0, walk);
  }
  return out;
}

const UTF8 = { id: "utf8" } as const;

/** The Arrow column of a Col: its type inferred from the kinds it saw. */
function arrowColumn(name: string, col: Col, length: number): ArrowColumn {
  const values = col.values;
  const kinds = col.mask & ~BIG;
  switch (kinds) {
    case 0:
    case STR:
      return leafColumn(name, UTF8, values, length, col.chars);
    case BOOL:
      return leafColumn(name, { id: "bool" }, values, length);
    case INT:
      return (col.mask & BIG) !== 0 && !fitsInt64(values)
        ? leafColumn(name, UTF8, mapValues(values, scalarText), length)
        : leafColumn(name, { id: "int64" }, values, length);
    case FLOAT:
    case INT | FLOAT:
      return leafColumn(name, { id: "float64" }, values, length);
    case OBJ: {
      if (col.fields === undefined) {
        // Only empty objects: polars has no empty struct, so they stay as the text "{}".
        return leafColumn(name, UTF8, mapValues(values, (v) => v == null ? v : "{}"), length);
      }
      const fields = [...col.fields].map(([key, field]) => arrowColumn(key, field, length));
      return {
        name,
        type: { id: "struct", fields },
        size: fields.reduce((n, field) => n + field.size, ownSize("struct", length)),
        write(body) {
          writeStructHeader(body, values, length);
          for (const field of fields) field.write(body);
        },
      };
    }
    case LIST: {
      const item = col.item!;
      const child = arrowColumn("item", item, col.items);
      return {
        name,
        type: { id: "list", child },
        size: ownSize("list", length) + child.size,
        write(body) {
          writeListHeader(body, values, length);
          child.write(body);
        },
      };
    }
  }
  // Mixed scalars: text, the only type that holds them all; objects or lists: their JSON text.
  const text = (kinds & (OBJ | LIST)) === 0 ? scalarText : jsonText;
  return leafColumn(name, UTF8, mapValues(values, text), length);
}

/** The values through `fn` (missing ones stay missing). */
function mapValues(values: Values, fn: (value: unknown) => unknown): Values {
  return {
    chunks: values.chunks.map((chunk) => chunk && Array.prototype.map.call(chunk, fn)),
    bits: values.bits,
    mask: values.mask,
  };
}

function scalarText(value: unknown): string | null | undefined {
  return value == null ? value : String(value);
}

function jsonText(value: unknown): string | null | undefined {
  return value == null ? value : typeof value === "string" ? value : stringify(value);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function fitsInt64(values: Values): boolean {
  return values.chunks.every((chunk) =>
    chunk === undefined ||
    Array.prototype.every.call(
      chunk,
      (v) => typeof v !== "bigint" || (v >= INT64_MIN && v <= INT64_MAX),
    )
  );
}

function stringify(value: unknown): string {
  return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v);
}
