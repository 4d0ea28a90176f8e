import assert from "node:assert/strict";
import { JUPYTER_DISPLAY } from "./display.ts";
import { Plot, plot } from "./plot.ts";

Deno.test("plot() renders one SVG with its namespace, title included, displayable in Jupyter", () => {
  const chart = plot({
    title: "Counts <by> letter",
    subtitle: "a subtitle",
    caption: "a caption",
    marks: [Plot.barY([{ x: "a", y: 3 }, { x: "b", y: 5 }], { x: "x", y: "y" })],
  });
  assert.match(chart.html, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="spotify-chart"/);
  assert.match(chart.html, /<text[^>]*font-weight="700"[^>]*>Counts &#60;by&#62; letter<\/text>/);
  assert.match(chart.html, />a subtitle</);
  assert.match(chart.html, />a caption</);
  assert.ok((chart.html.match(/<rect/g) ?? []).length >= 2, "the bars");
  assert.equal((chart.html.match(/<svg/g) ?? []).length, 2, "the plot nested in the chart");
  const bundle = chart[JUPYTER_DISPLAY]();
  assert.equal(bundle["text/html"], chart.html);
  assert.equal(bundle["text/plain"], "Chart: Counts <by> letter");
});

Deno.test("plot() is deterministic: the same options give the same markup", () => {
  const options = {
    color: { legend: true },
    marks: [Plot.dot([{ x: 1, c: "u" }, { x: 2, c: "v" }], { x: "x", fill: "c" })],
  };
  assert.equal(plot(options).toSVG(), plot(options).toSVG());
});
