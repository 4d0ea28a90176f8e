/**
 * What every chart helper takes (rows, text options) and the note it shows instead of a chart of a
 * field with no values.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { Note } from "../display.ts";
import { strippedPart } from "./_channels.ts";

/** Rows to chart: a polars DataFrame or plain records. */
export type ChartData = pl.DataFrame | readonly Record<string, unknown>[];

/** Options every chart helper takes. */
export interface ChartText {
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
