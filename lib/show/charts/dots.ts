/**
 * Dot charts: release timelines and labelled scatter plots.
 *
 * @module
 */
import type { Note } from "../display.ts";
import { type Chart, Plot } from "../plot.ts";
import { BLUE, categories, chartRows, themed, withDates } from "./_channels.ts";
import { type ChartData, type ChartText, missingField } from "./data.ts";

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
 * @param options Columns, text, and Plot's own options.
 * @returns The chart, or a note when there are no dates.
 * @throws {TypeError} When `x`, `y` or `fill` is not a column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../plot.ts";
 * import { releaseTimeline } from "./dots.ts";
 * const albums = [
 *   { primary_artist: "A", album_type: "album", release_date: "2001-05-01" },
 *   { primary_artist: "B", album_type: "single", release_date: "2010-01-01" },
 * ];
 * const chart = releaseTimeline(albums, { title: "Releases over time" });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), />single</);
 * ```
 */
export function releaseTimeline(data: ChartData, options: TimelineOptions = {}): Chart | Note {
  const { x = "release_date", y = "primary_artist", fill = "album_type" } = options;
  const rows = chartRows("releaseTimeline", data, { x, y, fill });
  const missing = missingField(rows, x, "releases over time");
  if (missing) return missing;
  return themed(options, {
    height: 60 + new Set(rows.map((row) => row[y])).size * 26,
    marginLeft: 150,
    x: { type: "utc", label: null, grid: true },
    y: { label: null, type: "point" },
    color: { legend: true, ...categories(rows, fill) },
    marks: [
      Plot.dot(withDates(rows, x), {
        x,
        y,
        fill,
        r: 5,
        fillOpacity: 0.85,
        stroke: "white",
        tip: true,
        ...options.mark,
      }),
    ],
  });
}

/** Options of {@linkcode scatter}. */
export interface ScatterOptions extends ChartText {
  /** The x column. */
  x: string;
  /** The y column. */
  y: string;
  /** Colour by this column. */
  fill?: string;
  /** Label dots with this column. */
  text?: string;
  /** Label at most this many dots (the largest y first). @default {12} */
  labels?: number;
}

/**
 * A scatter plot, its dots optionally coloured and labelled.
 *
 * @param data The rows.
 * @param options The columns (`x`, `y`, `fill`, `text`), how many labels, text, and Plot's own
 * options.
 * @returns The chart, or a note when a column is empty.
 * @throws {TypeError} When a channel is not a column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Chart } from "../plot.ts";
 * import { scatter } from "./dots.ts";
 * const albums = [{ name: "First", year: 2001, tracks: 9 }, { name: "Second", year: 2004, tracks: 12 }];
 * const chart = scatter(albums, { x: "year", y: "tracks", text: "name" });
 * assert.ok(chart instanceof Chart);
 * assert.match(chart.toSVG(), />Second</);
 * assert.throws(() => scatter(albums, { x: "year", y: "track" }), {
 *   name: "TypeError",
 *   message: /^Cannot draw scatter\(\): y "track" is not a column/,
 * });
 * ```
 */
export function scatter(data: ChartData, options: ScatterOptions): Chart | Note {
  const { x, y, fill, text } = options;
  const rows = chartRows("scatter", data, { x, y, fill, text }, ["x", "y"]);
  const missing = missingField(rows, x, `${y} against ${x}`) ??
    missingField(rows, y, `${y} against ${x}`);
  if (missing) return missing;
  // The largest y first; ties by label, so that the same rows label the same dots in any order.
  const labelled = text
    ? [...rows].sort((a, b) =>
      Number(b[y]) - Number(a[y]) || String(a[text]).localeCompare(String(b[text]), "en")
    ).slice(0, options.labels ?? 12)
    : [];
  return themed(options, {
    grid: true,
    x: { label: x },
    y: { label: y },
    ...(fill ? { color: { legend: true, ...categories(rows, fill) } } : {}),
    marks: [
      Plot.dot(rows, { x, y, fill: fill ?? BLUE, r: 4, fillOpacity: 0.8, ...options.mark }),
      ...(text ? [Plot.text(labelled, { x, y, text, dy: -8, fontSize: 10, fill: "#1f2328" })] : []),
    ],
  });
}
