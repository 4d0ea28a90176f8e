/**
 * Observable Plot, server-side: charts are rendered against a linkedom document and shown inline in
 * the Deno kernel (and in the HTML that nbconvert renders) as SVG markup.
 *
 * @module
 */
import { JUPYTER_DISPLAY } from "./display.ts";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");

const SVG_NS = "http://www.w3.org/2000/svg";

/** A rendered chart: displays inline in Jupyter; `html` is its markup. */
export class Chart {
  /** The chart's markup: an `<svg>`, or a `<figure>` holding title, legend and `<svg>`. */
  readonly html: string;
  /** @param html The rendered markup. */
  constructor(html: string) {
    this.html = html;
  }
  /** @returns The MIME bundle Jupyter shows. */
  [JUPYTER_DISPLAY](): Record<string, string> {
    return { "text/html": this.html };
  }
}

/**
 * Render an Observable Plot chart for the notebook.
 *
 * @param options Plot's options (marks, scales, title, ...); `document` is supplied.
 * @returns A {@linkcode Chart} that displays inline.
 *
 * @example
 * ```ts
 * import { Plot, plot } from "./plot.ts";
 * const chart = plot({ marks: [Plot.barY([{ x: "a", y: 1 }], { x: "x", y: "y" })] });
 * console.assert(chart.html.includes("<svg"));
 * ```
 */
export function plot(options: Plot.PlotOptions): Chart {
  const node = Plot.plot({
    style: { fontFamily: "system-ui, sans-serif", fontSize: "12px", overflow: "visible" },
    marginLeft: 50,
    ...options,
    document: document as unknown as Document,
  }) as unknown as Element;
  for (const svg of [node, ...node.querySelectorAll("svg")]) {
    if (svg.tagName.toLowerCase() === "svg") svg.setAttribute("xmlns", SVG_NS);
  }
  return new Chart(node.outerHTML);
}

export { Plot };
