/**
 * `normalize`'s `schema` option (`normalize.ts`): each pinned column gets its type, and every
 * value must fit that type exactly, or the call is refused in one sentence naming the column, the
 * row and the value. polars' own casts would not say a word: text or a number out of range becomes
 * null, a fraction is truncated, text becomes a list of one null, `1e300` becomes Infinity in
 * Float32, and text is read as a time by guessing (an offset ignored, trailing junk accepted).
 *
 * What fits: whole numbers (within the type's range) for integer types; numbers for Float64, and
 * for Float32 those within its range whose whole part it keeps (16777217 and 1e39 are refused; a
 * fraction such as 0.1 takes Float32's nearest value, as any float32 cast does), ±Infinity and NaN
 * kept in both (a JS object can hold them, JSON cannot); a bigint only where it
 * converts exactly; booleans for Boolean; any scalar for String (numbers
 * and booleans become their text); lists for List and objects for Struct, their items and fields
 * checked against the inner types; for Date, `YYYY-MM-DD` text or a whole number of days since
 * 1970-01-01; for Datetime, text `timestampMs` reads (`_dates.ts`, strict) or a whole number of
 * milliseconds since the epoch (inside lists and structs, numbers only); whole numbers for Time and
 * Duration (in their unit), text for Categorical, numbers for Decimal. null fits everything. What
 * polars still turns into null, or refuses, is refused here in a sentence too.
 *
 * @module
 */
import pl from "nodejs-polars";
import { valueAt } from "./_arrow_columns.ts";
import type { Col } from "./_normalize_walk.ts";
import { typedSeries } from "./_series.ts";
import { calendarDate, epochDays, timestampMs } from "./_dates.ts";

/** What nodejs-polars' data types carry, as far as this module reads them. */
interface Dtype {
  variant: string;
  inner?: Dtype[];
  fields?: { name: string; dtype: Dtype }[];
}

const INT_RANGE: Record<string, [number, number]> = {
  Int8: [-128, 127],
  Int16: [-32768, 32767],
  Int32: [-2147483648, 2147483647],
  Int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  UInt8: [0, 255],
  UInt16: [0, 65535],
  UInt32: [0, 4294967295],
  UInt64: [0, Number.MAX_SAFE_INTEGER],
};
const BIG_RANGE: Record<string, [bigint, bigint]> = {
  Int64: [-(2n ** 63n), 2n ** 63n - 1n],
  UInt64: [0n, 2n ** 64n - 1n],
};

/** Whether `text` is a whole date, `YYYY-MM-DD`. */
function isDay(text: string): boolean {
  const date = calendarDate(text);
  return date !== undefined && date.day !== 0;
}

/** Whether `value` (not null) fits a scalar type exactly; `nested` inside a list or struct. */
function fits(variant: string, value: unknown, nested: boolean): boolean {
  const t = typeof value;
  const range = INT_RANGE[variant];
  if (range !== undefined) {
    if (t === "number") {
      return Number.isSafeInteger(value) && (value as number) >= range[0] &&
        (value as number) <= range[1];
    }
    const big = BIG_RANGE[variant];
    return t === "bigint" && big !== undefined && (value as bigint) >= big[0] &&
      (value as bigint) <= big[1];
  }
  switch (variant) {
    case "Float64":
    case "Float32": {
      const n = t === "bigint" && BigInt(Number(value)) === value ? Number(value) : value;
      if (typeof n !== "number") return false;
      // ±Infinity and NaN are floats of either width. Float32 rounds a fraction, as any float32
      // cast does, but never changes a whole number or overflows.
      if (variant === "Float64" || !Number.isFinite(n)) return true;
      const single = Math.fround(n);
      return Number.isFinite(single) && (!Number.isInteger(n) || single === n);
    }
    case "Bool":
      return t === "boolean";
    case "Utf8":
    case "String":
      return t === "string" || t === "number" || t === "boolean" || t === "bigint";
    case "Date":
      return (t === "string" && !nested && isDay(value as string)) ||
        (Number.isInteger(value) && Math.abs(value as number) <= 2147483647);
    case "Datetime":
      return (t === "string" && !nested && !Number.isNaN(timestampMs(value as string))) ||
        Number.isSafeInteger(value);
    case "Time":
    case "Duration":
      return Number.isSafeInteger(value);
    case "Categorical":
      return t === "string";
    case "Decimal":
      return t === "number";
    default:
      return t !== "object";
  }
}

