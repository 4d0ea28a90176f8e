/**
 * `savePlot`: write a chart to an SVG or PNG file. PNGs are drawn by resvg (no browser) with the
 * DejaVu Sans font that ships with the project's npm dependencies, so text never vanishes.
 *
 * @module
 */
import { dirname, extname } from "node:path";
import { writeAtomic } from "../core/files.ts";
import type { Chart } from "./plot.ts";

/** Options of {@linkcode savePlot}. */
export interface SavePlotOptions {
  /**
   * Pixels per chart pixel in a PNG.
   * @default {2}
   */
  scale?: number;
}

const FONTS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((name) =>
  new URL(import.meta.resolve(`dejavu-fonts-ttf/ttf/${name}`)).pathname
);

/**
 * Render a chart to PNG bytes, without a browser.
 *
 * @param chart The chart.
 * @param options The scale.
 * @returns The PNG file's bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Plot, plot } from "./plot.ts";
 * import { renderPng } from "./save_plot.ts";
 * const chart = plot({ width: 200, height: 100, marks: [Plot.barY([1], { y: (d) => d })] });
 * const png = await renderPng(chart, { scale: 1 });
 * assert.deepEqual([...png.subarray(1, 4)], [..."PNG"].map((c) => c.charCodeAt(0)));
 * assert.equal(new DataView(png.buffer, png.byteOffset).getUint32(16), 200); // width in pixels
 * ```
 */
export async function renderPng(chart: Chart, options: SavePlotOptions = {}): Promise<Uint8Array> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(chart.toSVG(), {
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    background: "white",
    font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}

/**
 * Save a chart as `.svg` or `.png`. The file appears whole or not at all (written beside, then
 * renamed); its folder is created when missing.
 *
 * @param chart The chart, as `plot()` returns it.
 * @param path Where to write; the extension picks the format.
 * @param options The PNG scale.
 * @returns The path written.
 * @throws {TypeError} When the extension is neither `.svg` nor `.png`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Plot, plot } from "./plot.ts";
 * import { savePlot } from "./save_plot.ts";
 * const chart = plot({ title: "One bar", marks: [Plot.barY([1], { y: (d) => d })] });
 * const dir = await Deno.makeTempDir();
 * const path = await savePlot(chart, `${dir}/charts/bar.svg`);
 * assert.match(await Deno.readTextFile(path), /^<\?xml[^>]*>\n<svg[^>]*>.*One bar/s);
 * await assert.rejects(savePlot(chart, `${dir}/bar.gif`), TypeError);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function savePlot(
  chart: Chart,
  path: string,
  options: SavePlotOptions = {},
): Promise<string> {
  const format = extname(path).toLowerCase();
  if (format !== ".svg" && format !== ".png") {
    throw new TypeError(`Cannot save a chart as "${path}": use a name ending in .svg or .png`);
  }
  const bytes = format === ".svg"
    ? new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${chart.toSVG()}\n`)
    : await renderPng(chart, options);
  await Deno.mkdir(dirname(path), { recursive: true });
  await writeAtomic(path, bytes);
  return path;
}
