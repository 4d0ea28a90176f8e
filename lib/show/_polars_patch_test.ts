import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { join } from "node:path";
import pl from "nodejs-polars";
import dataframeModule from "nodejs-polars/bin/dataframe.js";
import { polarsInternals, records, safeBundle } from "./_polars_patch.ts";
import { JUPYTER_DISPLAY } from "./display.ts";
import { table } from "./table.ts";

/** Nested to several depths: List(Struct(Struct)), Struct(List(List(Struct))), nulls, empties. */
const INPUT = [
  {
    name: "One",
    artists: [
      { name: "A", external_urls: { spotify: "https://open.spotify.com/artist/a" } },
      { name: "B", external_urls: { spotify: "https://open.spotify.com/artist/b" } },
    ],
    album: { name: "X", images: [[{ url: "u1", height: 640 }], []], year: 1993 },
    tags: ["x", "y"],
  },
  { name: "Two", artists: [], album: null, tags: [] },
  {
    name: "Three",
    artists: null,
    album: { name: null, images: null, year: 2012 },
    tags: null,
  },
];

function nestedFrame(): pl.DataFrame {
  return pl.readJSON(Buffer.from(JSON.stringify(INPUT)), { inferSchemaLength: null });
}

function display(df: pl.DataFrame): Record<string, string> {
  const show = (df as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY];
  assert.equal(typeof show, "function");
  return show!.call(df);
}

Deno.test("nodejs-polars still has the internals the library extends, at the pinned version", async () => {
  const internals = polarsInternals();
  assert.equal(typeof internals.dataframeModule._DataFrame, "function");
  assert.equal(internals.dataframeModule, dataframeModule);
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
  ) as { imports: Record<string, string> };
  assert.equal(config.imports["nodejs-polars"], "npm:nodejs-polars@0.25.2");
  // The factory is wrapped: a frame made by nodejs-polars itself shows the library's table.
  assert.match(display(pl.DataFrame({ a: [1] }))["text/plain"]!, /1 row × 1 column/);
});

Deno.test("toRecords() and the column calls read nested values back equal to the input", () => {
  const df = nestedFrame();
  assert.deepEqual(df.toRecords(), INPUT);
  assert.deepEqual(df.getColumn("artists").toArray(), INPUT.map((r) => r.artists));
  assert.deepEqual(df.getColumn("album").getIndex(0), INPUT[0]!.album);
  assert.deepEqual([...df.getColumn("album")], INPUT.map((r) => r.album));
  assert.deepEqual(df.row(0), Object.values(INPUT[0]!));
  assert.deepEqual(df.rows(), INPUT.map((r) => Object.values(r)));
  assert.deepEqual(df.toObject().artists, INPUT.map((r) => r.artists));
});