/** A value that does not fit: where it is (`row` of this column's rows) and what it should be. */
interface Misfit {
  row: number;
  value: unknown;
  type: Dtype;
  /** Where inside the row, innermost first: `an item of`, `field "b" of`. */
  within: string[];
}

/** The first value of `col` (its first `rows` rows) that does not fit `type`, or undefined. */
function misfit(col: Col, type: Dtype, rows: number, nested: boolean): Misfit | undefined {
  const { variant } = type;
  for (let row = 0; row < rows; row++) {
    const v = valueAt(col.values, row);
    if (v === null || v === undefined) continue;
    const ok = variant === "List"
      ? Array.isArray(v)
      : variant === "Struct"
      ? typeof v === "object" && !Array.isArray(v)
      : fits(variant, v, nested);
    if (!ok) return { row, value: v, type, within: [] };
  }
  if (variant === "List" && col.item !== undefined && type.inner?.[0] !== undefined) {
    const inner = misfit(col.item, type.inner[0], col.items, true);
    if (inner !== undefined) {
      // The row whose list holds item `inner.row`.
      let end = 0;
      let row = 0;
      for (; row < rows; row++) {
        const v = valueAt(col.values, row);
        if (Array.isArray(v) && (end += v.length) > inner.row) break;
      }
      return { ...inner, row, within: [...inner.within, "an item of"] };
    }
  }
  for (const field of variant === "Struct" ? type.fields ?? [] : []) {
    const fieldCol = col.fields?.get(field.name);
    const inner = fieldCol && misfit(fieldCol, field.dtype, rows, true);
    if (inner) {
      return { ...inner, within: [...inner.within, `field ${JSON.stringify(field.name)} of`] };
    }
  }
  return undefined;
}

/** A data type's name as polars' constructors spell it: `Int64`, `List(Utf8)`, `Datetime("ms")`. */
function typeName(dtype: unknown): string {
  const t = dtype as Dtype & { timeUnit?: string; timeZone?: string };
  if (t.variant === "List" && t.inner?.[0] !== undefined) return `List(${typeName(t.inner[0])})`;
  if (t.variant === "Struct" && t.fields !== undefined) {
    return `Struct(${t.fields.map((f) => `${f.name}: ${typeName(f.dtype)}`).join(", ")})`;
  }
  if (t.variant === "Datetime") {
    return `Datetime(${[t.timeUnit, t.timeZone].filter(Boolean).map((x) => `"${x}"`).join(", ")})`;
  }
  return t.variant;
}

/** A value for a sentence: JSON cut at 60 characters, and its kind. */
function shown(value: unknown): string {
  const kind = Array.isArray(value)
    ? "a list"
    : typeof value === "object"
    ? "an object"
    : typeof value === "string"
    ? "text"
    : `a ${typeof value}`;
  const json = typeof value === "bigint"
    ? `${value}n`
    : typeof value === "number" && !Number.isFinite(value)
    ? String(value)
    : JSON.stringify(value, (_k, v) => typeof v === "bigint" ? `${v}n` : v) ?? String(value);
  return `${json.length > 60 ? `${json.slice(0, 57)}...` : json} (${kind})`;
}

function refusal(name: string, dtype: unknown, found: Misfit): TypeError {
  const where = [...found.within, `row ${found.row}`].join(" ");
  return new TypeError(
    `Cannot make column ${JSON.stringify(name)} ${
      typeName(dtype)
    } as the schema asks: ${where} holds ${shown(found.value)}, which ${
      typeName(found.type)
    } cannot hold exactly`,
  );
}

