/**
 * Observable Plot, server-side: charts are rendered against a linkedom document, in one theme, and
 * shown inline in the Deno kernel (and in the HTML nbconvert renders) as SVG. Titles, subtitles,
 * captions and colour legends are drawn by this module in SVG, so a chart needs no canvas (Plot's
 * own ramp legend does) and saves to a standalone SVG or PNG that looks like the notebook's.
 *
 * @module
 */
import * as PlotLib from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { escapeHtml, JUPYTER_DISPLAY } from "./display.ts";
import { isPlainNumberColumn } from "./table.ts";
import { titledMarks } from "./_mark_titles.ts";
import { CHART_SCRIPT } from "./_page_script.ts";

const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");

const SVG_NS = "http://www.w3.org/2000/svg";

/** The theme's font stack: DejaVu Sans ships with the project, so PNGs have the same text. */
export const FONT_FAMILY = "'DejaVu Sans', system-ui, -apple-system, 'Segoe UI', sans-serif";
const INK = "#1f2328";
const MUTED = "#57606a";

/** Observable Plot's own options of `Plot.plot` (marks, scales, size, ...). */
export type PlotOptions = PlotLib.PlotOptions;

/** Options of {@linkcode plot}: Plot's, with the title, subtitle and caption drawn in SVG. */
export interface ChartOptions extends Omit<PlotOptions, "title" | "subtitle" | "caption"> {
  /** A heading above the chart. */
  title?: string;
  /** A line under the title. */
  subtitle?: string;
  /** A note under the chart (source, caveats). */
  caption?: string;
}

interface ChartParts {
  width: number;
  plotHeight: number;
  plot: string;
  title: string | undefined;
  subtitle: string | undefined;
  caption: string | undefined;
  legend: { svg: string; height: number } | undefined;
  /** The text alternative (`aria-label`); by default the title and the subtitle. */
  label?: string;
}

/**
 * A rendered chart, as {@linkcode plot} and the chart helpers return it: it displays inline in
 * Jupyter; `html` is its markup, `toSVG()` a standalone SVG.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Plot, plot } from "./plot.ts";
 * const chart = plot({ title: "Plays", width: 300, marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] });
 * assert.equal(chart.title, "Plays");
 * assert.equal(chart.width, 300);
 * assert.match(chart.html, /^<svg [^>]*width="300"/);
 * ```
 */
export class Chart {
  readonly #parts: ChartParts;
  /**
   * Assemble a chart; {@linkcode plot} makes them, from Plot's options.
   *
   * @param parts What the chart is made of: its size, Plot's SVG, the texts and the legend.
   */
  constructor(parts: ChartParts) {
    this.#parts = parts;
  }
  /** The chart's width in pixels. */
  get width(): number {
    return this.#parts.width;
  }
  /** The title, if any. */
  get title(): string | undefined {
    return this.#parts.title;
  }
  /**
   * The chart's text alternative, its `aria-label`: the title and the subtitle, or, without them,
   * what the axes show.
   */
  get label(): string {
    return this.#parts.label ?? textAlternative(this.#parts.title, this.#parts.subtitle, []);
  }
  /** The chart's markup for a page: one `<svg>` holding title, legend, plot and caption. */
  get html(): string {
    return this.toSVG();
  }
  /**
   * The chart as one standalone SVG document (what the notebook shows, `savePlot` writes and the
   * PNG renderer reads).
   *
   * @returns SVG markup with its namespace.
   */
  toSVG(): string {
    const { width, plotHeight, plot, title, subtitle, caption, legend } = this.#parts;
    const parts: string[] = [];
    let y = 0;
    const text = (value: string, size: number, weight: number, color: string) => {
      for (const line of wrap(value, width, size)) {
        y += size * 1.35;
        parts.push(
          `<text x="0" y="${
            y - size * 0.3
          }" font-size="${size}" font-weight="${weight}" fill="${color}">${
            escapeHtml(line)
          }</text>`,
        );
      }
    };
    if (title) text(title, 16, 700, INK);
    if (subtitle) text(subtitle, 13, 400, MUTED);
    if (title || subtitle) y += 6;
    if (legend) {
      parts.push(`<g transform="translate(0,${y})">${legend.svg}</g>`);
      y += legend.height + 6;
    }
    parts.push(`<g transform="translate(0,${y})">${plot}</g>`);
    y += plotHeight;
    if (caption) {
      y += 4;
      text(caption, 11, 400, MUTED);
    }
    const height = Math.ceil(y + 4);
    return `<svg xmlns="${SVG_NS}" class="spotify-chart" role="img" aria-label="${
      escapeHtml(this.label)
    }" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" ` +
      `style="max-width:100%;height:auto;background:white">${parts.join("")}</svg>`;
  }
  /**
   * What the Deno kernel shows for the chart.
   *
   * @returns The MIME bundle Jupyter shows: the SVG as `text/html`, with the page script that shows
   * a mark's values on hover, and the title as text.
   */
  [JUPYTER_DISPLAY](): Record<string, string> {
    return {
      "text/html": this.html + CHART_SCRIPT,
      "text/plain": `Chart${this.title ? `: ${this.title}` : ""}`,
    };
  }
}

