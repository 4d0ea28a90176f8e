/**
 * `normalize`: pandas' `json_normalize` for nodejs-polars. Nested objects become dotted columns,
 * `recordPath` turns nested lists into rows, `meta` repeats parent fields on each row.
 *
 * Columns are built here, not by polars' record builders (which drop late keys, turn lists of objects
 * into nulls and integers into floats): one pass over the records fills a column per path, each
 * column's type is inferred from all its values, and each Series is built with an explicit dtype.
 * Objects left as values (below `maxLevel`, inside lists) become Struct columns built field by
 * field; lists become List columns whose items are typed as one column and grouped back into rows
 * by polars. polars' JSON reader, correct but about 20 times slower, is not used.
 *
 * @module
 */
import pl from "nodejs-polars";
import { typedSeries } from "./_series.ts";

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

/** Marks a missing value in a column (JSON `null` is kept as `null`; both become polars null). */
const MISSING = undefined;
/** Marks an empty object met where flattening would go deeper. */
const EMPTY_OBJECT: Readonly<Record<string, never>> = Object.freeze({});

interface Column {
  name: string;
  values: unknown[];
}

/**
 * Flatten JSON into a polars DataFrame, with pandas `json_normalize` semantics.
 *
 * @param data One object (one row) or a list of objects.
 * @param options `recordPath`, `meta`, prefixes, `sep`, `maxLevel`, `errors`, `schema`.
 * @returns The DataFrame.
 * @throws {TypeError} When a record path does not lead to a list, or a meta key is missing with
 * `errors: "raise"`.
 *
 * @example
 * ```ts
 * import { normalize } from "./normalize.ts";
 * const df = normalize([{ id: 1, album: { name: "A" } }, { id: 2, album: { name: "B" } }]);
 * console.assert(df.columns.join() === "id,album.name");
 * ```
 */
export function normalize(data: unknown, options: NormalizeOptions = {}): pl.DataFrame {
  const sep = options.sep ?? ".";
  const maxLevel = options.maxLevel ?? Infinity;
  const builder = new ColumnBuilder(sep, maxLevel);

  if (options.recordPath === undefined) {
    const records = Array.isArray(data) ? data : [data];
    for (const record of records) builder.addRecord(record);
    return finish(builder.columns(), builder.rows, sep, options.schema);
  }

  const path = toPath(options.recordPath);
  const metas = (options.meta ?? []).map(toPath);
  const metaKeys = metas.map((m) => m.join(sep));
  const metaValues: unknown[][] = metas.map(() => []);
  const errors = options.errors ?? "raise";

  const extract = (node: unknown, rest: string[], seen: unknown[], level: number, at: string) => {
    const objects = Array.isArray(node) ? node : [node];
    objects.forEach((obj, index) => {
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
        return;
      }
      const records = pullRecords(obj, rest[0]!, where);
      for (const record of records) builder.addRecord(record);
      metas.forEach((m, k) => {
        const value = level + 1 > m.length
          ? seen[k]
          : pullField(obj, m.slice(level), errors, where);
        for (let i = 0; i < records.length; i++) metaValues[k]!.push(value);
      });
    });
  };
  extract(data, path, metas.map(() => MISSING), 0, "data");

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
    columns.push({ name, values: metaValues[k]! });
  });
  return finish(columns, builder.rows, sep, options.schema);
}

function toPath(path: JsonPath): string[] {
  return typeof path === "string" ? [path] : [...path];
}

function isEmpty(value: Record<string, unknown>): boolean {
  for (const _ in value) return false;
  return true;
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

/** Fills one column per flattened path, in order of first appearance, over a trie of keys. */
class ColumnBuilder {
  rows = 0;
  readonly #sep: string;
  readonly #maxLevel: number;
  readonly #root = new Node("");
  readonly #order: Node[] = [];

  constructor(sep: string, maxLevel: number) {
    this.#sep = sep;
    this.#maxLevel = maxLevel;
  }

  addRecord(record: unknown): void {
    if (isObject(record)) this.#walk(record, this.#root, 0);
    else this.#leaf(this.#root.child("0", this.#sep), record);
    this.rows++;
  }

  #walk(obj: Record<string, unknown>, node: Node, level: number): void {
    for (const key in obj) {
      const value = obj[key];
      const child = node.child(key, this.#sep);
      if (isObject(value) && level < this.#maxLevel) {
        if (isEmpty(value)) this.#leaf(child, EMPTY_OBJECT);
        else this.#walk(value, child, level + 1);
      } else {
        this.#leaf(child, value);
      }
    }
  }

  #leaf(node: Node, value: unknown): void {
    let values = node.values;
    if (values === undefined) {
      values = node.values = [];
      this.#order.push(node);
    }
    const rows = this.rows;
    if (values.length > rows) {
      // Two keys flattened to the same name in one record (`{"a.b": 1, "a": {"b": 2}}`): last wins.
      values[rows] = value;
      return;
    }
    pad(values, rows);
    values.push(value);
  }

  columns(): Column[] {
    return this.#order.map((node) => ({ name: node.name, values: pad(node.values!, this.rows) }));
  }
}

