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
  assert.match(
    chart.html,
    /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="spotify-chart" role="img" aria-label="Counts &#60;by&#62; letter. a subtitle."/,
  );
  assert.match(chart.html, /<text[^>]*font-weight="700"[^>]*>Counts &#60;by&#62; letter<\/text>/);
  assert.match(chart.html, />a subtitle</);
  assert.match(chart.html, />a caption</);
  assert.ok((chart.html.match(/<rect/g) ?? []).length >= 2, "the bars");
  assert.equal((chart.html.match(/<svg/g) ?? []).length, 2, "the plot nested in the chart");
  const bundle = chart[JUPYTER_DISPLAY]();
  assert.ok(bundle["text/html"]!.startsWith(chart.html), "the chart, then the page script");
  assert.match(bundle["text/html"]!, /<\/svg><script class="spotify-explore">/);
  assert.equal(bundle["text/plain"], "Chart: Counts <by> letter");
});

Deno.test("plot() is deterministic: the same options give the same markup", () => {
  const options = {
    color: { legend: true },
    marks: [Plot.dot([{ x: 1, c: "u" }, { x: 2, c: "v" }], { x: "x", fill: "c" })],
  };
  assert.equal(plot(options).toSVG(), plot(options).toSVG());
});

/** The texts of the `<title>` elements of a chart's SVG, in order. */
function titles(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
}

Deno.test("every bar carries its values as an SVG title, for the browser's own tooltip", () => {
  const chart = plot({
    marks: [
      Plot.barY([{ x: "a", y: 3 }, { x: "b", y: 1250.5 }], { x: "x", y: "y" }),
      Plot.ruleY([0]),
      Plot.text([{ x: "a", y: 3 }], { x: "x", y: "y", text: "x" }),
    ],
  });
  const svg = chart.toSVG();
  assert.deepEqual(
    titles(svg),
    ["x: a\ny: 3", "x: b\ny: 1,250.5"],
    "bars only, not the rule or text",
  );
  assert.match(
    svg,
    /<rect [^>]*><title>x: a\ny: 3<\/title><\/rect>/,
    "the title is the bar's child",
  );
});

Deno.test("a title says a stacked share, a binned month and a year-like number as a reader would", () => {
  const rows = [
    { who: "a", kind: "x", at: new Date(Date.UTC(2024, 2, 5)), year: 1999 },
    { who: "a", kind: "y", at: new Date(Date.UTC(2024, 2, 9)), year: 2001 },
    { who: "a", kind: "y", at: new Date(Date.UTC(2024, 3, 1)), year: 2001 },
  ];
  const stacked = plot({
    x: { percent: true, label: "share (%)" },
    marks: [
      Plot.barX(rows, Plot.groupY({ x: "count" }, { y: "who", fill: "kind", offset: "normalize" })),
    ],
  });
  assert.deepEqual(titles(stacked.toSVG()), [
    "kind: x\nwho: a\nshare (%): 33.33",
    "kind: y\nwho: a\nshare (%): 66.67",
  ]);
  const months = plot({
    marks: [Plot.rectY(rows, Plot.binX({ y: "count" }, { x: "at", interval: "month" }))],
  });
  assert.deepEqual(titles(months.toSVG()), [
    "at: 2024-03\nFrequency: 2",
    "at: 2024-04\nFrequency: 1",
  ]);
  const years = plot({ marks: [Plot.dot(rows, { x: "year", y: "who" })] });
  assert.deepEqual(titles(years.toSVG()).slice(0, 2), ["who: a\nyear: 1999", "who: a\nyear: 2001"]);
});

Deno.test("a mark's own title channel is kept, and a mark drawn twice is not changed by the first", () => {
  const dots = Plot.dot([{ x: 1, name: "Song" }], { x: "x", title: "name" });
  const first = plot({ marks: [dots] }).toSVG();
  assert.deepEqual(titles(first), ["Song"]);
  const bars = Plot.barY([{ x: "a", y: 2 }], { x: "x", y: "y" });
  const once = plot({ marks: [bars] }).toSVG();
  assert.equal(plot({ marks: [bars] }).toSVG(), once, "the same markup the second time");
  assert.deepEqual(titles(once), ["x: a\ny: 2"]);
});

Deno.test("a chart is an image named by its title and subtitle, or by what its axes show", () => {
  const bars = [Plot.barX([{ n: 2, who: "a" }], { x: "n", y: "who" })];
  const titled = plot({ title: "Plays", subtitle: "By listener!", marks: bars });
  assert.equal(titled.label, "Plays. By listener!");
  assert.match(titled.toSVG(), /^<svg [^>]*role="img" aria-label="Plays\. By listener!"/);
  assert.equal(plot({ marks: bars }).label, "Chart of n by who");
  assert.equal(plot({ marks: [Plot.frame()] }).label, "Chart");
});
