/**
 * The listening history's own charts, in the project's theme: which periods each source holds
 * (with the windows missed), and how ranks moved from one snapshot to the next.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { ChartData, ChartText } from "../show/charts.ts";
import { Note } from "../show/display.ts";
import { frameRecords } from "../show/frame_records.ts";
import { type Chart, Plot, plot } from "../show/plot.ts";

const SOURCE_NAMES: Record<string, string> = {
  basic: "basic export",
  extended: "extended export",
  api: "API (synced)",
  missed: "not seen",
};
/** The colours `timeBars` gives the sources (Plot's first ones, in name order), and grey for gaps. */
const SOURCE_COLORS = ["#efb118", "#ff725c", "#4269d0", "#9498a0"];

function rowsOf(data: ChartData): Record<string, unknown>[] {
  return Array.isArray(data)
    ? [...data] as Record<string, unknown>[]
    : frameRecords(data as pl.DataFrame);
}

const text = (o: ChartText) =>
  Object.fromEntries(
    (["title", "subtitle", "caption", "width"] as const).filter((k) => o[k] !== undefined)
      .map((k) => [k, o[k]]),
  ) as ChartText;

/**
 * A bar per period each source holds plays for, on one time axis, and the windows missed.
 *
 * @param data Periods, as `coverageFrame` gives them (`source`, `from`, `to`).
 * @param options Text.
 * @returns The chart, or a note when there is nothing stored.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../show/plot.ts";
 * import { coverageChart } from "./charts.ts";
 * const chart = coverageChart([
 *   { source: "extended", from: new Date("2026-01-01"), to: new Date("2026-03-01") },
 *   { source: "missed", from: new Date("2026-03-01"), to: new Date("2026-03-04") },
 *   { source: "api", from: new Date("2026-03-04"), to: new Date("2026-03-20") },
 * ], { title: "What the store holds" });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), /not seen/);
 * ```
 */
export function coverageChart(data: ChartData, options: ChartText = {}): Chart | Note {
  const rows = rowsOf(data).map((r) => ({
    ...r,
    source: SOURCE_NAMES[String(r.source)] ?? String(r.source),
    from: new Date(r.from as Date),
    to: new Date(r.to as Date),
  }));
  if (rows.length === 0) {
    return new Note(
      "No chart of coverage:",
      "nothing is stored yet; import an export (importHistory) or sync (syncHistory) first",
      "warning",
    );
  }
  const domain = Object.values(SOURCE_NAMES);
  return plot({
    ...text(options),
    height: 70 + 36 * new Set(rows.map((r) => r.source)).size,
    marginLeft: 110,
    x: { type: "utc", label: null, grid: true },
    y: { label: null, domain: domain.filter((d) => rows.some((r) => r.source === d)) },
    color: { domain, range: SOURCE_COLORS, legend: true },
    marks: [
      Plot.barX(rows, {
        x1: "from",
        x2: "to",
        y: "source",
        fill: "source",
        insetTop: 4,
        insetBottom: 4,
        tip: true,
      }),
    ],
  });
}

/** Options of {@linkcode rankChart}. */
export interface RankChartOptions extends ChartText {
  /** The column of dates. @default {"taken_on"} */
  x?: string;
  /** The column of ranks (1 first). @default {"rank"} */
  y?: string;
  /** One line per value of this column. @default {"name"} */
  z?: string;
  /** Draw the items ranked this high at the last date or better. @default {10} */
  top?: number;
}

/**
 * A bump chart: one line per item through its ranks at each date, rank 1 on top, labelled at the
 * last date. Items in the top `top` at the last date are drawn.
 *
 * @param data Ranks by date, as `snapshotsFrame` gives them for one list and time range.
 * @param options Columns, how many items, text.
 * @returns The chart, or a note when there are no snapshots.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../show/plot.ts";
 * import { rankChart } from "./charts.ts";
 * const day = (d: number) => new Date(Date.UTC(2026, 10, d));
 * const chart = rankChart([
 *   { taken_on: day(20), rank: 1, name: "A" }, { taken_on: day(20), rank: 2, name: "B" },
 *   { taken_on: day(21), rank: 1, name: "B" }, { taken_on: day(21), rank: 2, name: "A" },
 * ], { title: "Top artists" });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), />B</);
 * ```
 */
export function rankChart(data: ChartData, options: RankChartOptions = {}): Chart | Note {
  const { x = "taken_on", y = "rank", z = "name", top = 10 } = options;
  const rows = rowsOf(data).map((r) => ({ ...r, [x]: new Date(r[x] as Date) }));
  if (rows.length === 0) {
    return new Note(
      "No chart of top lists over time:",
      "no snapshots are stored yet; run deno task collect (or syncHistory with snapshots) on a few days",
      "warning",
    );
  }
  const last = Math.max(...rows.map((r) => (r[x] as Date).getTime()));
  const shown = new Set(
    rows.filter((r) => (r[x] as Date).getTime() === last && Number(r[y]) <= top).map((r) => r[z]),
  );
  const kept = rows.filter((r) => shown.has(r[z]));
  const end = kept.filter((r) => (r[x] as Date).getTime() === last);
  return plot({
    ...text(options),
    height: 80 + 28 * Math.max(top, ...kept.map((r) => Number(r[y]))),
    marginRight: 150,
    x: { type: "utc", label: null, grid: true },
    y: { label: "rank", reverse: true, tickFormat: "d", grid: true },
    color: { legend: false },
    marks: [
      Plot.line(kept, { x, y, z, stroke: z, strokeWidth: 2, curve: "bump-x" }),
      Plot.dot(kept, { x, y, fill: z, r: 4, tip: true }),
      Plot.text(end, { x, y, text: z, dx: 8, textAnchor: "start", fill: z }),
    ],
  });
}
