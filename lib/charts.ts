/**
 * The charts the notebooks draw, each one call from a DataFrame (or records) to a themed chart:
 * release timelines, histograms and box plots, stacked and ranked bars, heatmaps, labelled scatter
 * plots. A chart of a field the app's mode does not provide (popularity in Development Mode) is a
 * short note saying why, instead of an empty or broken chart.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { Note } from "./display.ts";
import { type Chart, Plot, plot } from "./plot.ts";

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

/** Fields Spotify strips from Development Mode apps' objects (`spotify-web-api.md` §3.3). */
const STRIPPED = ["popularity", "followers", "genres", "label", "album_group", "available_markets"];

function records(data: ChartData): Record<string, unknown>[] {
  return Array.isArray(data)
    ? [...data as Record<string, unknown>[]]
    : (data as pl.DataFrame).toRecords() as Record<string, unknown>[];
}

/**
 * The note to show instead of a chart when `field` has no value in any row.
 *
 * @param rows The rows.
 * @param field The field the chart needs.
 * @param what What the chart would show, for the note.
 * @returns A note, or `undefined` when some row has the field.
 */
export function missingField(
  rows: readonly Record<string, unknown>[],
  field: string,
  what: string,
): Note | undefined {
  if (rows.some((row) => row[field] !== null && row[field] !== undefined)) return undefined;
  const base = field.split(".").at(-1)!;
  const why = rows.length === 0
    ? "there is nothing to chart yet"
    : STRIPPED.includes(base)
    ? `Spotify does not send "${base}" to Development Mode apps (since February 2026), so every value is empty; with an Extended Quota Mode app this chart fills in`
    : `no row has a value for "${field}"`;
  return new Note(`No chart of ${what}:`, why, "warning");
}

function text(options: ChartText) {
  const { title, subtitle, caption, width } = options;
  return {
    ...(title === undefined ? {} : { title }),
    ...(subtitle === undefined ? {} : { subtitle }),
    ...(caption === undefined ? {} : { caption }),
    ...(width === undefined ? {} : { width }),
  };
}

/** Options of {@linkcode releaseTimeline}. */
export interface TimelineOptions extends ChartText {
  /** The date column. @default {"release_date"} */
  x?: string;
  /** One row of dots per value of this column. @default {"primary_artist"} */
  y?: string;
  /** Colour by this column. @default {"album_type"} */
  fill?: string;
}

/**
 * Releases over time: a dot per release, one row per artist, coloured by type.
 *
 * @param data Albums, as `albumsFrame` gives them.
 * @param options Columns and text.
 * @returns The chart, or a note when there are no dates.
 */
export function releaseTimeline(data: ChartData, options: TimelineOptions = {}): Chart | Note {
  const { x = "release_date", y = "primary_artist", fill = "album_type" } = options;
  const rows = records(data);
  const missing = missingField(rows, x, "releases over time");
  if (missing) return missing;
  const dated = rows.map((row) => ({
    ...row,
    [x]: row[x] == null ? null : new Date(row[x] as string),
  }));
  return plot({
    ...text(options),
    height: 60 + new Set(rows.map((row) => row[y])).size * 26,
    marginLeft: 150,
    x: { type: "utc", label: null, grid: true },
    y: { label: null },
    color: { legend: true },
    marks: [
      Plot.dot(dated, { x, y, fill, r: 5, fillOpacity: 0.85, stroke: "white", tip: true }),
    ],
  });
}

/** Options of {@linkcode histogram}. */
export interface HistogramOptions extends ChartText {
  /** Stack by this column's values. */
  fill?: string;
  /** Label of the x axis. */
  label?: string;
  /** Number of bins (a hint). @default {30} */
  thresholds?: number;
}

/**
 * The distribution of one numeric column, optionally stacked by a category.
 *
 * @param data The rows.
 * @param x The numeric column, e.g. `duration_min`.
 * @param options Stacking, bins and text.
 * @returns The chart, or a note when the column is empty.
 */
