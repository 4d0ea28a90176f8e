/**
 * Snapshots of every chart type (seeded data, reviewed on change: run with UPDATE_SNAPSHOTS=1 to
 * rewrite them), a PNG whose title is really drawn, and charts of missing fields as notes.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Chart, missingField, Note, Plot, plot, renderPng, savePlot } from "../lib/mod.ts";
import { sampleCharts } from "./_charts_fixture.ts";

const SNAPSHOTS = new URL("./snapshots/", import.meta.url).pathname;
const update = Deno.env.get("UPDATE_SNAPSHOTS") === "1";

for (const [name, chart] of Object.entries(sampleCharts())) {
  Deno.test(`the ${name} chart renders as its reviewed snapshot`, async () => {
    assert.ok(chart instanceof Chart, `${name} is a chart`);
    const svg = chart.toSVG();
    const file = join(SNAPSHOTS, `${name}.svg`);
    if (update) await Deno.writeTextFile(file, svg + "\n");
    const expected = (await Deno.readTextFile(file)).trimEnd();
    assert.equal(svg, expected, `${name} changed: review it, then UPDATE_SNAPSHOTS=1`);
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(!/<canvas|<img/.test(svg), "no canvas, no raster");
  });
}

Deno.test("a continuous colour scale gets an SVG ramp legend, with no canvas", () => {
  const chart = plot({
    color: { legend: true, scheme: "viridis", label: "plays" },
    marks: [Plot.cell([{ x: 1, v: 0 }, { x: 2, v: 10 }], { x: "x", fill: "v" })],
  });
  const svg = chart.toSVG();
  assert.match(svg, /<linearGradient id="ramp-\w+">(<stop [^>]+>){11}<\/linearGradient>/);
  assert.match(svg, />plays</);
  assert.match(svg, />10</);
});

/** Share of non-white pixels in a band of rows of an RGBA image. */
function inked(pixels: Uint8Array, width: number, rows: [number, number]): number {
  let ink = 0;
  for (let y = rows[0]; y < rows[1]; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200) ink++;
    }
  }
  return ink / (width * (rows[1] - rows[0]));
}

Deno.test("a chart saved as PNG has its title drawn in the bundled font", async () => {
  const chart = plot({
    title: "Plays by hour of the day",
    marks: [Plot.barY([3, 5, 2], { x: (_d, i) => i, y: (d) => d })],
  });
  const png = await renderPng(chart, { scale: 1 });
  assert.deepEqual([...png.slice(1, 4)], [80, 78, 71], "a PNG file");
  const { Resvg } = await import("@resvg/resvg-js");
  const fonts = [new URL(import.meta.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")).pathname];
  const image = new Resvg(chart.toSVG(), {
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    background: "white",
  }).render();
  const title = inked(image.pixels, image.width, [0, 22]);
  assert.ok(title > 0.02, `the title band has ink (${(title * 100).toFixed(1)}%)`);
  const blank = plot({ marks: [Plot.barY([3, 5, 2], { x: (_d, i) => i, y: (d) => d })] });
  const none = new Resvg(blank.toSVG(), { background: "white" }).render();
  assert.ok(inked(none.pixels, none.width, [0, 12]) < 0.01, "without a title the band is blank");
});

Deno.test("savePlot() writes SVG and PNG whole, and refuses other extensions in one sentence", async () => {
  const dir = await Deno.makeTempDir();
  const chart = plot({ title: "t", marks: [Plot.dot([1, 2], { x: (d) => d })] });
  const svg = await savePlot(chart, join(dir, "sub", "c.svg"));
  assert.match(await Deno.readTextFile(svg), /^<\?xml[^>]+>\n<svg xmlns=/);
  const png = await savePlot(chart, join(dir, "c.png"));
  assert.ok((await Deno.stat(png)).size > 500);
  await assert.rejects(savePlot(chart, join(dir, "c.jpg")), {
    name: "TypeError",
    message: `Cannot save a chart as "${join(dir, "c.jpg")}": use a name ending in .svg or .png`,
  });
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["c.png", "sub"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a chart of a field Development Mode strips is a note saying why", () => {
  const rows = [{ name: "a", popularity: null }, { name: "b" }];
  const note = missingField(rows, "popularity", "popularity");
  assert.ok(note instanceof Note);
  assert.match(note.text, /Spotify does not send "popularity" to Development Mode apps/);
  assert.equal(missingField([{ popularity: 3 }], "popularity", "popularity"), undefined);
});