/** Fills `values` with `undefined` (missing) up to `length`, keeping the array packed. */
function pad(values: unknown[], length: number): unknown[] {
  while (values.length < length) values.push(MISSING);
  return values;
}

class Node {
  readonly name: string;
  values: unknown[] | undefined;
  readonly #children = new Map<string, Node>();
  constructor(name: string) {
    this.name = name;
  }
  child(key: string, sep: string): Node {
    let child = this.#children.get(key);
    if (child === undefined) {
      child = new Node(this.name === "" ? key : this.name + sep + key);
      this.#children.set(key, child);
    }
    return child;
  }
}

function finish(
  columns: Column[],
  rows: number,
  sep: string,
  schema: Record<string, pl.DataType> | undefined,
): pl.DataFrame {
  // Same-named columns (a dotted key colliding with a flattened path across records) are merged.
  const merged = new Map<string, unknown[]>();
  for (const { name, values } of columns) {
    const existing = merged.get(name);
    if (existing === undefined) merged.set(name, values);
    else values.forEach((v, i) => v !== undefined && (existing[i] = v));
  }
  // An empty object where other records have sub-fields is absorbed: those columns hold nulls.
  // Where none has, the column keeps it as the text "{}" (polars has no empty struct to hold it).
  for (const [name, values] of merged) {
    if (!values.includes(EMPTY_OBJECT)) continue;
    const onlyEmpty = values.every((v) => v == null || v === EMPTY_OBJECT);
    const prefix = name + sep;
    if (onlyEmpty && [...merged.keys()].some((other) => other.startsWith(prefix))) {
      merged.delete(name);
    } else if (onlyEmpty) {
      merged.set(name, values.map((v) => v === EMPTY_OBJECT ? "{}" : v));
    }
  }
  const series = [...merged].map(([name, values]) => toSeries(name, values, schema?.[name]));
  if (schema) {
    for (const [name, dtype] of Object.entries(schema)) {
      if (!merged.has(name)) series.push(typedSeries(name, new Array(rows), dtype));
    }
  }
  return frameOf(series);
}

/** A DataFrame of these columns, named as they are (polars renames a column named "" otherwise). */
function frameOf(series: pl.Series[]): pl.DataFrame {
  if (series.length === 0) return pl.DataFrame({});
  const names = series.map((s) => s.name);
  const df = pl.DataFrame(series);
  const renamed = df.columns.flatMap((column, i) =>
    column === names[i] ? [] : [[column, names[i]!]]
  );
  return renamed.length === 0 ? df : df.rename(Object.fromEntries(renamed));
}

type Kind = "null" | "bool" | "int" | "float" | "string" | "list" | "object";

function kindOf(value: unknown): Kind {
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return Number.isSafeInteger(value) ? "int" : "float";
    case "string":
      return "string";
    case "undefined":
      return "null";
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "list" : "object";
  }
  return "string";
}

/** The kinds present among values, nulls left out. */
function kinds(values: Iterable<unknown>): Set<Kind> {
  const seen = new Set<Kind>();
  for (const value of values) {
    const kind = kindOf(value);
    if (kind !== "null") seen.add(kind);
  }
  return seen;
}

function toSeries(name: string, values: unknown[], pinned?: pl.DataType): pl.Series {
  const series = inferSeries(name, values);
  return pinned === undefined ? series : series.cast(pinned);
}

/** A Series for any values: scalars typed, objects as Struct, lists as List, mixtures as text. */
function inferSeries(name: string, values: unknown[]): pl.Series {
  const seen = kinds(values);
  // polars takes `undefined` as null: no copy of the values is needed.
  if (seen.size === 0) return pl.Series(name, values, pl.Utf8);
  if (seen.size === 1 && seen.has("object")) return structSeries(name, values);
  if (seen.size === 1 && seen.has("list")) return listSeries(name, values);
  if (seen.size === 1 || (seen.size === 2 && seen.has("int") && seen.has("float"))) {
    if (seen.has("float")) {
      return pl.Series(name, values.map((v) => v == null ? null : Number(v)), pl.Float64);
    }
    if (seen.has("bool")) return pl.Series(name, values, pl.Bool);
    if (seen.has("string")) return stringSeries(name, values as (string | null | undefined)[]);
    return intSeries(name, values);
  }
  if (!seen.has("list") && !seen.has("object")) {
    // Mixed scalars: text, the only type that holds them all (documented).
    return pl.Series(name, values.map((v) => v == null ? null : String(v)), pl.Utf8);
  }
  // Objects or lists mixed with other kinds: their JSON text.
  return pl.Series(
    name,
    values.map((v) => v == null ? null : typeof v === "string" ? v : stringify(v)),
    pl.Utf8,
  );
}

