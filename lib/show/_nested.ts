/**
 * Reading nested columns (List and Struct at any depth) back to JavaScript, and writing them as
 * JSON text. nodejs-polars converts flat values itself but throws "StructOwned is not supported"
 * on any Struct, and its CSV writer refuses every List and Struct. Here a nested column is taken
 * apart with polars' own operations (`struct.toFrame()`, `explode()`, `list.lengths()`) down to
 * flat columns, which nodejs-polars converts (so dates, Int64 as BigInt beyond 2^53 and nulls come
 * back exactly as in a flat column), then put together again in JavaScript.
 *
 * Private to `lib/show/`: users meet it through `table()` and, in notebook mode, the ordinary calls
 * (`_polars_patch.ts`).
 *
 * @module
 */
import pl from "nodejs-polars";

interface TypeLike {
  variant: string;
  inner: unknown;
}

/**
 * Whether values of this type contain a Struct somewhere (which nodejs-polars cannot hand over).
 *
 * @param dtype A polars data type.
 * @returns `true` for a Struct, or a List or fixed-size list of one, at any depth.
 */
export function hasStruct(dtype: pl.DataType): boolean {
  const type = dtype as unknown as TypeLike;
  if (type.variant === "Struct") return true;
  if (type.variant === "List" || type.variant === "FixedSizeList") {
    return hasStruct((type.inner as pl.DataType[])[0]!);
  }
  return false;
}

/**
 * Whether this type is nested (List, fixed-size list or Struct), which CSV cannot hold.
 *
 * @param dtype A polars data type.
 * @returns `true` for nested types.
 */
export function isNested(dtype: pl.DataType): boolean {
  const variant = (dtype as unknown as TypeLike).variant;
  return variant === "List" || variant === "FixedSizeList" || variant === "Struct";
}

/**
 * A column's values as JavaScript values: objects for structs, arrays for lists, at any depth.
 *
 * @param series Any series.
 * @param flat How a column without structs is converted (nodejs-polars' own `toArray`, with
 *   {@linkcode exactInt64}).
 * @returns One value per row.
 */
export function seriesValues(
  series: pl.Series,
  flat: (series: pl.Series) => unknown[] = (s) => exactInt64(s, s.toArray()),
): unknown[] {
  const dtype = series.dtype as unknown as TypeLike;
  // Lists of plain values too: exploding and slicing is faster than nodejs-polars' own arrays.
  if (dtype.variant === "List") return listValues(series, flat);
  if (!hasStruct(series.dtype)) return flat(series);
  if (dtype.variant === "Struct") return structValues(series, flat);
  const list = dtype.variant === "FixedSizeList"
    ? series.cast(pl.List((dtype.inner as pl.DataType[])[0]!))
    : series;
  return listValues(list, flat);
}

/**
 * Int64 values beyond ±2^53 as exact BigInts (nodejs-polars hands every Int64 over as a number,
 * rounding those); the others stay numbers.
 *
 * @param series The column.
 * @param values Its values as nodejs-polars gives them; changed in place.
 * @returns `values`.
 */
export function exactInt64(series: pl.Series, values: unknown[]): unknown[] {
  if ((series.dtype as unknown as TypeLike).variant !== "Int64") return values;
  let texts: (string | null)[] | undefined;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (typeof value === "number" && !Number.isSafeInteger(value)) {
      texts ??= series.cast(pl.Utf8).toArray() as (string | null)[];
      values[row] = BigInt(texts[row]!);
    }
  }
  return values;
}

function structValues(series: pl.Series, flat: (series: pl.Series) => unknown[]): unknown[] {
  const fields = series.struct.toFrame().getColumns();
  const names = fields.map((field) => field.name);
  const columns = fields.map((field) => seriesValues(field, flat));
  const valid = series.nullCount() > 0 ? series.isNotNull().toArray() : undefined;
  const out = new Array<unknown>(series.length);
  for (let row = 0; row < out.length; row++) {
    if (valid !== undefined && !valid[row]) {
      out[row] = null;
      continue;
    }
    const value: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) value[names[i]!] = columns[i]![row];
    out[row] = value;
  }
  return out;
}

function listValues(series: pl.Series, flat: (series: pl.Series) => unknown[]): unknown[] {
  const lengths = series.list.lengths().toArray() as (number | null)[];
  // explode() gives one row per item, and one null row for an empty or null list.
  const items = seriesValues(series.explode(), flat);
  const out = new Array<unknown>(lengths.length);
  let at = 0;
  for (let row = 0; row < lengths.length; row++) {
    const length = lengths[row];
    if (length === null || length === undefined) {
      out[row] = null;
      at++;
    } else if (length === 0) {
      out[row] = [];
      at++;
    } else {
      out[row] = items.slice(at, at + length);
      at += length;
    }
  }
  return out;
}

/**
 * Each row's value as JSON text, as polars' JSON writer encodes it (Int64 exact, dates as ISO
 * text); null rows stay null.
 *
 * @param series Any series.
 * @returns One string or null per row.
 */
export function jsonTexts(series: pl.Series): (string | null)[] {
  const name = series.name;
  const lines = pl.DataFrame([series]).writeJSON({ format: "lines" }).toString().split("\n");
  const prefix = `{${JSON.stringify(name)}:`;
  const out = new Array<string | null>(series.length);
  for (let row = 0; row < out.length; row++) {
    const line = lines[row] ?? "null";
    const text = line.startsWith(prefix) && line.endsWith("}")
      ? line.slice(prefix.length, -1)
      : JSON.stringify((JSON.parse(line) as Record<string, unknown>)[name] ?? null);
    out[row] = text === "null" ? null : text;
  }
  return out;
}