/** Splits text into lines that fit `width` at `size` (an average glyph is about 0.58 em wide). */
function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(10, Math.floor(width / (size * 0.58)));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const CONTINUOUS = new Set([
  "linear",
  "sqrt",
  "pow",
  "log",
  "symlog",
  "sequential",
  "diverging",
  "diverging-log",
  "diverging-sqrt",
  "diverging-pow",
  "diverging-symlog",
  "cyclical",
  "time",
  "utc",
]);

/** What a colour legend is drawn with: the chart's width, and the colour scale's label and ticks. */
interface LegendOptions {
  width: number;
  label: string | undefined;
  /** Plot's `ticks` option of the colour scale; an interval (whole numbers) places the ramp's. */
  ticks: PlotLib.ScaleOptions["ticks"];
}

/** The values a ramp legend labels: the `ticks` interval's within the domain, or ends and middle. */
function rampTicks(lo: number, hi: number, ticks: LegendOptions["ticks"]): number[] {
  const interval = ticks as { floor?: unknown; range?: unknown } | undefined;
  if (typeof interval?.range === "function" && typeof interval.floor === "function") {
    const { floor, offset, range } = ticks as {
      floor(v: number): number;
      offset(v: number): number;
      range(a: number, b: number): number[];
    };
    const values = range(lo, offset(floor(hi))).filter((v) => v >= lo && v <= hi);
    if (values.length >= 2) return values;
  }
  return [lo, (lo + hi) / 2, hi];
}

/** A colour legend in SVG: a gradient ramp for continuous scales, swatches otherwise. */
function legendFor(scale: PlotLib.Scale, options: LegendOptions): ChartParts["legend"] {
  const { width, label } = options;
  const color = PlotLib.scale({ color: scale as PlotLib.ScaleOptions });
  const name = label ?? scale.label ?? "";
  const title = name
    ? `<text x="0" y="10" font-size="11" font-weight="600" fill="${INK}">${escapeHtml(name)}</text>`
    : "";
  const top = name ? 16 : 0;
  if (CONTINUOUS.has(String(scale.type))) {
    const domain = [...(scale.domain ?? [0, 1])].map(Number);
    const [lo, hi] = [domain[0] ?? 0, domain.at(-1) ?? 1];
    const rampWidth = Math.min(280, width);
    const stops = Array.from({ length: 11 }, (_, i) => {
      const value = lo + (hi - lo) * i / 10;
      return `<stop offset="${i * 10}%" stop-color="${color.apply(value)}"/>`;
    }).join("");
    // Named after its colours: deterministic, and distinct between charts of one page.
    const id = `ramp-${hash(stops + name)}`;
    const ticks = rampTicks(lo, hi, options.ticks).map((value) => {
      const x = hi === lo ? 0 : (value - lo) / (hi - lo) * rampWidth;
      const anchor = value === lo ? "start" : value === hi ? "end" : "middle";
      return `<text x="${x}" y="${top + 24}" font-size="10" fill="${MUTED}" ` +
        `text-anchor="${anchor}">${escapeHtml(formatTick(value, name))}</text>`;
    }).join("");
    return {
      svg: `<defs><linearGradient id="${id}">${stops}</linearGradient></defs>${title}` +
        `<rect x="0" y="${top}" width="${rampWidth}" height="10" fill="url(#${id})"/>${ticks}`,
      height: top + 26,
    };
  }
  let x = 0;
  let row = 0;
  const items = [...(scale.domain ?? [])].map((value: unknown) => {
    const label = String(value);
    const itemWidth = 18 + label.length * 6.4 + 12;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      row++;
    }
    const y = top + row * 18;
    const svg = `<rect x="${x}" y="${y}" width="12" height="12" fill="${color.apply(value)}"/>` +
      `<text x="${x + 17}" y="${y + 10}" font-size="11" fill="${INK}">${escapeHtml(label)}</text>`;
    x += itemWidth;
    return svg;
  });
  return { svg: title + items.join(""), height: top + (row + 1) * 18 };
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

