/**
 * Private helpers of the chart helpers: the check that each named channel is a column, text
 * options, dates for a time axis.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { ScaleOptions } from "@observablehq/plot";
import { frameRecords } from "../frame_records.ts";
import { type Chart, type ChartOptions, plot } from "../plot.ts";
import { type ChartData, type ChartText, strippedPart } from "./data.ts";

/** One row of chart data. */
export type Row = Record<string, unknown>;

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
  const rows: Row[] = Array.isArray(data) ? [...data as Row[]] : frameRecords(data as pl.DataFrame);
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

/** The helpers' own options, which are not Plot's (`x` and `y` name columns here). */
const OWN = new Set([
  "x",
  "y",
  "fill",
  "text",
  "top",
  "label",
  "percent",
  "interval",
  "thresholds",
  "labels",
  "xDomain",
  "yDomain",
  "xScale",
  "yScale",
  "mark",
]);

/** Plot's scales, whose options are merged key by key with the helper's. */
const SCALES = ["x", "y", "fx", "fy", "color", "r", "opacity", "symbol", "length"] as const;

/**
 * Draw a helper's chart: its own Plot options, with the caller's Plot options passed through on
 * top (scale by scale, key by key: the caller's win), `xScale` and `yScale` as the x and y scales.
 *
 * @param options The helper's options, as the caller gave them.
 * @param base The helper's Plot options (marks, scales, size).
 * @returns The chart.
 */
export function themed(options: ChartText, base: ChartOptions): Chart {
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!OWN.has(key) && value !== undefined) given[key] = value;
  }
  given.x = options.xScale;
  given.y = options.yScale;
  const merged: Record<string, unknown> = { ...base, ...given };
  for (const scale of SCALES) {
    const [mine, theirs] = [base[scale], given[scale]] as (ScaleOptions | undefined)[];
    merged[scale] = mine === undefined || theirs === undefined ? mine ?? theirs : {
      ...mine,
      ...theirs,
    };
    if (merged[scale] === undefined) delete merged[scale];
  }
  return plot(merged as ChartOptions);
}

/** Whole-number ticks, as Plot's `ticks` option takes an interval. */
export interface WholeTicks {
  /** The tick at or below a value. */
  floor(value: number): number;
  /** A value moved by a step. */
  offset(value: number, step?: number): number;
  /** The ticks from `start` up to, not including, `stop`. */
  range(start: number, stop: number): number[];
}

/** d3's step for about `count` ticks over `span` (1, 2 or 5 times a power of ten), at least 1. */
function wholeStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  return power *
    (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1);
}

/**
 * Tick values that are whole numbers (no 0.5 on an axis of counts), about `count` of them where
 * the range is wide, every whole number where it is narrow: Plot's `ticks` option, as an interval.
 *
 * @param count About how many ticks (Plot's default: an axis's length over 35 px for y, 80 for x).
 * @returns The interval.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wholeTicks } from "./_channels.ts";
 * const ticks = wholeTicks(10);
 * assert.deepEqual(ticks.range(0, ticks.offset(ticks.floor(2.4))), [0, 1, 2]);
 * assert.deepEqual(ticks.range(0, 27), [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26]);
 * ```
 */
export function wholeTicks(count: number): WholeTicks {
  return {
    floor: (value) => Math.floor(value),
    offset: (value, step = 1) => value + step,
    range: (start, stop) => {
      const last = stop - 1;
      if (!(last >= start)) return [];
      const step = wholeStep(last - start, count);
      const ticks: number[] = [];
      for (let tick = Math.ceil(start / step) * step; tick <= last; tick += step) ticks.push(tick);
      return ticks;
    },
  };
}

/** Whole numbers as a count axis writes them: `1`, `20`, `1,500`. */
const countFormat = (value: number): string => value.toLocaleString("en");

/** Scale options of an x axis of counts, `width` wide: whole ticks (Plot's one per 80 px). */
export const xWhole = (width = 720): ScaleOptions => ({
  ticks: wholeTicks((width - 120) / 80),
  tickFormat: countFormat,
});

/** Scale options of a y axis of counts, `height` high: whole ticks (Plot's one per 35 px). */
export const yWhole = (height = 400): ScaleOptions => ({
  ticks: wholeTicks((height - 50) / 35),
  tickFormat: countFormat,
});

/**
 * The colour scale's type for a column of categories: `categorical` when every value is text or
 * true/false (so that month labels such as "2025-11" stay categories, without Plot's warning
 * about strings that look like dates); nothing for numbers, which Plot colours continuously.
 *
 * @param rows The rows.
 * @param column The fill column, if any.
 * @returns `{ type: "categorical" }` or `{}`.
 */
export function categories(rows: readonly Row[], column: string | undefined): ScaleOptions {
  if (column === undefined) return {};
  const all = rows.every((row) => {
    const value = row[column];
    return value == null || typeof value === "string" || typeof value === "boolean";
  });
  return all ? { type: "categorical" } : {};
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
