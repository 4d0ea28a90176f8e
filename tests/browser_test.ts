/**
 * Charts and pages in a real browser (headless Chromium; over the DevTools protocol where the page
 * is driven): every chart type is drawn, shows a mark's values on hover and is named in the
 * accessibility tree; and a notebook rendered by `deno task render` is explored as a reader does,
 * with the network off: hover a bar, sort a table by its header, filter it, show all its rows; the
 * index shows the notebook's card with a thumbnail of its first chart. Pages, screenshots and the
 * render's outputs go to temporary folders.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { Chart } from "../lib/mod.ts";
import { JUPYTER_DISPLAY } from "../lib/show/display.ts";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { exists } from "../lib/core/files.ts";
import { CHROMIUM, decodePng, inkShare, screenshot } from "../tools/browser.ts";
import { type BrowserPage, launchBrowser } from "../tools/cdp.ts";
import { findJupyterPython } from "../tools/jupyter.ts";
import { sampleCharts, sampleRows } from "./_charts_fixture.ts";
import {
  chartsInAccessibilityTree,
  click,
  hoverMark,
  isSorted,
  sortByHeader,
  tableRows,
  watchPage,
} from "./_page_checks.ts";

const chromium = await exists(CHROMIUM);
const jupyter = await findJupyterPython() !== undefined;

function charts(): [string, Chart][] {
  return Object.entries(sampleCharts()).filter((e): e is [string, Chart] => e[1] instanceof Chart);
}

Deno.test({
  name: "every chart type is visible in headless Chromium",
  ignore: !chromium,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "browser-test-" });
    const page = join(dir, "charts.html");
    let top = 0;
    const boxes: [string, number, number][] = [];
    const body = charts().map(([name, chart]) => {
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
  },
});

/** The tip's lines as the mark's title has them ("label: value" a line). */
function lines(text: string): string[] {
  return text.split("\n").map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean);
}

Deno.test({
  name:
    "every chart type, shown as the notebook shows it, tips a mark's values on hover from one script and is a named image in the accessibility tree",
  ignore: !chromium,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "browser-tips-" });
    const file = join(dir, "charts.html");
    const shown = charts();
    // Each chart's own output, as the kernel sends it: every one carries the chart script.
    const body = shown.map(([name, chart]) =>
      `<section id="${name}">${chart[JUPYTER_DISPLAY]()["text/html"]}</section>`
    ).join("");
    await Deno.writeTextFile(
      file,
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>charts</title></head>` +
        `<body>${body}</body></html>`,
    );
    await using browser = await launchBrowser();
    await using page = await browser.newPage();
    const watch = await watchPage(page, dir);
    await page.navigate(`file://${file}`);
    for (const [name] of shown) {
      const hover = await hoverMark(page, `#${name} svg.spotify-chart svg *`);
      assert.deepEqual(lines(hover.tip), lines(hover.title), `${name}: the tip shows the values`);
    }
    // The counted chart's bars count rows: the tip of a bar says how many the data has.
    const { entries } = sampleRows();
    const counted = await hoverMark(page, `#counted svg.spotify-chart svg rect`);
    const who = /^label: (.+)$/m.exec(counted.title)?.[1];
    const count = entries.filter((e) => e.added_by === who).length;
    assert.ok(count > 0, `a bar of the counted chart (${counted.title})`);
    assert.ok(lines(counted.tip).includes(`count: ${count}`), counted.tip);
    assert.equal(
      await page.evaluate<number>(`document.querySelectorAll(".spotify-tip").length`),
      1,
    );
    const named = await chartsInAccessibilityTree(page);
    assert.deepEqual(
      named,
      shown.map(([, chart]) => ({ role: "image", name: chart.label })),
      "each chart is an image named by its title",
    );
    assert.deepEqual(watch, { failed: [], external: [], errors: [] });
    await Deno.remove(dir, { recursive: true });
  },
});

/** `deno task render NAME` offline, into a temporary folder. */
async function render(name: string, out: string): Promise<void> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(PROJECT_ROOT, "tools/demo.ts"), name, "--out", out],
    env: {
      NO_COLOR: "1",
      SPOTIFY_CLIENT_ID: "",
      SPOTIFY_CLIENT_SECRET: "",
      SPOTIFY_CACHE_DIR: join(out, ".cache"),
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, text);
}

/** Open a file page with the network off, watching it. */
async function open(page: BrowserPage, file: string) {
  const watch = await watchPage(page, dirname(file));
  await page.navigate(`file://${file}`);
  return watch;
}

