/**
 * Private helpers of the chart helpers: the check that each named channel is a column, text
 * options, dates for a time axis.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { ChartData, ChartText } from "./data.ts";

/** One row of chart data. */
export type Row = Record<string, unknown>;

/** Fields Spotify strips from Development Mode apps' objects (`spotify-web-api.md` §3.3). */
const STRIPPED = ["popularity", "followers", "genres", "label", "album_group", "available_markets"];

/**
 * The part of a field's name that Spotify strips from Development Mode apps' objects
 * (`followers.total` → `followers`), if any.
 *
 * @param field A column name, dotted or not.
 * @returns The stripped field it names (`followers`), or `undefined`.
 */
export function strippedPart(field: string): string | undefined {
  return field.split(".").find((part) => STRIPPED.includes(part));
}

/**
 * The rows of `data` as records, once each named channel is known to be one of its columns. A
 * field Development Mode strips may be absent: the chart then shows {@linkcode missingField}'s note.
 *
 * @param chart The helper's name, for messages.
 * @param data The rows.
 * @param channels Each channel's column (`undefined`: not used).
 * @param required The channels that must name a column.
 * @returns The rows as records.
 * @throws {TypeError} When a required channel is not given, or a channel is not a column's name.
 */
export function chartRows(
  chart: string,
  data: ChartData,
  channels: Record<string, string | undefined>,
  required: readonly string[] = [],
): Row[] {
  for (const [channel, column] of Object.entries(channels)) {
    if (column === undefined && !required.includes(channel)) continue;
    if (typeof column !== "string") {
      throw new TypeError(
        `Cannot draw ${chart}(): give the column to chart as "${channel}", by its name`,
      );
    }
  }
  const rows: Row[] = Array.isArray(data)
    ? [...data as Row[]]
    : (data as pl.DataFrame).toRecords() as Row[];
  const columns = Array.isArray(data)
    ? new Set(rows.flatMap((row) => Object.keys(row)))
    : new Set((data as pl.DataFrame).columns);
  if (columns.size === 0) return rows;
  for (const [channel, column] of Object.entries(channels)) {
    if (column === undefined || columns.has(column) || strippedPart(column)) {
      continue;
    }
    const names = [...columns].slice(0, 12).map((c) => `"${c}"`).join(", ");
    throw new TypeError(
      `Cannot draw ${chart}(): ${channel} "${column}" is not a column of the data (its columns: ${names}${
        columns.size > 12 ? ", …" : ""
      })`,
    );
  }
  return rows;
}

/**
 * The text options of a chart, without the undefined ones.
 *
 * @param options A chart helper's options.
 * @returns Its `title`, `subtitle`, `caption` and `width`, those that are set.
 */
export function chartText(options: ChartText): ChartText {
  const { title, subtitle, caption, width } = options;
  return {
    ...(title === undefined ? {} : { title }),
    ...(subtitle === undefined ? {} : { subtitle }),
    ...(caption === undefined ? {} : { caption }),
    ...(width === undefined ? {} : { width }),
  };
}

/**
 * Each row with `field` as a `Date` (null when empty), for a time axis.
 *
 * @param rows Chart rows.
 * @param field The column of times (a `Date`, ISO text or epoch ms).
 * @returns Copies of the rows.
 */
export function withDates(rows: readonly Row[], field: string): Row[] {
  return rows.map((row) => ({
    ...row,
    [field]: row[field] == null ? null : new Date(row[field] as string | number | Date),
  }));
}

/** The default colour of single-colour marks. */
export const BLUE = "#4269d0";
