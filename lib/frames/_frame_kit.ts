/**
 * What every frame builder is made of: a column spec (a name of `COLUMNS`, which fixes its type,
 * and how to read it off one item), and a frame from specs whose values are checked against their
 * column's type. A value of the wrong type is refused in one sentence naming the builder, the
 * field, the item and the value; a null item (an unknown id in a several-at-once read) is a row of
 * nulls, so that row `i` is still item `i`.
 *
 * @module
 */
import pl from "nodejs-polars";
import { arrowFrame } from "./_arrow.ts";
import { type ArrowColumn, leafColumn, ownSize, plain, writeListHeader } from "./_arrow_columns.ts";
import { type ColumnName, COLUMNS, dtypeName } from "./columns.ts";

/** How to read a column off one item (never called for a null item but by {@linkcode rowIndex}). */
export type Read<T> = (item: T, index: number) => unknown;

/** A column: its name (which fixes its type) and how to read it off one item. */
export type Spec<T> = readonly [name: ColumnName, read: Read<T>];

/** The reader of a row's position in the input: the one reader also called for a null item. */
export const rowIndex = <T>(_item: T, index: number): number => index;

/**
 * A field of an item whose value has the wrong type or form; {@linkcode frame} tells which item.
 */
export class FieldError extends TypeError {
  /**
   * @param field The field (or column) read.
   * @param value The value found.
   * @param expected What it should be, e.g. `a number`.
   */
  constructor(readonly field: string, readonly value: unknown, readonly expected: string) {
    super(`${field} is ${shown(value)}, not ${expected}`);
    this.name = "TypeError";
  }
}