function formatTick(value: number, label = ""): string {
  if (isPlainNumberColumn(label)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en");
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

/**
 * Render an Observable Plot chart for the notebook, in the project's theme. Ask for a colour
 * legend as Plot does (`color: { legend: true }`); it is drawn in SVG, ramps included.
 *
 * @param options Plot's options (marks, scales, ...), plus `title`, `subtitle` and `caption`.
 * @returns A {@linkcode Chart} that displays inline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Plot, plot } from "./plot.ts";
 * const chart = plot({
 *   title: "Tracks per album",
 *   marks: [Plot.barY([{ x: "a", y: 1 }], { x: "x", y: "y" })],
 * });
 * assert.ok(chart.toSVG().startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
 * ```
 */
export function plot(options: ChartOptions): Chart {
  const { title, subtitle, caption, color, ...rest } = options;
  const wantsLegend = color?.legend === true || color?.legend === "ramp" ||
    color?.legend === "swatches";
  const width = rest.width ?? 720;
  const render = (plotOptions: PlotLib.PlotOptions) => {
    const node = PlotLib.plot({
      width,
      marginLeft: 60,
      style: {
        fontFamily: FONT_FAMILY,
        fontSize: "11px",
        overflow: "visible",
        color: INK,
        background: "white",
      },
      ...plotOptions,
      color: { ...color, legend: false },
      document: document as unknown as Document,
    }) as unknown as Element & { scale(name: string): PlotLib.Scale | undefined };
    node.setAttribute("xmlns", SVG_NS);
    return node;
  };
  const titled = rest.marks
    ? { ...rest, marks: titledMarks(rest.marks) as PlotLib.Markish[] }
    : rest;
  let node = render(titled);
  const plain = plainAxes(node, rest);
  if (plain) node = render({ ...titled, ...plain });
  const scale = wantsLegend ? node.scale("color") : undefined;
  return new Chart({
    width,
    plotHeight: Number(node.getAttribute("height") ?? 400),
    plot: node.outerHTML,
    title,
    subtitle,
    caption,
    legend: scale
      ? legendFor(scale, { width, label: color?.label ?? undefined, ticks: color?.ticks })
      : undefined,
    label: textAlternative(title, subtitle, axisLabels(node)),
  });
}

/**
 * A chart's text alternative: its title and subtitle as sentences, or, without either, the labels
 * of its axes ("Chart of count by added_by"), or "Chart".
 */
function textAlternative(
  title: string | undefined,
  subtitle: string | undefined,
  axes: readonly string[],
): string {
  const sentences = [title, subtitle].map((text) => text?.trim()).filter(Boolean) as string[];
  if (sentences.length > 0) {
    return sentences.map((text) => /[.!?]$/.test(text) ? text : `${text}.`).join(" ");
  }
  return axes.length > 0 ? `Chart of ${axes.join(" by ")}` : "Chart";
}

/** The labels of a rendered plot's axes, x first, without their arrows. */
function axisLabels(node: Element): string[] {
  return ["x", "y", "fx", "fy"].map((axis) =>
    node.querySelector(`g[aria-label="${axis}-axis label"] text`)?.textContent ?? ""
  ).map((label) => label.replace(/[↑↓→←]/g, "").trim()).filter(Boolean);
}

const POSITION_SCALES = ["x", "y", "fx", "fy"] as const;

/**
 * Scale options that write the ticks of year-like and identifier axes (years, decades, track
 * numbers, ...) plainly, "1960" rather than Plot's "1,960"; `undefined` when no axis needs it.
 * The axis is known by its label, given or inferred by Plot from the channel's field name.
 */
function plainAxes(
  node: Element & { scale(name: string): PlotLib.Scale | undefined },
  options: PlotLib.PlotOptions,
): Partial<PlotLib.PlotOptions> | undefined {
  let changes: Partial<PlotLib.PlotOptions> | undefined;
  for (const axis of POSITION_SCALES) {
    const given = options[axis] as PlotLib.ScaleOptions | undefined;
    if (given?.tickFormat !== undefined) continue;
    const scale = node.scale(axis);
    const type = scale?.type;
    // Numbers as categories (decades on a band axis) are names, never "1,990".
    const ordinal = (type === "band" || type === "point") &&
      [...(scale?.domain ?? [])].every((value) => typeof value === "number");
    if (!ordinal && type !== "linear" && type !== "identity") continue;
    const label = typeof given?.label === "string"
      ? given.label
      : node.querySelector(`g[aria-label="${axis}-axis label"] text`)?.textContent ?? "";
    if (!ordinal && !isPlainNumberColumn(label.replace(/[↑↓→←]/g, "").trim())) continue;
    changes = { ...changes, [axis]: { ...given, tickFormat: plainTick } };
  }
  return changes;
}

function plainTick(value: unknown): string {
  return String(value);
}

/**
 * Observable Plot itself (`@observablehq/plot`), for the marks and transforms a chart is made of
 * (`Plot.barX`, `Plot.groupY`, ...). Pass what it makes to {@linkcode plot} to draw it in the
 * project's theme.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Plot, plot } from "./plot.ts";
 * const bars = Plot.barX([{ name: "a", n: 3 }], { x: "n", y: "name" });
 * assert.ok(plot({ marks: [bars] }).toSVG().includes("<rect"));
 * ```
 */
export const Plot: typeof PlotLib = PlotLib;
