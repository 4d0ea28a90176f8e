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
 * Where: this module holds the options, `recordPath` and `meta`, and the final frame; the walk and
 * its columns are in `_normalize_walk.ts`, the type inference in `_normalize_infer.ts`.
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
 * Keys: only a record's own keys are read, as pandas reads a dict's: `meta: ["constructor"]` on
 * records without that key raises (or gives null under `errors: "ignore"`), never finds
 * `Object.prototype`'s member, and a key `"__proto__"` (which `JSON.parse` makes an own key) is an
 * ordinary key.
 *
 * Numbers are exact or refused: an Int64 column holds whole numbers within ±(2^53 - 1) and bigints
 * within Int64. A whole number beyond 2^53 arrives as a JavaScript number already rounded (by
 * `JSON.parse`, say), and Float64 keeps exactly that number; pass bigints to keep every digit.
 * bigints beyond Int64, or beside fractions, make the column text of their exact digits.
 *
 * `schema` casts only what fits exactly: a value its type cannot hold (text or a list where a
 * number belongs, a fraction or `300` for Int8, text where a list belongs, a date that is not a
 * real one) is refused in one sentence naming the column, the row and the value, where polars'
 * own cast would make it null, truncate it or guess (`frames/_normalize_schema.ts` lists what
 * fits). Date and Datetime columns read text strictly (`YYYY-MM-DD`; ISO 8601 times, offsets
 * applied) and numbers as days or milliseconds since 1970-01-01.
 *
 * Limits: data nested deeper than 100 levels, or an object that contains itself, is refused with
 * one sentence; the number of records is limited only by memory.
 *
 * @module
 */
import pl from "nodejs-polars";
import { arrowFrame, timings } from "./_arrow.ts";
import { arrowColumn } from "./_normalize_infer.ts";
import { Col, ColumnBuilder, isObject, mergeCols, type NamedCol } from "./_normalize_walk.ts";
import { pinSchema } from "./_normalize_schema.ts";

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
  /**
   * Pin columns and their types; absent ones become null columns of that type. A value its type
   * cannot hold exactly is refused with a TypeError naming the column, the row and the value.
   */
  schema?: Record<string, pl.DataType> | undefined;
}

/**
 * Flatten JSON into a polars DataFrame, with pandas `json_normalize` semantics.
 *
 * @param data One object (one row) or a list of objects.
 * @param options `recordPath`, `meta`, prefixes, `sep`, `maxLevel`, `errors`, `schema`.
 * @returns The DataFrame.
 * @throws {TypeError} When a record path does not lead to a list, a meta key is missing with
 * `errors: "raise"`, the data contains itself, or a value does not fit its `schema` type.
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

  const metas = (options.meta ?? []).map(toPath);
  const metaColumns = walkRecordPath(data, builder, {
    path: toPath(options.recordPath),
    metas,
    errors: options.errors ?? "raise",
  });
  const metaKeys = metas.map((m) => m.join(sep));
  return finish(withMeta(builder, metaKeys, metaColumns, options), builder.rows, options.schema);
}

/** What the walk of a `recordPath` needs besides the data. */
interface RecordWalk {
  /** The record path, one key per level. */
  path: string[];
  /** Each meta path. */
  metas: string[][];
  /** What a missing meta key gives. */
  errors: "raise" | "ignore";
}

/**
 * Walk `data` down the record path, adding each record found to `builder` and, for each row, the
 * meta values of the levels above it.
 *
 * @returns One column per meta path, row for row with the builder's records.
 */
function walkRecordPath(data: unknown, builder: ColumnBuilder, walk: RecordWalk): Col[] {
  const { metas, errors } = walk;
  const metaColumns = metas.map(() => new Col());
  // Each meta path from each level down, so no record slices it again.
  const metaFrom = metas.map((m) => m.map((_, level) => m.slice(level)));
  const extract = (node: unknown, rest: string[], seen: unknown[], level: number, at: string) => {
    const objects = Array.isArray(node) ? node : [node];
    for (let index = 0; index < objects.length; index++) {
      const obj = objects[index];
      const where: Where = { at, index, list: Array.isArray(node) };
      if (rest.length > 1) {
        const nextSeen = metas.map((m, k) =>
          level + 1 === m.length ? pullField(obj, m.slice(-1), errors, where) : seen[k]
        );
        extract(
          pullField(obj, [rest[0]!], "raise", where, true),
          rest.slice(1),
          nextSeen,
          level + 1,
          `${place(where)}.${rest[0]}`,
        );
        continue;
      }
      const records = pullRecords(obj, rest, where); // rest is the last key alone
      const first = builder.rows;
      for (const record of records) builder.addRecord(record);
      for (let k = 0; k < metas.length; k++) {
        const value = level + 1 > metas[k]!.length
          ? seen[k]
          : pullField(obj, metaFrom[k]![level]!, errors, where);
        const column = metaColumns[k]!;
        for (let row = first; row < builder.rows; row++) column.put(row, value, 0, builder);
      }
    }
  };
  extract(data, walk.path, metas.map(() => undefined), 0, "data");
  return metaColumns;
}

/** The records' columns with their prefix, then the meta columns with theirs. */
function withMeta(
  builder: ColumnBuilder,
  metaKeys: string[],
  metaColumns: Col[],
  options: NormalizeOptions,
): NamedCol[] {
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
  return columns;
}

function toPath(path: JsonPath): string[] {
  return typeof path === "string" ? [path] : [...path];
}

/** Where a record is, for error messages: `at[index]`, written out only when one is thrown. */
interface Where {
  at: string;
  index: number;
  /** Whether `at` is a list (`at[index]`) or the record itself (an object: `at`). */
  list: boolean;
}

/** The path of a record in the data: `data[0].album`, or `data[0].tracks[3]` in a list. */
function place(where: Where): string {
  return where.list ? `${where.at}[${where.index}]` : where.at;
}

function pullField(
  obj: unknown,
  path: string[],
  errors: "raise" | "ignore",
  where: Where,
  record = false,
): unknown {
  let node = obj;
  for (const key of path) {
    // Own keys only: `constructor`, `toString` or `__proto__` are never found on the prototype.
    if (!isObject(node) || !Object.hasOwn(node, key)) {
      if (errors === "ignore" && !record) return null;
      throw new TypeError(
        record
          ? `Cannot follow recordPath at ${
            place(where)
          }: key "${key}" is missing; every record must have the path`
          : `Cannot find meta key "${path.join(".")}" at ${
            place(where)
          }: it is missing; pass errors: "ignore" to get null instead`,
      );
    }
    node = node[key];
  }
  return node;
}

function pullRecords(obj: unknown, path: string[], where: Where): unknown[] {
  const value = pullField(obj, path, "raise", where, true);
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  throw new TypeError(
    `Cannot use recordPath "${path.join(".")}" at ${
      place(where)
    }: its value is ${typeof value}, not a list; it must be a list or null`,
  );
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
  const df = arrow.length === 0 ? pl.DataFrame({}) : arrowFrame(arrow, rows);
  return schema === undefined ? df : pinSchema(df, merged, { schema, rows });
}
