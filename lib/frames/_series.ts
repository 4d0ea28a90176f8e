/**
 * Building a polars Series of a given type from JS values, including the all-null column that
 * polars' constructors refuse for nested types.
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * A Series of `dtype` from values (`undefined` and `null` become null).
 *
 * @param name The column name.
 * @param values The values.
 * @param dtype The column type.
 * @returns The Series.
 */
export function typedSeries(
  name: string,
  values: readonly unknown[],
  dtype: pl.DataType,
): pl.Series {
  const cleaned = values.map((v) => v ?? null);
  if (cleaned.every((v) => v === null)) return pl.Series(name, cleaned, pl.Utf8).cast(dtype);
  return pl.Series(name, cleaned, dtype);
}