/** A top-level Date or Datetime column built from checked text and numbers, as `dtype`. */
function temporal(name: string, col: Col, rows: number, dtype: pl.DataType): pl.Series {
  const date = (dtype as unknown as Dtype).variant === "Date";
  const out = new Array<number | null>(rows);
  for (let row = 0; row < rows; row++) {
    const v = valueAt(col.values, row);
    if (typeof v !== "string") out[row] = v === null || v === undefined ? null : Number(v);
    else if (!date) out[row] = timestampMs(v);
    else {
      const { year, month, day } = calendarDate(v)!;
      out[row] = epochDays(year, month, day);
    }
  }
  if (date) return pl.Series(name, out, pl.Int32).cast(pl.Date);
  return pl.Series(name, out, pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms", "UTC")).cast(dtype);
}

/**
 * `df` with the columns of `schema` of the types it names, absent ones as null columns; every
 * value checked to fit (see the module's summary).
 *
 * @throws {TypeError} When a type is not a polars DataType, or a value does not fit its type.
 */
export function pinSchema(
  df: pl.DataFrame,
  cols: ReadonlyMap<string, Col>,
  options: { schema: Record<string, pl.DataType>; rows: number },
): pl.DataFrame {
  const { schema, rows } = options;
  for (const [name, dtype] of Object.entries(schema)) {
    if (!(dtype instanceof pl.DataType) || (dtype as unknown as Dtype).variant === "Object") {
      throw new TypeError(
        `Cannot pin column ${JSON.stringify(name)}: the schema gives ${
          dtype instanceof pl.DataType ? "Object" : shown(dtype)
        }, not a polars DataType a column can be cast to; use pl.Int64, pl.Utf8, pl.List(pl.Utf8) and the like`,
      );
    }
  }
  const present = Object.entries(schema).filter(([name]) => cols.has(name));
  const converted: pl.Series[] = [];
  for (const [name, dtype] of present) {
    const found = misfit(cols.get(name)!, dtype as unknown as Dtype, rows, false);
    if (found !== undefined) throw refusal(name, dtype, found);
    const { variant } = dtype as unknown as Dtype;
    if (variant === "Date" || variant === "Datetime") {
      converted.push(temporal(name, cols.get(name)!, rows, dtype));
    }
  }
  let out = df;
  const casts = present.filter(([name]) => !converted.some((s) => s.name === name));
  try {
    if (casts.length > 0) out = out.withColumns(...casts.map(([n, t]) => pl.col(n).cast(t)));
  } catch (cause) {
    const names = casts.map(([n, t]) => `${JSON.stringify(n)} ${typeName(t)}`).join(", ");
    throw new TypeError(
      `Cannot make columns ${names} as the schema asks: polars cannot convert their values (${
        String((cause as Error).message).split("\n")[0]
      })`,
      { cause },
    );
  }
  if (converted.length > 0) out = out.withColumns(...converted);
  for (const [name, dtype] of casts) {
    // The last guard: polars made no value null that was not.
    const before = df.getColumn(name);
    const after = out.getColumn(name);
    if (after.nullCount() === before.nullCount()) continue;
    const wasNull = before.isNull().toArray();
    const lost = after.isNull().toArray().findIndex((isNull, row) => isNull && !wasNull[row]);
    const value = valueAt(cols.get(name)!.values, lost);
    throw refusal(name, dtype, { row: lost, value, type: dtype as unknown as Dtype, within: [] });
  }
  const absent = Object.entries(schema).filter(([name]) => !cols.has(name));
  if (absent.length > 0) {
    const nulls = absent.map(([name, dtype]) => typedSeries(name, new Array(rows), dtype));
    out = out.width === 0 ? pl.DataFrame(nulls) : out.withColumns(...nulls);
  }
  return out;
}
