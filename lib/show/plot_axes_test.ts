import assert from "node:assert/strict";
import { histogram } from "./charts.ts";
import { type Chart, Plot, plot } from "./plot.ts";

const rows = Array.from({ length: 80 }, (_, i) => ({
  release_year: 1960 + (i * 7) % 70,
  plays: i * 150,
}));

function ticks(chart: Chart): string[] {
  return [...chart.toSVG().matchAll(/<text[^>]*>([0-9][0-9,.]*)<\/text>/g)].map((m) => m[1]!);
}

Deno.test("a chart binned by year labels its axis 1960 … 2020, without thousands separators", () => {
  const years = ticks(histogram(rows, { x: "release_year" }) as Chart);
  assert.ok(years.includes("1960") && years.includes("2020"), years.join(" "));
  assert.ok(!years.some((t) => /^\d,\d{3}$/.test(t)), years.join(" "));
});

Deno.test("plot() writes year and track-number axes plainly, other counts with separators", () => {
  const chart = plot({
    marks: [Plot.dot(rows, { x: "release_year", y: "plays" })],
  });
  const all = ticks(chart);
  assert.ok(all.includes("1980"), all.join(" "));
  assert.ok(all.includes("10,000"), all.join(" "));
  const byLabel = plot({
    x: { label: "track_number" },
    marks: [Plot.dot([{ n: 1200, v: 1 }, { n: 1500, v: 2 }], { x: "n", y: "v" })],
  });
  assert.ok(ticks(byLabel).includes("1300"), ticks(byLabel).join(" "));
  const given = plot({
    x: { tickFormat: (v: number) => `y${v}` },
    marks: [Plot.dot(rows, { x: "release_year", y: "plays" })],
  });
  assert.match(given.toSVG(), />y1980</);
});
