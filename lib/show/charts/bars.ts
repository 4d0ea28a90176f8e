/**
 * Bar charts: the top values of a column, bars stacked by a category, and counts (or sums) per
 * month, week, day or year. Each counts rows when it is given no column to sum.
 *
 * @module
 */
import type { Note } from "../display.ts";
import { type Chart, Plot } from "../plot.ts";
import { BLUE, categories, chartRows, themed, withDates, xWhole, yWhole } from "./_channels.ts";
import { type ChartData, type ChartText, missingField } from "./data.ts";

/** Options of {@linkcode rankedBars}. */
export interface RankedBarsOptions extends ChartText {
  /** The label column: one bar per value, e.g. `primary_artist`. */
  y: string;
  /** Sum this column per label; without it, count the rows of each label. */
  x?: string;
  /** How many bars. @default {15} */
  top?: number;
  /** Label of the value axis. @default {the x column, or "count"} */
  label?: string;
}

/**
 * The top values of a column, largest first (ties in label order), labelled: rows counted per
 * label, or a column summed.
 *
 * @param data The rows.
 * @param options The label column (`y`), the summed column (`x`, else rows are counted), how many,
 * text, and Plot's own options (`xScale`, `yScale`, `mark`, `color`, `height`, ...).
 * @returns The chart, or a note when the values are empty.
 * @throws {TypeError} When `y` or `x` is not a column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../plot.ts";
 * import { rankedBars } from "./bars.ts";
 * const entries = [{ added_by: "ana" }, { added_by: "ana" }, { added_by: "bo" }];
 * const chart = rankedBars(entries, { y: "added_by", title: "Who added the tracks" });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), />2<\/text>/); // ana's bar is labelled with her two entries
 * assert.throws(() => rankedBars(entries, { y: "added" }), {
 *   name: "TypeError",
 *   message: 'Cannot draw rankedBars(): y "added" is not a column of the data (its columns: "added_by")',
 * });
 * ```
 */