export function histogram(
  data: ChartData,
  x: string,
  options: HistogramOptions = {},
): Chart | Note {
  const rows = records(data);
  const missing = missingField(rows, x, `the distribution of ${x}`);
  if (missing) return missing;
  const { fill, thresholds = 30 } = options;
  return plot({
    ...text(options),
    x: { label: options.label ?? x },
    y: { grid: true, label: "count" },
    ...(fill ? { color: { legend: true } } : {}),
    marks: [
      Plot.rectY(
        rows,
        Plot.binX({ y: "count" }, { x, thresholds, ...(fill ? { fill } : { fill: "#4269d0" }) }),
      ),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Box plots of a numeric column per category (medians, quartiles, outliers).
 *
 * @param data The rows.
 * @param x The numeric column.
 * @param y The category column.
 * @param options Text.
 * @returns The chart, or a note when the column is empty.
 */
export function boxPlot(
  data: ChartData,
  x: string,
  y: string,
  options: ChartText & { label?: string } = {},
): Chart | Note {
  const rows = records(data);
  const missing = missingField(rows, x, `${x} by ${y}`);
  if (missing) return missing;
  return plot({
    ...text(options),
    height: 60 + new Set(rows.map((row) => row[y])).size * 28,
    marginLeft: 150,
    x: { label: options.label ?? x, grid: true },
    y: { label: null },
    marks: [Plot.boxX(rows, { x, y, fill: "#a0b4e8", stroke: "#1f2328" })],
  });
}

/** Options of {@linkcode stackedBars}. */
export interface StackedBarsOptions extends ChartText {
  /** Sum this column instead of counting rows. */
  value?: string;
  /** Show shares of each bar (0–100%) instead of counts. */
  percent?: boolean;
}

/**
 * Horizontal bars per category, stacked by another.
 *
 * @param data The rows.
 * @param y The bar's category, e.g. `primary_artist`.
 * @param fill The stack's category, e.g. `album_type`.
 * @param options Summed value, percentages, text.
 * @returns The chart, or a note when there is nothing to count.
 */
export function stackedBars(
  data: ChartData,
  y: string,
  fill: string,
  options: StackedBarsOptions = {},
): Chart | Note {
  const rows = records(data);
  const missing = missingField(rows, options.value ?? y, `${fill} per ${y}`);
  if (missing) return missing;
  const reduce = options.value ? "sum" : "count";
  const offset = options.percent ? "normalize" : null;
  return plot({
    ...text(options),
    height: 60 + new Set(rows.map((row) => row[y])).size * 26,
    marginLeft: 150,
    x: {
      label: options.percent ? "share (%)" : options.value ?? "count",
      grid: true,
      ...(options.percent ? { percent: true } : {}),
    },
    y: { label: null },
    color: { legend: true },
    marks: [
      Plot.barX(
        rows,
        Plot.groupY(
          { x: reduce },
          { y, fill, ...(options.value ? { x: options.value } : {}), offset, tip: true },
        ),
      ),
      Plot.ruleX([0]),
    ],
  });
}

/** Options of {@linkcode rankedBars}. */
export interface RankedBarsOptions extends ChartText {
  /** How many bars. @default {15} */
  top?: number;
  /** Label of the value axis. */
  label?: string;
}

/**
 * The top values of a column, largest first, labelled.
 *
 * @param data The rows.
 * @param y The label column.
 * @param x The value column (rows with the same label are summed).
 * @param options How many, text.
 * @returns The chart, or a note when the values are empty.
 */
export function rankedBars(
  data: ChartData,
  y: string,
  x: string,
  options: RankedBarsOptions = {},
): Chart | Note {
  const rows = records(data);
  const missing = missingField(rows, x, `the top ${y} by ${x}`);
  if (missing) return missing;
  const totals = new Map<unknown, number>();
  for (const row of rows) {
    if (row[x] == null) continue;
    totals.set(row[y], (totals.get(row[y]) ?? 0) + Number(row[x]));
  }
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, options.top ?? 15)
    .map(([label, value]) => ({ label: String(label), value }));
  return plot({
    ...text(options),
    height: 50 + top.length * 24,
    marginLeft: 170,
    marginRight: 60,
    x: { label: options.label ?? x, grid: true },
    y: { label: null, domain: top.map((d) => d.label) },
    marks: [
      Plot.barX(top, { x: "value", y: "label", fill: "#4269d0" }),
      Plot.text(top, {
        x: "value",
        y: "label",
        text: (d: { value: number }) => formatNumber(d.value),
        textAnchor: "start",
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });
}

function formatNumber(value: number): string {
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 1;
  return value.toLocaleString("en", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** Options of {@linkcode heatmap}. */
export interface HeatmapOptions extends ChartText {
  /** Sum this column instead of counting rows. */
  value?: string;
  /** The x domain in order (e.g. hours 0–23). */
  xDomain?: readonly unknown[];
  /** The y domain in order (e.g. Monday to Sunday). */
  yDomain?: readonly unknown[];
  /** Legend label. @default {"count"} */
  label?: string;
}

/**
 * Counts (or sums) per pair of categories as coloured cells, e.g. plays by hour and weekday.
 *
 * @param data The rows.
 * @param x The column across.
 * @param y The column down.
 * @param options Summed value, domains, text.
 * @returns The chart, or a note when there are no rows.
 */
export function heatmap(
  data: ChartData,
  x: string,
  y: string,
  options: HeatmapOptions = {},
): Chart | Note {
  const rows = records(data);
  const missing = missingField(rows, options.value ?? x, `${y} by ${x}`);
  if (missing) return missing;
  return plot({
    ...text(options),
    marginLeft: 90,
    padding: 0.05,
    x: { label: x, ...(options.xDomain ? { domain: [...options.xDomain] } : {}) },
    y: { label: null, ...(options.yDomain ? { domain: [...options.yDomain] } : {}) },
    color: { legend: true, scheme: "ylgnbu", label: options.label ?? "count", zero: true },
    marks: [
      Plot.cell(
        rows,
        Plot.group(
          { fill: options.value ? "sum" : "count" },
          { x, y, ...(options.value ? { fill: options.value } : {}), inset: 0.5, tip: true },
        ),
      ),
    ],
  });
}

/** Options of {@linkcode scatter}. */
export interface ScatterOptions extends ChartText {
  /** Label each dot with this column. */
  label?: string;
  /** Colour by this column. */
  fill?: string;
  /** Label at most this many dots (the largest y first). @default {12} */
  labels?: number;
}

/**
 * A scatter plot with labelled dots.
 *
 * @param data The rows.
 * @param x The x column.
 * @param y The y column.
 * @param options Labels, colour, text.
 * @returns The chart, or a note when a column is empty.
 */
export function scatter(
  data: ChartData,
  x: string,
  y: string,
  options: ScatterOptions = {},
): Chart | Note {
  const rows = records(data);
  const missing = missingField(rows, x, `${y} against ${x}`) ??
    missingField(rows, y, `${y} against ${x}`);
  if (missing) return missing;
  const { label, fill } = options;
  const labelled = label
    ? [...rows].sort((a, b) => Number(b[y]) - Number(a[y])).slice(0, options.labels ?? 12)
    : [];
  return plot({
    ...text(options),
    grid: true,
    x: { label: x },
    y: { label: y },
    ...(fill ? { color: { legend: true } } : {}),
    marks: [
      Plot.dot(rows, { x, y, ...(fill ? { fill } : { fill: "#4269d0" }), r: 4, fillOpacity: 0.8 }),
      ...(label
        ? [Plot.text(labelled, { x, y, text: label, dy: -8, fontSize: 10, fill: "#1f2328" })]
        : []),
    ],
  });
}
