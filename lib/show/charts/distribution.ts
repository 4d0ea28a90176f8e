/**
 * Distributions of one numeric column: histograms and box plots.
 *
 * @module
 */
import type { Note } from "../display.ts";
import { type Chart, Plot } from "../plot.ts";
import { BLUE, categories, chartRows, themed, yWhole } from "./_channels.ts";
import { type ChartData, type ChartText, missingField } from "./data.ts";

/** Options of {@linkcode histogram}. */
export interface HistogramOptions extends ChartText {
  /** The numeric column to bin, e.g. `duration_min`. */
  x: string;
  /** Stack by this column's values. */
  fill?: string;
  /** Label of the x axis. @default {the x column} */
  label?: string;
  /** Number of bins (a hint). @default {30} */
  thresholds?: number;
}

/**
 * The distribution of one numeric column, optionally stacked by a category.
 *
 * @param data The rows.
 * @param options The column (`x`), stacking (`fill`), bins, text, and Plot's own options.
 * @returns The chart, or a note when the column is empty.
 * @throws {TypeError} When `x` or `fill` is not a column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../plot.ts";
 * import { histogram } from "./distribution.ts";
 * const tracks = [{ duration_min: 3.2 }, { duration_min: 4.1 }, { duration_min: 3.9 }];
 * const chart = histogram(tracks, { x: "duration_min", label: "minutes", title: "Lengths" });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), />minutes →</);
 * assert.throws(() => histogram(tracks, { x: "minutes" }), TypeError);
 * ```
 */
export function histogram(data: ChartData, options: HistogramOptions): Chart | Note {
  const { x, fill, thresholds = 30 } = options;
  const rows = chartRows("histogram", data, { x, fill }, ["x"]);
  const missing = missingField(rows, x, `the distribution of ${x}`);
  if (missing) return missing;
  return themed(options, {
    x: { label: options.label ?? x },
    y: { grid: true, label: "count", ...yWhole(options.height) },
    ...(fill ? { color: { legend: true, ...categories(rows, fill) } } : {}),
    marks: [
      Plot.rectY(
        rows,
        Plot.binX({ y: "count" }, {
          x,
          thresholds,
          ...(fill ? { fill, order: "z" } : { fill: BLUE }),
          ...options.mark,
        }),
      ),
      Plot.ruleY([0]),
    ],
  });
}

/** Options of {@linkcode boxPlot}. */
export interface BoxPlotOptions extends ChartText {
  /** The numeric column, e.g. `duration_min`. */
  x: string;
  /** One box per value of this column, e.g. `primary_artist`. */
  y: string;
  /** Label of the x axis. @default {the x column} */
  label?: string;
}

/**
 * Box plots of a numeric column per category (medians, quartiles, outliers).
 *
 * @param data The rows.
 * @param options The numeric column (`x`), the category (`y`), text, and Plot's own options.
 * @returns The chart, or a note when the column is empty.
 * @throws {TypeError} When `x` or `y` is not a column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../plot.ts";
 * import { boxPlot } from "./distribution.ts";
 * const tracks = [
 *   { artist: "A", duration_min: 3 }, { artist: "A", duration_min: 4 },
 *   { artist: "B", duration_min: 5 },
 * ];
 * const chart = boxPlot(tracks, { x: "duration_min", y: "artist" });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), />B</);
 * ```
 */
export function boxPlot(data: ChartData, options: BoxPlotOptions): Chart | Note {
  const { x, y } = options;
  const rows = chartRows("boxPlot", data, { x, y }, ["x", "y"]);
  const missing = missingField(rows, x, `${x} by ${y}`);
  if (missing) return missing;
  return themed(options, {
    height: 60 + new Set(rows.map((row) => row[y])).size * 28,
    marginLeft: 150,
    x: { label: options.label ?? x, grid: true },
    y: { label: null, type: "band" },
    marks: [Plot.boxX(rows, { x, y, fill: "#a0b4e8", stroke: "#1f2328", ...options.mark })],
  });
}