/** A value for a message: quoted JSON, cut to 40 characters. */
function shown(value: unknown): string {
  let json: string;
  try {
    json = value === undefined ? "undefined" : JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  return json.length > 40 ? `${json.slice(0, 39)}…` : json;
}

/** What a column of each type takes, and how it is described when something else comes. */
const CHECKS: Record<string, [ok: (value: unknown) => boolean, expected: string]> = {
  "String": [(v) => typeof v === "string", "text"],
  "Int64": [(v) => Number.isSafeInteger(v), "a whole number"],
  "Float64": [(v) => typeof v === "number" && Number.isFinite(v), "a number"],
  "Bool": [(v) => typeof v === "boolean", "true or false"],
  "List(String)": [
    (v) => Array.isArray(v) && v.every((s) => typeof s === "string"),
    "a list of texts",
  ],
  "Date": [(v) => Number.isSafeInteger(v), "a day number"],
  "Datetime(ms, UTC)": [(v) => Number.isSafeInteger(v), "a time in ms"],
};

/** The id of an item, or of the item it wraps (a playlist entry's track, a saved show). */
function idOf(item: unknown): string | undefined {
  if (item === null || typeof item !== "object") return undefined;
  const record = item as Record<string, unknown>;
  if (typeof record.id === "string") return record.id;
  for (const key of ["item", "track", "episode", "show", "audiobook", "album"]) {
    const inner = record[key] as { id?: unknown } | null | undefined;
    if (typeof inner?.id === "string") return inner.id;
  }
  return undefined;
}

/** Options of {@linkcode frame}. */
export interface FrameOptions {
  /** The builder's name, for messages (`tracksFrame`). */
  builder: string;
}

/**
 * A frame of `items`, one row each, one column per spec, each typed as `COLUMNS` says.
 *
 * @param items The API objects; a null one is a row of nulls.
 * @param specs The columns.
 * @param options The builder's name, for messages.
 * @returns The DataFrame.
 * @throws {TypeError} When an item is not an object, or a value does not fit its column.
 */
export function frame<T>(
  items: readonly (T | null | undefined)[],
  specs: readonly Spec<T>[],
  options: FrameOptions,
): pl.DataFrame {
  const where = (index: number) => {
    const id = idOf(items[index]);
    return `item ${index}${id === undefined ? "" : ` (id "${id}")`}`;
  };
  items.forEach((item, index) => {
    if (item != null && typeof item !== "object") {
      throw new TypeError(
        `Cannot build ${options.builder}(): ${where(index)} is ${shown(item)}, not an object`,
      );
    }
  });
  const columns = specs.map(([name, read]) => {
    const kind = dtypeName(COLUMNS[name].dtype);
    const [ok, expected] = CHECKS[kind]!;
    const values = items.map((item, index) => {
      try {
        const value = item == null && read !== rowIndex ? null : read(item as T, index) ?? null;
        if (value !== null && !ok(value)) throw new FieldError(name, value, expected);
        return value;
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        throw new TypeError(
          `Cannot build ${options.builder}(): ${error.field} of ${where(index)} is ${
            shown(error.value)
          }, not ${error.expected}`,
        );
      }
    });
    return arrowColumn(name, kind, values);
  });
  // One Arrow stream into polars for every column (a Series per column costs a napi call a value).
  const df = arrowFrame(columns, items.length);
  const days = specs.filter(([name]) => dtypeName(COLUMNS[name].dtype) === "Date");
  return days.length === 0
    ? df
    : df.withColumns(...days.map(([name]) => pl.col(name).cast(pl.Date)));
}

/** The Arrow column of checked values of a column type (a Date goes as days, cast after). */
function arrowColumn(name: string, kind: string, values: unknown[]): ArrowColumn {
  const length = values.length;
  if (kind === "List(String)") {
    const items = values.flatMap((v) => v ?? []);
    const child = leafColumn("item", { id: "utf8" }, plain(items), items.length);
    return {
      name,
      type: { id: "list", child },
      size: ownSize("list", length) + child.size,
      write(body) {
        writeListHeader(body, plain(values), length);
        child.write(body);
      },
    };
  }
  const type = kind === "String"
    ? { id: "utf8" as const }
    : kind === "Float64"
    ? { id: "float64" as const }
    : kind === "Bool"
    ? { id: "bool" as const }
    : kind.startsWith("Datetime")
    ? { id: "timestamp" as const, unit: "ms" as const, timeZone: "UTC" }
    : { id: "int64" as const };
  return leafColumn(name, type, plain(values), length);
}

/**
 * A whole number of milliseconds, checked: null stays null.
 *
 * @param value The field's value.
 * @param field Its name, for the message.
 * @returns The number, or null.
 * @throws {FieldError} When it is not a whole number of 0 or more.
 */
export function millis(value: unknown, field: string): number | null {
  if (value == null) return null;
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new FieldError(field, value, "a whole number of milliseconds");
  }
  return value as number;
}

/**
 * Milliseconds as minutes, checked: null stays null (never 0 or NaN).
 *
 * @param value The field's value, in ms.
 * @param field Its name, for the message.
 * @returns Minutes, or null.
 * @throws {FieldError} When it is not a whole number of 0 or more.
 */
export function minutes(value: unknown, field: string): number | null {
  const ms = millis(value, field);
  return ms === null ? null : ms / 60_000;
}

/**
 * One field of each object of a list (every artist's `name`), checked: a missing list is null.
 *
 * @param list The list (e.g. a track's `artists`).
 * @param field The list's name, for the message.
 * @param key The field of each object.
 * @returns The values (a missing one is `""`), or null.
 * @throws {FieldError} When the list is not a list of objects.
 */
export function pluck(list: unknown, field: string, key: string): string[] | null {
  if (list == null) return null;
  if (!Array.isArray(list) || list.some((o) => o === null || typeof o !== "object")) {
    throw new FieldError(field, list, "a list of objects");
  }
  return list.map((o: Record<string, unknown>) => {
    const value = o[key] ?? "";
    if (typeof value !== "string") throw new FieldError(`${field}[].${key}`, value, "text");
    return value;
  });
}
