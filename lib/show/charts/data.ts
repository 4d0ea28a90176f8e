/**
 * What every chart helper takes (rows, text options) and the note it shows instead of a chart of a
 * field with no values.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { MarkOptions, ScaleOptions } from "@observablehq/plot";
import { Note } from "../display.ts";
import type { ChartOptions } from "../plot.ts";

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

/** Rows to chart: a polars DataFrame or plain records. */
export type ChartData = pl.DataFrame | readonly Record<string, unknown>[];

/**
 * Observable Plot's own options, which every chart helper passes through to Plot (they win over
 * the helper's own choices): every option of `Plot.plot` (`color`, `height`, `marginLeft`,
 * `grid`, `style`, `fx`, ...) by its name, but for the x and y scales, which are `xScale` and
 * `yScale` since `x` and `y` name columns here; and `mark`, the options of the chart's main mark.
 * So a warning's advice can be followed: `yScale: { type: "band" }`, `mark: { z: null }`.
 */
export interface PlotPassThrough
  extends Omit<ChartOptions, "x" | "y" | "marks" | "title" | "subtitle" | "caption" | "label"> {
  /** Options of the x scale: `type`, `domain`, `tickFormat`, `percent`, `reverse`, `ticks`, ... */
  xScale?: ScaleOptions;
  /** Options of the y scale: `type`, `domain`, `tickFormat`, `percent`, `reverse`, `ticks`, ... */
  yScale?: ScaleOptions;
  /** Options of the chart's main mark (bars, dots, cells, boxes): `tip`, `fillOpacity`, `z`, ... */
  mark?: MarkOptions & Record<string, unknown>;
}

/** Options every chart helper takes: text, and Plot's own options. */
export interface ChartText extends PlotPassThrough {
  /** A heading above the chart. */
  title?: string;
  /** A line under the title. */
  subtitle?: string;
  /** A note under the chart. */
  caption?: string;
  /**
   * Width in pixels.
   * @default {720}
   */
  width?: number;
}

/**
 * The note to show instead of a chart when `field` has no value in any row.
 *
 * @param rows The rows.
 * @param field The field the chart needs.
 * @param what What the chart would show, for the note.
 * @returns A note, or `undefined` when some row has the field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { missingField } from "./data.ts";
 * const note = missingField([{ name: "a", popularity: null }], "popularity", "popularity");
 * assert.match(note!.text, /Spotify does not send "popularity" to Development Mode apps/);
 * assert.equal(missingField([{ popularity: 3 }], "popularity", "popularity"), undefined);
 * const followers = missingField([{ "followers.total": null }], "followers.total", "followers");
 * assert.match(followers!.text, /Spotify does not send "followers"/);
 * ```
 */
export function missingField(
  rows: readonly Record<string, unknown>[],
  field: string,
  what: string,
): Note | undefined {
  if (rows.some((row) => row[field] !== null && row[field] !== undefined)) return undefined;
  const stripped = strippedPart(field);
  const why = rows.length === 0
    ? "there is nothing to chart yet"
    : stripped
    ? `Spotify does not send "${stripped}" to Development Mode apps (since February 2026), so every value is empty; with an Extended Quota Mode app this chart fills in`
    : `no row has a value for "${field}"`;
  return new Note(`No chart of ${what}:`, why, "warning");
}