export function rankedBars(data: ChartData, options: RankedBarsOptions): Chart | Note {
  const { y, x } = options;
  const rows = chartRows("rankedBars", data, { y, x }, ["y"]);
  const missing = missingField(rows, x ?? y, x ? `the top ${y} by ${x}` : `the top ${y}`);
  if (missing) return missing;
  const totals = new Map<unknown, number>();
  for (const row of rows) {
    if (x !== undefined && row[x] == null) continue;
    totals.set(row[y], (totals.get(row[y]) ?? 0) + (x === undefined ? 1 : Number(row[x])));
  }
  // Ties in label order, so that the same rows draw the same chart in whatever order they come.
  const top = [...totals].map(([label, value]) => ({ label: String(label), value }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, options.top ?? 15);
  return themed(options, {
    height: 50 + top.length * 24,
    marginLeft: 170,
    marginRight: 60,
    x: {
      label: options.label ?? x ?? "count",
      grid: true,
      ...(x ? {} : xWhole(options.width)),
    },
    y: { label: null, domain: top.map((d) => d.label), type: "band" },
    marks: [
      Plot.barX(top, { x: "value", y: "label", fill: BLUE, ...options.mark }),
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

/** Options of {@linkcode stackedBars}. */
export interface StackedBarsOptions extends ChartText {
  /** The bar's category, e.g. `primary_artist`. */
  y: string;
  /** The stack's category, e.g. `album_type`. */
  fill: string;
  /** Sum this column; without it, count rows. */
  x?: string;
  /** Show shares of each bar (0–100%) instead of counts. @default {false} */
  percent?: boolean;
}

/**
 * Horizontal bars per category, stacked by another: rows counted, or a column summed.
 *
 * @param data The rows.
 * @param options The bar's category (`y`), the stack's (`fill`), the summed column (`x`),
 * percentages, text, and Plot's own options (`xScale`, `yScale`, `mark`, `color`, ...).
 * @returns The chart, or a note when there is nothing to count.
 * @throws {TypeError} When `y`, `fill` or `x` is not a column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../plot.ts";
 * import { stackedBars } from "./bars.ts";
 * const albums = [
 *   { artist: "A", album_type: "album" }, { artist: "A", album_type: "single" },
 *   { artist: "B", album_type: "single" },
 * ];
 * const chart = stackedBars(albums, { y: "artist", fill: "album_type", percent: true });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), />share \(%\)/);
 * ```
 */
export function stackedBars(data: ChartData, options: StackedBarsOptions): Chart | Note {
  const { y, fill, x, percent } = options;
  const rows = chartRows("stackedBars", data, { y, fill, x }, ["y", "fill"]);
  const missing = missingField(rows, x ?? y, `${fill} per ${y}`);
  if (missing) return missing;
  return themed(options, {
    height: 60 + new Set(rows.map((row) => row[y])).size * 26,
    marginLeft: 150,
    x: {
      label: percent ? "share (%)" : x ?? "count",
      grid: true,
      ...(percent ? { percent: true } : x ? {} : xWhole(options.width)),
    },
    y: { label: null, type: "band" },
    color: { legend: true, ...categories(rows, fill) },
    marks: [
      Plot.barX(
        rows,
        Plot.groupY(
          { x: x ? "sum" : "count" },
          {
            y,
            fill,
            ...(x ? { x } : {}),
            offset: percent ? "normalize" : null,
            order: "z", // each bar stacks in the legend's order, whatever the rows' order
            tip: true,
            ...options.mark,
          },
        ),
      ),
      Plot.ruleX([0]),
    ],
  });
}

/** The periods {@linkcode timeBars} bins by; weeks start on Monday. */
export type TimeInterval = "day" | "week" | "month" | "year";

/** Options of {@linkcode timeBars}. */
export interface TimeBarsOptions extends ChartText {
  /** The date or datetime column, e.g. `added_at`. */
  x: string;
  /** Sum this column per period; without it, count the rows of each period. */
  y?: string;
  /** The period of a bar (weeks start on Monday, in UTC). @default {"month"} */
  interval?: TimeInterval;
  /** Stack by this column's values. */
  fill?: string;
  /**
   * Show shares (0–100%) instead of counts or sums: with `fill`, how each period splits (every bar
   * reaches 100%); without, each period's share of the whole.
   * @default {false}
   */
  percent?: boolean;
  /** Label of the value axis. @default {the y column, "count", or "share (%)"} */
  label?: string;
}

/**
 * Bars over time: the rows of each month (week, day, year) counted, or a column summed, or their
 * shares (`percent`).
 *
 * @param data The rows.
 * @param options The date column (`x`), the summed column (`y`, else rows are counted), the
 * period, stacking, shares, text, and Plot's own options.
 * @returns The chart, or a note when there are no dates.
 * @throws {TypeError} When `x`, `y` or `fill` is not a column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../plot.ts";
 * import { timeBars } from "./bars.ts";
 * const entries = [
 *   { added_at: new Date("2026-01-05"), kind: "track" }, { added_at: new Date("2026-01-20"), kind: "episode" },
 *   { added_at: new Date("2026-03-02"), kind: "track" },
 * ];
 * const chart = timeBars(entries, { x: "added_at", label: "tracks added" });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), /tracks added/);
 * const shares = timeBars(entries, { x: "added_at", fill: "kind", percent: true });
 * assert.match((shares as Chart).toSVG(), />100</);
 * assert.throws(() => timeBars(entries, { x: "added_at", interval: "fortnight" as "week" }), RangeError);
 * ```
 */
export function timeBars(data: ChartData, options: TimeBarsOptions): Chart | Note {
  const { x, y, fill, interval = "month", percent } = options;
  if (!(interval in INTERVALS)) {
    throw new RangeError(
      `Cannot draw timeBars(): interval "${interval}" is not one of "day", "week", "month", "year"`,
    );
  }
  const rows = chartRows("timeBars", data, { x, y, fill }, ["x"]);
  const missing = missingField(rows, x, `${y ?? "rows"} over time`);
  if (missing) return missing;
  const reduce = percent && !fill ? "proportion" : y ? "sum" : "count";
  const label = options.label ?? (percent ? "share (%)" : y ?? "count");
  return themed(options, {
    x: { label: null, type: "utc" },
    y: {
      label,
      grid: true,
      ...(percent ? { percent: true } : y ? {} : yWhole(options.height)),
    },
    ...(fill ? { color: { legend: true, ...categories(rows, fill) } } : {}),
    marks: [
      Plot.rectY(
        withDates(rows, x),
        Plot.binX({ y: reduce }, {
          x,
          ...(y ? { y } : {}),
          interval: INTERVALS[interval],
          ...(fill ? { fill, order: "z" } : { fill: BLUE }),
          ...(percent && fill ? { offset: "normalize" } : {}),
          ...options.mark,
        }),
      ),
      Plot.ruleY([0]),
    ],
  });
}

const INTERVALS = { day: "day", week: "monday", month: "month", year: "year" } as const;
