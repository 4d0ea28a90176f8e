/**
 * `normalize`: pandas' `json_normalize` for nodejs-polars. Nested objects become dotted columns,
 * `recordPath` turns nested lists into rows, `meta` repeats parent fields on each row.
 *
 * Columns are built here, not by polars' record builders (which drop late keys, turn lists of objects
 * into nulls and integers into floats): one pass over the records fills a column per path, each
 * column's type is inferred from all its values, and each Series is built with an explicit dtype.
 * Columns holding objects or lists of objects go through polars' JSON reader, column by column.
 *
 * @module
 */
import pl from "nodejs-polars";
import { Buffer } from "node:buffer";
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
    if (node.values === undefined) {
      node.values = new Array(this.rows);
      this.#order.push(node);
    } else if (node.values.length > this.rows) {
      // Two keys flattened to the same name in one record (`{"a.b": 1, "a": {"b": 2}}`): last wins.
      node.values.pop();
    }
    node.values.length = this.rows;
    node.values.push(value);
  }

  columns(): Column[] {
    return this.#order.map((node) => {
      const values = node.values!;
      values.length = this.rows;
      return { name: node.name, values };
    });
  }
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
  if (series.length === 0) return pl.DataFrame({});
  return pl.DataFrame(series);
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

function inferSeries(name: string, values: unknown[]): pl.Series {
  const seen = kinds(values);
  const nulled = () => values.map((v) => v ?? null);
  if (seen.size === 0) return pl.Series(name, nulled(), pl.Utf8);
  if (seen.size === 1 || (seen.size === 2 && seen.has("int") && seen.has("float"))) {
    if (seen.has("float")) {
      return pl.Series(
        name,
        values.map((v) => v == null ? null : Number(v)),
        pl.Float64,
      );
    }
    const [kind] = seen;
    switch (kind) {
      case "bool":
        return pl.Series(name, nulled(), pl.Bool);
      case "string":
        return pl.Series(name, nulled(), pl.Utf8);
      case "int":
        return intSeries(name, values);
      case "list": {
        const items = values.flatMap((v) => (v as unknown[] | null) ?? []);
        const inner = kinds(items);
        const numeric = inner.size === 2 && inner.has("int") && inner.has("float");
        if ((inner.size === 1 || numeric) && !items.some((v) => typeof v === "bigint")) {
          const dtype = numeric || inner.has("float")
            ? pl.Float64
            : inner.has("int")
            ? pl.Int64
            : inner.has("bool")
            ? pl.Bool
            : inner.has("string")
            ? pl.Utf8
            : undefined;
          if (dtype) return pl.Series(name, nulled(), pl.List(dtype));
        }
        return jsonSeries(name, values);
      }
      case "object":
        return jsonSeries(name, values);
    }
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

function intSeries(name: string, values: unknown[]): pl.Series {
  if (values.some((v) => typeof v === "bigint")) {
    // Exact beyond 2^53: polars parses the decimal text into Int64.
    return pl.Series(name, values.map((v) => v == null ? null : String(v)), pl.Utf8).cast(pl.Int64);
  }
  return pl.Series(name, values.map((v) => v ?? null), pl.Int64);
}

function stringify(value: unknown): string {
  return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v);
}

/** Objects and nested lists: polars' JSON reader builds Struct / List columns correctly. */
function jsonSeries(name: string, values: unknown[]): pl.Series {
  const lines = values.map((v) => `{"c":${v == null ? "null" : stringify(v)}}`).join("\n");
  return pl.readJSON(Buffer.from(lines), { format: "lines", inferSchemaLength: null } as never)
    .getColumn("c").rename(name);
}
