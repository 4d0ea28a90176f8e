/**
 * A frame's rows as plain objects, read the library's way: nested values (structs and lists at any
 * depth) come back whole whether or not notebook mode is on, so library code never depends on it.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { seriesValues } from "./_nested.ts";

/** Generated row builders by column names (a notebook meets few shapes; kept small anyway). */
const rowBuilders = new Map<string, RowBuilder>();

type RowBuilder = (v: readonly unknown[][], r: number) => Record<string, unknown>;

/**
 * Rows as objects from column values: one generated object literal per row (a fixed shape, so
 * V8 builds each row in one step), or a loop for names an object literal would not keep.
 *
 * @param names Column names.
 * @param values Each column's values, all of the same length.
 * @returns One object per row.
 */
export function records(
  names: readonly string[],
  values: readonly unknown[][],
): Record<string, unknown>[] {
  const height = values[0]?.length ?? 0;
  const rows = new Array<Record<string, unknown>>(height);
  if (names.includes("__proto__") || new Set(names).size !== names.length) {
    for (let r = 0; r < height; r++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c]!] = values[c]![r];
      rows[r] = row;
    }
    return rows;
  }
  const key = JSON.stringify(names);
  let row = rowBuilders.get(key);
  if (row === undefined) {
    const body = names.map((name, c) => `${JSON.stringify(name)}: v[${c}][r]`).join(", ");
    const made = new Function("v", "r", `return { ${body} };`) as RowBuilder;
    if (rowBuilders.size >= 64) rowBuilders.clear();
    rowBuilders.set(key, made);
    row = made;
  }
  for (let r = 0; r < height; r++) rows[r] = row(values, r);
  return rows;
}

/**
 * Every row of a frame as an object, nested values included (stock nodejs-polars' `toRecords()`
 * refuses a struct inside a struct unless notebook mode is on).
 *
 * @param df Any frame.
 * @returns One object per row, keyed by column name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { frameRecords } from "./frame_records.ts";
 * const df = pl.DataFrame({ a: [1, 2], s: [{ x: { y: 1 } }, { x: { y: 2 } }] });
 * assert.deepEqual(frameRecords(df), [{ a: 1, s: { x: { y: 1 } } }, { a: 2, s: { x: { y: 2 } } }]);
 * ```
 */
export function frameRecords(df: pl.DataFrame): Record<string, unknown>[] {
  return records(df.columns, df.columns.map((name) => seriesValues(df.getColumn(name))));
}
