/**
 * Snapshots of every chart type (seeded data, reviewed on change: run with UPDATE_SNAPSHOTS=1 to
 * rewrite them), a PNG whose title is really drawn, charts of missing fields as notes, and the chart
 * helpers' options: channels that must be columns, rows counted, time bins, heatmap domains.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import {
  boxPlot,
  Chart,
  heatmap,
  histogram,
  missingField,
  Note,
  pl,
  Plot,
  plot,
  rankedBars,
  releaseTimeline,
  renderPng,
  savePlot,
  scatter,
  stackedBars,
  timeBars,
} from "../lib/mod.ts";
import { sampleCharts } from "./_charts_fixture.ts";

const SNAPSHOTS = new URL("./snapshots/", import.meta.url).pathname;
const update = Deno.env.get("UPDATE_SNAPSHOTS") === "1";
/** A folder to write each chart to as PNG, to look at them (`SNAPSHOT_PNG=/tmp/charts`). */
const pngs = Deno.env.get("SNAPSHOT_PNG");

for (const [name, chart] of Object.entries(sampleCharts())) {
  Deno.test(`the ${name} chart renders as its reviewed snapshot`, async () => {
    assert.ok(chart instanceof Chart, `${name} is a chart`);
    const svg = chart.toSVG();
    const file = join(SNAPSHOTS, `${name}.svg`);
    if (update) await Deno.writeTextFile(file, svg + "\n");
    if (pngs) await Deno.writeFile(join(pngs, `${name}.png`), await renderPng(chart));
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

/** The texts of an SVG's elements under `g[aria-label=label]`, in order. */
function texts(chart: Chart | Note, label: string): string[] {
  assert.ok(chart instanceof Chart, "a chart");
  const { document } = parseHTML(`<html><body>${chart.toSVG()}</body></html>`);
  return [...document.querySelectorAll(`g[aria-label="${label}"] text`)].map((t) =>
    t.textContent ?? ""
  );
}

/** The heights of a chart's bars (rects of its `rect` mark), left to right. */
function barHeights(chart: Chart | Note): number[] {
  assert.ok(chart instanceof Chart, "a chart");
  const { document } = parseHTML(`<html><body>${chart.toSVG()}</body></html>`);
  return [...document.querySelectorAll(`g[aria-label="rect"] rect`)]
    .map((r) => [Number(r.getAttribute("x")), Number(r.getAttribute("height"))])
    .sort((a, b) => a[0]! - b[0]!)
    .map(([, height]) => height!);
}

Deno.test("every chart helper names a channel that is not a column in a one-sentence TypeError", () => {
  const rows = [{ name: "a", year: 2001, n: 3 }];
  const df = pl.DataFrame(rows);
  const calls: [string, string, () => unknown][] = [
    ["rankedBars", "y", () => rankedBars(df, { y: "nmae" })],
    ["rankedBars", "x", () => rankedBars(rows, { y: "name", x: "count" })],
    ["stackedBars", "fill", () => stackedBars(rows, { y: "name", fill: "type" })],
    ["timeBars", "x", () => timeBars(df, { x: "added_at" })],
    ["histogram", "x", () => histogram(rows, { x: "minutes" })],
    ["boxPlot", "y", () => boxPlot(rows, { x: "n", y: "artist" })],
    ["heatmap", "x", () => heatmap(df)],
    ["scatter", "text", () => scatter(rows, { x: "year", y: "n", text: "title" })],
    ["releaseTimeline", "x", () => releaseTimeline(rows)],
  ];
  for (const [helper, channel, call] of calls) {
    assert.throws(call, (error: Error) => {
      assert.ok(error instanceof TypeError, helper);
      assert.match(
        error.message,
        new RegExp(
          `^Cannot draw ${helper}\\(\\): ${channel} "\\w+" is not a column of the data \\(its columns: "name", "year", "n"\\)$`,
        ),
      );
      return true;
    });
  }
  assert.throws(() => histogram(rows, {} as { x: string }), {
    name: "TypeError",
    message: 'Cannot draw histogram(): give the column to chart as "x", by its name',
  });
  assert.throws(() => scatter(rows, { x: "year", y: ((d: { n: number }) => d.n) as never }), {
    name: "TypeError",
    message: 'Cannot draw scatter(): give the column to chart as "y", by its name',
  });
});

Deno.test("rankedBars() and stackedBars() count rows when no x is given, and sum x when it is", () => {
  const rows = [
    { added_by: "ana", kind: "a", n: 1 },
    { added_by: "ana", kind: "b", n: 1 },
    { added_by: "bo", kind: "a", n: 5 },
  ];
  const counted = rankedBars(rows, { y: "added_by" });
  assert.deepEqual(texts(counted, "text"), ["2", "1"]);
  assert.deepEqual(texts(counted, "y-axis tick label"), ["ana", "bo"]);
  assert.deepEqual(texts(counted, "x-axis label"), ["count →"]);
  const summed = rankedBars(rows, { y: "added_by", x: "n" });
  assert.deepEqual(texts(summed, "text"), ["5", "2"]);
  assert.deepEqual(texts(summed, "y-axis tick label"), ["bo", "ana"]);
  assert.deepEqual(texts(stackedBars(rows, { y: "added_by", fill: "kind" }), "x-axis label"), [
    "count →",
  ]);
  assert.deepEqual(
    texts(stackedBars(rows, { y: "added_by", fill: "kind", x: "n" }), "x-axis label"),
    [
      "n →",
    ],
  );
});

Deno.test("timeBars() counts rows per month, sums y when given, and starts weeks on Monday", () => {
  const day = (d: string) => new Date(`${d}T12:00:00Z`);
  const rows = [
    { at: day("2026-01-05"), minutes: 10 }, // a Monday
    { at: day("2026-01-11"), minutes: 20 }, // the Sunday after
    { at: day("2026-01-12"), minutes: 30 }, // the next Monday
    { at: day("2026-03-02"), minutes: 40 },
  ];
  const months = barHeights(timeBars(rows, { x: "at" }));
  assert.equal(months.length, 2, "January and March");
  assert.ok(Math.abs(months[0]! / months[1]! - 3) < 0.01, `3 rows against 1: ${months}`);
  const sums = barHeights(timeBars(rows, { x: "at", y: "minutes" }));
  assert.ok(Math.abs(sums[0]! / sums[1]! - 1.5) < 0.01, `60 minutes against 40: ${sums}`);
  const weeks = barHeights(timeBars(rows.slice(0, 3), { x: "at", interval: "week" }));
  assert.equal(weeks.length, 2, "Monday to Sunday is one week");
  assert.ok(Math.abs(weeks[0]! / weeks[1]! - 2) < 0.01, `2 rows against 1: ${weeks}`);
  const frame = pl.DataFrame({ at: rows.map((r) => r.at) });
  assert.equal(barHeights(timeBars(frame, { x: "at" })).length, 2, "a Datetime column of a frame");
});

Deno.test("heatmap() shows every hour 0–23 and every weekday, Monday first, by default", () => {
  const chart = heatmap([{ hour: 8, weekday: "Sat" }, { hour: 22, weekday: "Tue" }]);
  assert.deepEqual(texts(chart, "x-axis tick label"), Array.from({ length: 24 }, (_, h) => `${h}`));
  assert.deepEqual(texts(chart, "y-axis tick label"), [
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
  ]);
  const other = heatmap([{ hour: 8, day: "Saturday" }, { hour: 9, day: "Friday" }], { y: "day" });
  assert.deepEqual(
    texts(other, "y-axis tick label"),
    ["Friday", "Saturday"],
    "other columns: data order",
  );
  const weekdays = heatmap([{ hour: 8, weekday: "Saturday" }]);
  assert.deepEqual(
    texts(weekdays, "y-axis tick label"),
    ["Saturday"],
    "no default for other values",
  );
});

Deno.test("a channel naming a field Development Mode strips is a note, whether null or absent", () => {
  const albums = pl.DataFrame({ name: ["a", "b"], year: [2001, 2004] });
  const absent = scatter(albums, { x: "year", y: "popularity" });
  assert.ok(absent instanceof Note);
  assert.match(absent.text, /Spotify does not send "popularity" to Development Mode apps/);
  const nulls = albums.withColumns(pl.lit(null).cast(pl.Int64).alias("popularity"));
  const empty = rankedBars(nulls, { y: "name", x: "popularity" });
  assert.ok(empty instanceof Note);
  assert.match(empty.text, /Spotify does not send "popularity"/);
  assert.ok(histogram([], { x: "duration_min" }) instanceof Note, "no rows: nothing to chart yet");
});

Deno.test("rankedBars() draws the same chart whatever the order of its rows, ties in label order", () => {
  const rows = [{ who: "cy" }, { who: "ana" }, { who: "bo" }, { who: "bo" }];
  const forward = rankedBars(rows, { y: "who" });
  assert.deepEqual(texts(forward, "y-axis tick label"), ["bo", "ana", "cy"]);
  assert.equal(
    (forward as Chart).toSVG(),
    (rankedBars(rows.reverse(), { y: "who" }) as Chart).toSVG(),
  );
});

/** The console warnings (Plot's among them) while `draw` runs. */
function warnings(draw: () => unknown): string[] {
  const seen: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.join(" "));
  try {
    draw();
  } finally {
    console.warn = warn;
  }
  return seen;
}

Deno.test("month labels such as 2025-11 draw as categories in every helper, without Plot's date-strings warning", () => {
  const months = ["2025-09", "2025-10", "2025-11", "2025-12"];
  const rows = months.flatMap((month, i) =>
    Array.from({ length: i + 1 }, (_, k) => ({
      month,
      n: k + 1,
      at: new Date(Date.UTC(2025, 8 + i, 1 + k)),
      kind: k % 2 ? "podcast" : "music",
    }))
  );
  const seen = warnings(() => {
    for (
      const chart of [
        rankedBars(rows, { y: "month" }),
        stackedBars(rows, { y: "month", fill: "kind" }),
        stackedBars(rows, { y: "kind", fill: "month" }),
        timeBars(rows, { x: "at", fill: "month" }),
        histogram(rows, { x: "n", fill: "month" }),
        boxPlot(rows, { x: "n", y: "month" }),
        heatmap(rows, { x: "month", y: "kind" }),
        releaseTimeline(rows, { x: "at", y: "month", fill: "month" }),
        scatter(rows, { x: "n", y: "n", fill: "month" }),
      ]
    ) {
      assert.ok(chart instanceof Chart);
      assert.match(chart.toSVG(), />2025-11</);
    }
  });
  assert.deepEqual(seen, []);
});

/** The numbers of an axis's tick labels. */
const ticks = (chart: Chart | Note, axis: string) =>
  texts(chart, `${axis}-axis tick label`).map((t) => Number(t.replace(/,/g, "")));

Deno.test("axes of counts tick whole numbers only, however small the counts", () => {
  const rows = [{ who: "ana", day: new Date("2026-01-05"), n: 1.5 }, {
    who: "bo",
    day: new Date("2026-02-05"),
    n: 2.5,
  }, { who: "bo", day: new Date("2026-02-06"), n: 3.5 }];
  const counts: [string, Chart | Note, string][] = [
    ["rankedBars", rankedBars(rows, { y: "who" }), "x"],
    ["stackedBars", stackedBars(rows, { y: "who", fill: "who" }), "x"],
    ["timeBars", timeBars(rows, { x: "day" }), "y"],
    ["histogram", histogram([{ n: 1.1 }, { n: 1.2 }, { n: 3.5 }], { x: "n", thresholds: 3 }), "y"],
  ];
  for (const [helper, chart, axis] of counts) {
    const values = ticks(chart, axis);
    assert.ok(values.length >= 2, `${helper} has ticks`);
    assert.ok(values.every(Number.isInteger), `${helper}: ${values}`);
    assert.ok(values.includes(1) && values.includes(2), `${helper}: ${values}`);
  }
  const sums = [{ who: "ana", n: 0.5 }, { who: "bo", n: 1 }];
  const summed = ticks(rankedBars(sums, { y: "who", x: "n" }), "x");
  assert.ok(summed.some((v) => !Number.isInteger(v)), `sums keep Plot's own ticks: ${summed}`);
  const heat = (heatmap([{ hour: 1, weekday: "Mon" }, { hour: 1, weekday: "Mon" }, {
    hour: 1,
    weekday: "Mon",
  }, { hour: 2, weekday: "Tue" }]) as Chart).toSVG();
  const ramp = [...heat.matchAll(/text-anchor="(?:start|middle|end)">([^<]+)</g)].map((m) => m[1]);
  assert.ok(ramp.length >= 2 && ramp.every((t) => /^\d+$/.test(t!)), `ramp labels: ${ramp}`);
});

Deno.test("every helper passes Plot's scale, mark and plot options through, the caller's winning", () => {
  const rows = [
    { name: "a", kind: "x", n: 3, at: new Date("2026-01-05"), hour: 1, weekday: "Mon" },
    { name: "b", kind: "y", n: 5, at: new Date("2026-02-05"), hour: 2, weekday: "Tue" },
  ];
  const passed = {
    xScale: { label: "X given" },
    yScale: { label: "Y given" },
    mark: { fillOpacity: 0.37 },
    height: 321,
    color: { scheme: "greys" as const },
  };
  const charts: [string, Chart | Note][] = [
    ["rankedBars", rankedBars(rows, { y: "name", ...passed })],
    ["stackedBars", stackedBars(rows, { y: "name", fill: "kind", ...passed })],
    ["timeBars", timeBars(rows, { x: "at", fill: "kind", ...passed })],
    ["histogram", histogram(rows, { x: "n", fill: "kind", ...passed })],
    ["boxPlot", boxPlot(rows, { x: "n", y: "name", ...passed })],
    ["heatmap", heatmap(rows, passed)],
    ["releaseTimeline", releaseTimeline(rows, { x: "at", y: "name", fill: "kind", ...passed })],
    ["scatter", scatter(rows, { x: "n", y: "n", fill: "kind", ...passed })],
  ];
  for (const [helper, chart] of charts) {
    assert.ok(chart instanceof Chart, helper);
    const svg = chart.toSVG();
    assert.match(svg, /fill-opacity="0.37"/, `${helper}: mark options`);
    assert.match(svg, /height="321"/, `${helper}: plot options`);
    const labels = [...texts(chart, "x-axis label"), ...texts(chart, "y-axis label")].join(" ");
    assert.match(labels, /X given/, `${helper}: x scale options`);
    if (!["rankedBars", "stackedBars", "boxPlot", "heatmap", "releaseTimeline"].includes(helper)) {
      assert.match(labels, /Y given/, `${helper}: y scale options`);
    }
  }
  const reversed = rankedBars(rows, { y: "name", x: "n", yScale: { reverse: true } });
  assert.deepEqual(texts(reversed, "y-axis tick label"), ["a", "b"], "largest last when reversed");
  const logged = scatter(rows, { x: "n", y: "n", xScale: { type: "log", tickFormat: "~s" } });
  assert.match((logged as Chart).toSVG(), /aria-label="x-axis tick label"/);
  const percent = stackedBars(rows, { y: "name", fill: "kind", x: "n", xScale: { percent: true } });
  assert.ok(ticks(percent, "x").includes(0));
});

Deno.test("timeBars() shows shares: how each period splits with fill, each period's part of the whole without", () => {
  const day = (d: string) => new Date(`${d}T12:00:00Z`);
  const rows = [
    { at: day("2026-01-05"), kind: "music" },
    { at: day("2026-01-06"), kind: "music" },
    { at: day("2026-01-07"), kind: "podcast" },
    { at: day("2026-03-02"), kind: "podcast" },
  ];
  const split = timeBars(rows, { x: "at", fill: "kind", percent: true });
  assert.deepEqual(texts(split, "y-axis label"), ["↑ share (%)"]);
  assert.equal(Math.max(...ticks(split, "y")), 100);
  const heights = barHeights(split);
  const full = Math.max(...heights);
  const january = heights.filter((h) => h < full);
  assert.ok(
    Math.abs(january[0]! + january[1]! - full) < 0.01,
    `January's parts fill its bar: ${heights}`,
  );
  const whole = barHeights(timeBars(rows, { x: "at", percent: true }));
  assert.ok(Math.abs(whole[0]! / whole[1]! - 3) < 0.01, `75% against 25%: ${whole}`);
});

Deno.test("a 7-way tie ranks the same, by name, in every run and whatever the order of the rows", () => {
  const names = ["Gus", "Ada", "Fay", "Cy", "Eve", "Bo", "Dee"];
  const rows = names.flatMap((name) => [{ name }, { name }]).concat([{ name: "Zed" }]);
  const svgs = [new Set<string>(), new Set<string>()];
  for (let run = 0; run < 8; run++) {
    const shuffled = rows.map((row, i) => ({ row, key: (i * 7919 + run * 104729) % 997 }))
      .sort((a, b) => a.key - b.key).map((r) => r.row);
    // A polars groupBy answers in a different order from run to run: the chart must not.
    const counted = pl.DataFrame(shuffled).groupBy("name").agg(pl.col("name").count().alias("n"));
    const charts = [
      rankedBars(shuffled, { y: "name" }),
      rankedBars(counted, { y: "name", x: "n" }),
    ];
    charts.forEach((chart, i) => {
      assert.deepEqual(texts(chart, "y-axis tick label"), [...names.sort(), "Zed"]);
      svgs[i]!.add((chart as Chart).toSVG());
    });
    const labelled = scatter(shuffled.map((r, i) => ({ ...r, x: i, y: 1 })), {
      x: "x",
      y: "y",
      text: "name",
      labels: 3,
    });
    assert.deepEqual(texts(labelled, "text"), ["Ada", "Ada", "Bo"]);
  }
  assert.deepEqual(svgs.map((s) => s.size), [1, 1], "every run draws the same chart");
});

Deno.test("a chart helper draws a frame with a struct inside a struct without notebook mode", () => {
  // Stock nodejs-polars' toRecords() refuses such a frame; the helpers read it the library's way.
  const df = pl.DataFrame({ who: ["a"], meta: [{ at: { day: 1 } }] });
  assert.throws(() => df.toRecords(), /StructOwned/);
  const chart = rankedBars(df, { y: "who" });
  assert.ok(chart instanceof Chart);
  assert.match(chart.toSVG(), />a</);
});
