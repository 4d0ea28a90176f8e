/**
 * The charts the notebooks draw, each one call from a DataFrame (or records) to a themed chart, in
 * Observable Plot's shape: `chart(data, { x, y, fill, ... })`, each channel naming a column.
 * Release timelines, histograms and box plots, ranked, stacked and time-binned bars (rows counted
 * when no column is summed), hour × weekday heatmaps, labelled scatter plots. A channel that is not
 * a column is a `TypeError` in one sentence; a chart of a field the app's mode does not provide
 * (popularity in Development Mode) is a short note saying why, instead of an empty or broken chart.
 * Every helper passes Plot's own options through (`xScale` and `yScale` for the x and y scales,
 * `mark` for the main mark's, the rest by Plot's names); axes of counts tick whole numbers only.
 *
 * @module
 */
export {
  type ChartData,
  type ChartText,
  missingField,
  type PlotPassThrough,
} from "./charts/data.ts";
export {
  rankedBars,
  type RankedBarsOptions,
  stackedBars,
  type StackedBarsOptions,
  timeBars,
  type TimeBarsOptions,
  type TimeInterval,
} from "./charts/bars.ts";
export {
  boxPlot,
  type BoxPlotOptions,
  histogram,
  type HistogramOptions,
} from "./charts/distribution.ts";
export {
  releaseTimeline,
  scatter,
  type ScatterOptions,
  type TimelineOptions,
} from "./charts/dots.ts";
export { heatmap, type HeatmapOptions } from "./charts/heatmap.ts";
