/**
 * Test helper: a frame column's values in JavaScript. Nested columns are read through polars' own
 * JSON writer (nodejs-polars' `toArray` cannot show a struct inside a list, and shows a null struct
 * as an object of nulls).
 *
 * @module
 */
import type pl from "nodejs-polars";

/**
 * The values of column `name`.
 *
 * @param df The frame.
 * @param name The column.
 * @returns One value per row.
 */
export function cells(df: pl.DataFrame, name: string): unknown[] {
  const series = df.getColumn(name);
  if (!/^DataType\((List|Struct)/.test(String(series.dtype))) return series.toArray();
  const lines = String(df.select(name).writeJSON({ format: "lines" })).trim().split("\n");
  return lines.map((line) => (JSON.parse(line) as Record<string, unknown>)[name]);
}