Deno.test("every way of making a frame gives one that reads back and displays", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const df = nestedFrame();
    const parquet = join(dir, "t.parquet");
    df.writeParquet(parquet);
    const ipc = join(dir, "t.ipc");
    df.writeIPC(ipc);
    const made: [string, pl.DataFrame, unknown[]][] = [
      ["head", df.head(2), INPUT.slice(0, 2)],
      ["tail", df.tail(1), INPUT.slice(2)],
      ["filter", df.filter(pl.col("name").eq(pl.lit("Two"))), [INPUT[1]]],
      ["select", df.select("artists"), INPUT.map((r) => ({ artists: r.artists }))],
      ["lazy", df.lazy().collectSync(), INPUT],
      ["concat", pl.concat([df, df]), [...INPUT, ...INPUT]],
      ["sort", df.sort("name"), [INPUT[0], INPUT[2], INPUT[1]]],
      ["readParquet", pl.readParquet(parquet), INPUT],
      ["readIPC", pl.readIPC(ipc), INPUT],
      ["readIPCStream", pl.readIPCStream(df.writeIPCStream()), INPUT],
      ["withColumns", df.withColumns(pl.lit(1).alias("k")), INPUT.map((r) => ({ ...r, k: 1 }))],
    ];
    for (const [how, frame, expected] of made) {
      assert.deepEqual(frame.toRecords(), expected, how);
      const bundle = display(frame);
      assert.equal(bundle["text/plain"], table(frame).toString(), how);
      assert.equal(bundle["text/html"], table(frame)[JUPYTER_DISPLAY]()["text/html"], how);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("toRecords() keeps Int64 beyond 2^53 exact, dates as dates, and flat frames as polars gives them", () => {
  const big = pl.Series("id", [2n ** 60n + 1n, 5n]).cast(pl.Int64);
  const df = pl.DataFrame([
    big,
    pl.Series("day", ["2024-05-01", null]).str.strptime(pl.Date, "%Y-%m-%d"),
    pl.Series("at", [Date.UTC(2024, 4, 1, 12), 0], pl.Int64).cast(pl.Datetime("ms", "UTC")),
    pl.Series("x", [1.5, null], pl.Float64),
    pl.Series("ok", [true, null], pl.Bool),
    pl.Series("s", ["a", "é"], pl.Utf8),
  ]);
  const [first, second] = df.toRecords();
  assert.equal(first!.id, 2n ** 60n + 1n);
  assert.equal(second!.id, 5);
  assert.deepEqual(first!.day, new Date("2024-05-01"));
  assert.deepEqual(first!.at, new Date(Date.UTC(2024, 4, 1, 12)));
  assert.deepEqual(second, { id: 5, day: null, at: new Date(0), x: null, ok: null, s: "é" });
  assert.equal(df.getColumn("id").toArray()[0], 2n ** 60n + 1n);
  // Flat values as nodejs-polars' own row conversion gives them (rows() is still polars' own here).
  const flat = pl.DataFrame([
    pl.Series("i8", [1, null], pl.Int8),
    pl.Series("u32", [7, 8], pl.UInt32),
    pl.Series("f32", [0.5, 2], pl.Float32),
    pl.Series("cat", ["a", "b"], pl.Categorical),
    pl.Series("us", [1, 2], pl.Int64).cast(pl.Datetime("us")),
    pl.Series("list", [["a"], []], pl.List(pl.Utf8)),
    pl.Series("ints", [[1, 2], null], pl.List(pl.Int64)),
  ]);
  assert.deepEqual(
    flat.toRecords(),
    flat.rows().map((row) => Object.fromEntries(row.map((v, c) => [flat.columns[c], v]))),
  );
  // Nested: the same rules apply inside a struct.
  const inside = df.select(pl.struct(pl.all()).alias("row")).toRecords();
  assert.deepEqual(inside.map((r) => r.row), df.toRecords());
});

Deno.test("writeCSV() writes nested values as their JSON text, and Parquet keeps them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const df = nestedFrame();
    const csv = df.writeCSV().toString();
    const back = pl.readCSV(csv);
    assert.deepEqual(back.columns, df.columns);
    const rows = back.toRecords();
    rows.forEach((row, i) => {
      const input = INPUT[i]! as Record<string, unknown>;
      for (const key of ["artists", "album", "tags"]) {
        const text = row[key] as string | null;
        assert.deepEqual(text === null ? null : JSON.parse(text), input[key], `${key} ${i}`);
      }
    });
    const path = join(dir, "t.csv");
    df.writeCSV(path);
    assert.equal(await Deno.readTextFile(path), csv);
    df.writeParquet(join(dir, "t.parquet"));
    assert.deepEqual(pl.readParquet(join(dir, "t.parquet")).toRecords(), INPUT);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a bare frame's display never throws: it falls back to a one-line summary", () => {
  const broken = {
    height: 3,
    width: 1,
    columns: ["a"],
    dtypes: [pl.Int64],
    getColumns() {
      throw new Error("boom");
    },
    select() {
      throw new Error("boom");
    },
  } as unknown as pl.DataFrame;
  const bundle = safeBundle(broken);
  assert.deepEqual(Object.keys(bundle), ["text/plain"]);
  assert.match(
    bundle["text/plain"]!,
    /^DataFrame: 3 rows × 1 columns \(a\); it could not be shown/,
  );
});

Deno.test("records() builds rows whatever the column names", () => {
  assert.deepEqual(records(["a", "b c", '"q"'], [[1, 2], [3, 4], [5, 6]]), [
    { a: 1, "b c": 3, '"q"': 5 },
    { a: 2, "b c": 4, '"q"': 6 },
  ]);
  const rows = records(["__proto__", "x"], [[1], [2]]);
  assert.equal(Object.getPrototypeOf(rows[0]), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(rows[0], "__proto__")?.value, 1);
});

Deno.test("frames from the builders and readStreamingHistory() display as table() and read back", async () => {
  const { PROJECT_ROOT } = await import("../core/config.ts");
  const { readStreamingHistory } = await import("../frames/streaming_history.ts");
  const { playlistItemsFrame, tracksFrame } = await import("../frames/frames.ts");
  const track = {
    id: "t",
    name: "T",
    duration_ms: 1000,
    artists: [{ id: "a", name: "A", external_urls: { spotify: "u" } }],
    album: {
      id: "al",
      name: "Al",
      release_date: "2012-05-01",
      release_date_precision: "day" as const,
    },
  };
  const frames = [
    tracksFrame([track]),
    playlistItemsFrame([{ added_at: "2026-01-02T03:04:05Z", added_by: { id: "me" }, item: track }]),
    await readStreamingHistory(`${PROJECT_ROOT}data/sample/export`, { timeZone: "UTC" }),
  ];
  for (const df of frames) {
    const bundle = display(df);
    assert.equal(bundle["text/plain"], table(df).toString());
    assert.doesNotMatch(bundle["text/plain"]!, /GMT/);
    const rows = df.toRecords();
    assert.equal(rows.length, df.height);
    assert.deepEqual(rows[0], Object.fromEntries(df.columns.map((c, i) => [c, df.row(0)[i]])));
  }
});
