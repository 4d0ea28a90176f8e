/**
 * Heatmaps: counts (or sums) per pair of categories, by default plays by hour and weekday.
 *
 * @module
 */
import type { Note } from "../display.ts";
import { WEEKDAY_ORDER } from "../../frames/frames.ts";
import { type Chart, Plot } from "../plot.ts";
import { chartRows, type Row, themed, wholeTicks } from "./_channels.ts";
import { type ChartData, type ChartText, missingField } from "./data.ts";

/** Options of {@linkcode heatmap}. */
export interface HeatmapOptions extends ChartText {
  /** The column across. @default {"hour"} */
  x?: string;
  /** The column down. @default {"weekday"} */
  y?: string;
  /** Sum this column per cell; without it, count the rows of each cell. */
  fill?: string;
  /** The x domain in order. @default {0–23 for "hour", Monday to Sunday for "weekday"} */
  xDomain?: readonly unknown[];
  /** The y domain in order. @default {0–23 for "hour", Monday to Sunday for "weekday"} */
  yDomain?: readonly unknown[];
  /** Legend label. @default {the fill column, or "count"} */
  label?: string;
}

/** Domains known by their column's name: every hour of a day, every day of a week. */
const DOMAINS: Record<string, readonly unknown[]> = {
  hour: Array.from({ length: 24 }, (_, h) => h),
  weekday: WEEKDAY_ORDER,
};

/** The given domain; else the known one of `column` when it holds every value; else none. */
function domainOf(column: string, given: readonly unknown[] | undefined, rows: readonly Row[]) {
  const known = given ?? DOMAINS[column];
  if (known === undefined) return {};
  if (
    given === undefined && rows.some((row) => row[column] != null && !known.includes(row[column]))
  ) {
    return {};
  }
  return { domain: [...known] };
}

/**
 * Counts (or sums) per pair of categories as coloured cells. By default plays by `hour` (0–23)
 * and `weekday` (Monday first), every hour and day shown, as `playsFrame` and
 * `readStreamingHistory` give them.
 *
 * @param data The rows.
 * @param options The columns across (`x`) and down (`y`), the summed column (`fill`), domains,
 * text, and Plot's own options.
 * @returns The chart, or a note when there are no rows.
 * @throws {TypeError} When `x`, `y` or `fill` is not a column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../plot.ts";
 * import { heatmap } from "./heatmap.ts";
 * const plays = [{ hour: 8, weekday: "Tue", minutes: 3 }, { hour: 22, weekday: "Sat", minutes: 4 }];
 * const chart = heatmap(plays, { fill: "minutes", title: "When you listen" });
 * assert.ok(chart instanceof Chart);
 * const svg = chart.toSVG();
 * assert.ok(svg.indexOf(">Mon<") < svg.indexOf(">Sun<"), "every weekday, Monday first");
 * assert.match(svg, />23</, "every hour");
 * ```
 */
export function heatmap(data: ChartData, options: HeatmapOptions = {}): Chart | Note {
  const { x = "hour", y = "weekday", fill } = options;
  const rows = chartRows("heatmap", data, { x, y, fill });
  const missing = missingField(rows, fill ?? x, `${y} by ${x}`);
  if (missing) return missing;
  return themed(options, {
    marginLeft: 90,
    padding: 0.05,
    x: { label: x, type: "band", ...domainOf(x, options.xDomain, rows) },
    y: { label: null, type: "band", ...domainOf(y, options.yDomain, rows) },
    color: {
      legend: true,
      scheme: "ylgnbu",
      label: options.label ?? fill ?? "count",
      zero: true,
      ...(fill ? {} : { ticks: wholeTicks(4) }),
    },
    marks: [
      Plot.cell(
        rows,
        Plot.group(
          { fill: fill ? "sum" : "count" },
          { x, y, ...(fill ? { fill } : {}), inset: 0.5, tip: true, ...options.mark },
        ),
      ),
    ],
  });
}
