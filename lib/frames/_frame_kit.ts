/**
 * What every frame builder is made of: a column spec, a frame from specs with typed columns, and
 * the Date and instant columns.
 *
 * @module
 */
import pl from "nodejs-polars";
import { typedSeries } from "./_series.ts";

/** A column: name, type, and how to read it off one object. */
export type Spec<T> = [name: string, dtype: pl.DataType, read: (item: T, index: number) => unknown];

export function frame<T>(items: readonly T[], specs: Spec<T>[]): pl.DataFrame {
  return pl.DataFrame(
    specs.map(([name, dtype, read]) => typedSeries(name, items.map(read), dtype)),
  );
}

/** A Utf8 column of `YYYY-MM-DD` texts as a Date column. */
export function asDate(df: pl.DataFrame, name: string): pl.DataFrame {
  return df.withColumns(pl.col(name).str.strptime(pl.Date, "%Y-%m-%d"));
}

/** ISO-8601 instants as a `Datetime(ms, UTC)` column. */
export function instants(name: string, values: readonly (string | null | undefined)[]): pl.Series {
  const ms = values.map((v) => {
    const parsed = v == null ? NaN : Date.parse(v);
    return Number.isNaN(parsed) ? null : parsed;
  });
  return pl.Series(name, ms, pl.Int64).cast(pl.Datetime("ms", "UTC"));
}