/**
 * Text. Crossing into polars costs per character, so a column that repeats its values (an album's
 * fields on each of its tracks, markets, types) crosses each distinct value once and is gathered
 * natively from codes.
 */
function stringSeries(name: string, values: readonly (string | null | undefined)[]): pl.Series {
  const codes = new Map<string, number>();
  const index = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value == null) {
      index[i] = -1;
      continue;
    }
    // Mostly distinct (ids, names): not worth the codes.
    if (i === 2048 && codes.size > 1024) return pl.Series(name, values as unknown[], pl.Utf8);
    let code = codes.get(value);
    if (code === undefined) {
      code = codes.size;
      codes.set(value, code);
    }
    index[i] = code;
  }
  if (codes.size > values.length / 2) return pl.Series(name, values as unknown[], pl.Utf8);
  const nullCode = codes.size;
  for (let i = 0; i < index.length; i++) if (index[i] === -1) index[i] = nullCode;
  return pl.Series(name, [...codes.keys(), null], pl.Utf8).gather(index);
}

function intSeries(name: string, values: unknown[]): pl.Series {
  if (values.some((v) => typeof v === "bigint")) {
    // Exact beyond 2^53: polars parses the decimal text into Int64.
    return pl.Series(name, values.map((v) => v == null ? null : String(v)), pl.Utf8).cast(pl.Int64);
  }
  return pl.Series(name, values, pl.Int64);
}

function stringify(value: unknown): string {
  return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v);
}

/**
 * Objects as a Struct column: one child Series per key (in order of first appearance, typed like
 * any column), joined by polars. A null object is a null row, an empty one a row of null fields.
 */
function structSeries(name: string, values: unknown[]): pl.Series {
  // One pass over the objects, one column per key, as for records (nested objects stay values).
  const fields = new ColumnBuilder(".", 0);
  const isNull = values.map((value) => {
    fields.addRecord(value ?? EMPTY_OBJECT);
    return value == null;
  });
  const columns = fields.columns();
  if (columns.length === 0) {
    // Only empty objects: polars has no empty struct, so they stay as the text "{}".
    return pl.Series(name, values.map((v) => v == null ? null : "{}"), pl.Utf8);
  }
  const struct = frameOf(columns.map((c) => inferSeries(c.name, c.values))).toStruct(name);
  return isNull.includes(true) ? nullWhere(struct, isNull) : struct;
}

/** The series with its rows set to null where `isNull` says so. */
function nullWhere(series: pl.Series, isNull: boolean[]): pl.Series {
  return pl.DataFrame([series.rename("value"), pl.Series("null", isNull, pl.Bool)])
    .select(pl.when(pl.col("null")).then(pl.lit(null)).otherwise(pl.col("value")).alias("value"))
    .getColumn("value").rename(series.name);
}

/**
 * Lists as a List column, built natively: the items of every list are typed as one column (so a
 * list of objects is a List of Struct), then grouped back into one list per row by polars; empty
 * lists and null rows are gathered from one empty and one null element added at the end.
 */
function listSeries(name: string, values: unknown[]): pl.Series {
  const items: unknown[] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < values.length; row++) {
    const list = values[row] as unknown[] | null | undefined;
    if (list == null) continue;
    for (let i = 0; i < list.length; i++) {
      items.push(list[i]);
      rowOf.push(row);
    }
  }
  if (items.length === 0 || kinds(items).size === 0) {
    // Nothing to type the items by: lists of text, empty (or of nulls).
    return pl.Series(name, values.map((v) => v == null ? null : v), pl.List(pl.Utf8));
  }
  const flat = inferSeries("value", items);
  const grouped =
    (pl.DataFrame([pl.Series("row", Int32Array.from(rowOf)), flat]).lazy() as unknown as {
      groupBy(by: string, maintainOrder: boolean): { agg(e: pl.Expr): pl.LazyDataFrame };
    }).groupBy("row", true).agg(pl.col("value")).collectSync().getColumn("value");
  const ends = grouped.slice(0, 1).toFrame().select(
    pl.col("value").lst.slice(0, 0).alias("empty"),
    pl.when(pl.lit(false)).then(pl.col("value")).otherwise(pl.lit(null)).alias("null"),
  );
  const all = pl.concat([
    grouped,
    ends.getColumn("empty").rename("value"),
    ends.getColumn("null").rename("value"),
  ]);
  if (grouped.len() === values.length) return grouped.rename(name); // no empty list, no null row
  const empty = grouped.len();
  let next = 0;
  const index = values.map((value) =>
    value == null ? empty + 1 : (value as unknown[]).length === 0 ? empty : next++
  );
  return all.rechunk().gather(index).rename(name);
}