Deno.test({
  name:
    "a rendered notebook is explored offline: a bar tips its value, a header sorts its table, the filter and show all work, every chart is named, nothing is loaded or logged as an error, and the index shows its card",
  ignore: !chromium || !jupyter,
  // The render's kernel and the browser run beside the test's own steps.
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const out = await Deno.makeTempDir({ prefix: "browser-render-" });
    const name = "02_artist_discography";
    await render(name, out);
    const file = join(out, `${name}.html`);
    await using browser = await launchBrowser();
    await using page = await browser.newPage();
    const watch = await open(page, file);

    await t.step("the page carries one copy of each script and no external reference", async () => {
      const html = await Deno.readTextFile(file);
      assert.equal(html.match(/<script class="spotify-explore">/g)?.length, 2, "chart, table");
      assert.doesNotMatch(html, /MathJax|require\.min\.js|<script[^>]+src=|<link[^>]+href=/);
      assert.doesNotMatch(html, /class="ansi-/, "no colour codes in outputs");
      assert.doesNotMatch(await Deno.readTextFile(join(out, `${name}.ipynb`)), /\\u001b\[/);
    });

    await t.step("hovering a bar shows its value", async () => {
      const hover = await hoverMark(page, "svg.spotify-chart svg rect");
      assert.deepEqual(lines(hover.tip), lines(hover.title));
      assert.match(hover.tip, /: [\d,.]+$/m, "a value");
    });

    await t.step("clicking a table header reorders its rows", async () => {
      const sorted = await sortByHeader(page, 0);
      assert.equal(sorted.ariaSort, "ascending");
      assert.notDeepEqual(sorted.after, sorted.before, `sorting by ${sorted.column}`);
      const values = sorted.after.filter((r) => r.length > 1).map((r) => r[sorted.index]!);
      assert.ok(isSorted(values, sorted.numeric), `${sorted.column}: ${values.join(" | ")}`);
    });

    await t.step("a long table filters by the text typed and shows all its rows", async () => {
      const index = await page.evaluate<number>(`[...document.querySelectorAll(
        ".spotify-table[data-explore]")].findIndex((t) => t.querySelector("input[type=search]"))`);
      assert.ok(index >= 0, "a table over 20 rows has a filter box");
      const total = await page.evaluate<number>(`Number(document.querySelectorAll(
        ".spotify-table[data-explore]")[${index}].dataset.rows)`);
      const box = `document.querySelectorAll(".spotify-table[data-explore]")[${index}]`;
      const rows = (await tableRows(page, index)).filter((r) => r.length > 1);
      const needle = rows[1]![1]!.slice(0, 4);
      await page.evaluate(`${box}.querySelector("input").focus(), true`);
      await page.send("Input.insertText", { text: needle });
      const filtered = (await tableRows(page, index)).filter((r) => r.length > 1);
      assert.ok(filtered.length > 0, `rows matching "${needle}"`);
      for (const row of filtered) {
        assert.ok(row.join(" ").toLowerCase().includes(needle.toLowerCase()), row.join(" | "));
      }
      await page.evaluate(`(() => { const input = ${box}.querySelector("input");
        input.value = ""; input.dispatchEvent(new Event("input")); })(), true`);
      const button = await page.evaluate<{ x: number; y: number; text: string }>(`(() => {
        const button = ${box}.querySelector("button");
        button.scrollIntoView({ block: "center" });
        const r = button.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2, text: button.textContent };
      })()`);
      assert.equal(button.text, `Show all ${total} rows`);
      await click(page, button.x, button.y);
      assert.equal((await tableRows(page, index)).length, Math.min(total, 500));
    });

    await t.step("the accessibility tree has no unnamed chart", async () => {
      const charts = await chartsInAccessibilityTree(page);
      assert.ok(charts.length >= 3, `${charts.length} charts`);
      for (const chart of charts) {
        assert.equal(chart.role, "image");
        assert.match(chart.name, /\w/);
      }
    });

    await t.step("with the network off the page made no failed request and logged no error", () => {
      assert.deepEqual(watch, { failed: [], external: [], errors: [] });
    });

    await t.step("the index shows the notebook's card with its first chart, offline", async () => {
      await using index = await browser.newPage();
      const seen = await open(index, join(out, "index.html"));
      const card = await index.evaluate<
        { title: string; image: number; alt: string; when: string }
      >(
        `(() => {
          const card = document.querySelector("article.card");
          const image = card.querySelector("img.thumb");
          return { title: card.querySelector("h2").textContent, image: image.naturalWidth,
            alt: image.alt, when: card.querySelector(".when time").getAttribute("datetime") };
        })()`,
      );
      assert.equal(card.title, "Artist discography");
      assert.ok(card.image > 100, "the thumbnail is drawn");
      assert.match(card.alt, /^First chart: Releases over time\./);
      assert.ok(Math.abs(Date.parse(card.when) - Date.now()) < 10 * 60_000, card.when);
      assert.deepEqual(seen, { failed: [], external: [], errors: [] });
    });
    await Deno.remove(out, { recursive: true });
  },
});
