import assert from "node:assert/strict";
import { JUPYTER_DISPLAY } from "./display.ts";
import { Plot, plot } from "./plot.ts";

Deno.test("plot() renders SVG with its namespace, displayable as HTML in Jupyter", () => {
  const chart = plot({
    title: "Counts",
    marks: [Plot.barY([{ x: "a", y: 3 }, { x: "b", y: 5 }], { x: "x", y: "y" })],
  });
  assert.match(chart.html, /^<figure/);
  assert.match(chart.html, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((chart.html.match(/<rect/g) ?? []).length >= 2, true);
  const bundle = chart[JUPYTER_DISPLAY]();
  assert.equal(bundle["text/html"], chart.html);
});
