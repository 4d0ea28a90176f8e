/**
 * The types of `normalize`'s columns (`normalize.ts`): each {@linkcode Col} gathered by the walk
 * becomes an Arrow column whose type is inferred from the kinds of values it saw (Int64, Float64,
 * Boolean, String, Struct, List; text where kinds mix, JSON text where objects or lists mix with
 * other kinds). No value is rounded or wraps: whole numbers beyond 2^53 arrive as JavaScript
 * numbers already rounded (Float64 keeps exactly what arrived) or as bigints (Int64 within its
 * range; beyond it, or beside fractions, the column is text of their exact digits).
 *
 * @module
 */
import {
  type ArrowColumn,
  leafColumn,
  ownSize,
  type Values,
  writeListHeader,
  writeStructHeader,
} from "./_arrow_columns.ts";
import { BIG, BOOL, type Col, FLOAT, INT, LIST, OBJ, STR } from "./_normalize_walk.ts";

const UTF8 = { id: "utf8" } as const;

/** The Arrow column of a Col: its type inferred from the kinds it saw. */
export function arrowColumn(name: string, col: Col, length: number): ArrowColumn {
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
      return leafColumn(name, { id: "float64" }, values, length);
    case INT | FLOAT:
      // Float64 holds every number exactly, not every bigint: with bigints, text keeps them all.
      return (col.mask & BIG) !== 0
        ? leafColumn(name, UTF8, mapValues(values, scalarText), length)
        : leafColumn(name, { id: "float64" }, values, length);
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
