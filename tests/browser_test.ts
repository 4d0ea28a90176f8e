/**
 * Every chart type in a real browser: a page with one chart of each type, opened in headless
 * Chromium and screenshotted; each chart's area must hold a drawing, not a blank or broken image.
 * The page and its screenshot are written to a temporary folder.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Chart } from "../lib/mod.ts";
import { decodePng, inkShare, screenshot } from "../tools/browser.ts";
import { sampleCharts } from "./_charts_fixture.ts";

Deno.test("every chart type is visible in headless Chromium", async () => {
  const charts = Object.entries(sampleCharts()).filter((e): e is [string, Chart] =>
    e[1] instanceof Chart
  );
  const dir = await Deno.makeTempDir({ prefix: "browser-test-" });
  const page = join(dir, "charts.html");
  let top = 0;
  const boxes: [string, number, number][] = [];
  const body = charts.map(([name, chart]) => {
    const height = Number(/height="(\d+)"/.exec(chart.toSVG())![1]);
    boxes.push([name, top, height]);
    top += height;
    return `<div style="height:${height}px;width:${chart.width}px">${chart.html}</div>`;
  }).join("");
  await Deno.writeTextFile(
    page,
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head>` +
      `<body style="margin:0;background:white">${body}</body></html>`,
  );
  const png = await screenshot(`file://${page}`, join(dir, "charts.png"), {
    width: 760,
    height: top + 20,
  });
  const image = await decodePng(await Deno.readFile(png));
  assert.equal(image.width, 760);
  for (const [name, y, height] of boxes) {
    const share = inkShare(image, [0, y, 720, height]);
    assert.ok(share > 0.03, `${name}: ${(share * 100).toFixed(1)}% of its area is drawn`);
    const title = inkShare(image, [0, y, 720, 22]);
    assert.ok(title > 0.01, `${name}: its title shows (${(title * 100).toFixed(1)}%)`);
  }
  assert.ok(inkShare(image, [0, top, 760, 20]) < 0.001, "below the charts the page is blank");
  await Deno.remove(dir, { recursive: true });
});
