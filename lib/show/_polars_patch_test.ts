import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { join } from "node:path";
import pl from "nodejs-polars";
import { Writable } from "node:stream";
import dataframeModule from "nodejs-polars/bin/dataframe.js";
import {
  enableNotebookMode,
  PINNED_POLARS,
  polarsInternals,
  records,
  safeBundle,
  stockMethods,
} from "./_polars_patch.ts";
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

// This test runs first: notebook mode is still off in this process.
Deno.test("a changed nodejs-polars internal leaves polars as it is, with one warning", () => {
  const { frameProto, seriesProto } = polarsInternals();
  const before = { toObjects: frameProto.toObjects, toArray: seriesProto.toArray };
  const factory = dataframeModule._DataFrame;
  const toRow = Object.getOwnPropertyDescriptor(frameProto, "toRow")!;
  const warnings: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
  try {
    Object.defineProperty(frameProto, "toRow", { ...toRow, value: undefined });
    assert.equal(enableNotebookMode(), false);
    assert.equal(enableNotebookMode(), false);
  } finally {
    Object.defineProperty(frameProto, "toRow", toRow);
    console.warn = warn;
  }
  assert.equal(warnings.length, 1);
  assert.match(
    String(warnings[0]),
    /^Notebook mode stays off: nodejs-polars no longer has JsDataFrame\.toRow \(the library expects nodejs-polars 0\.25\.2\), so frames keep polars' own display and read-back$/,
  );
  assert.equal(frameProto.toObjects, before.toObjects);
  assert.equal(seriesProto.toArray, before.toArray);
  assert.equal(dataframeModule._DataFrame, factory);
});

Deno.test("frames made before notebook mode keep polars' own display; later ones show table()", () => {
  const before = pl.DataFrame({ a: [1] });
  assert.equal(enableNotebookMode(), true);
  const after = pl.DataFrame({ a: [1] });
  assert.deepEqual(Object.keys(display(before)).sort(), [
    "application/vnd.dataresource+json",
    "text/html",
  ]);
  assert.deepEqual(display(after), table(after)[JUPYTER_DISPLAY]());
  // Both read back the same: the read-back lives on polars' classes, not on each frame.
  assert.deepEqual(before.toRecords(), after.toRecords());
});

Deno.test("nodejs-polars still has the internals notebook mode wraps, at the pinned version", async () => {
  const internals = polarsInternals();
  assert.equal(internals.dataframeModule, dataframeModule);
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
  ) as { imports: Record<string, string> };
  assert.equal(config.imports["nodejs-polars"], `npm:nodejs-polars@${PINNED_POLARS}`);
  assert.equal(enableNotebookMode(), true);
  const patched = internals.frameProto.toObjects;
  const stock = stockMethods();
  assert.notEqual(patched, stock.frame.toObjects);
  // A second switch changes nothing: no method is wrapped twice.
  assert.equal(enableNotebookMode(), true);
  assert.equal(internals.frameProto.toObjects, patched);
  assert.equal(stockMethods().frame.toObjects, stock.frame.toObjects);
  assert.match(display(pl.DataFrame({ a: [1] }))["text/plain"]!, /1 row × 1 column/);
});

Deno.test("toRecords() and the column calls read nested values back equal to the input", () => {
  assert.equal(enableNotebookMode(), true);
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
  assert.equal(enableNotebookMode(), true);
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

Deno.test("Int64 beyond 2^53 reads back as polars gives it, inside a struct too, and table() shows it exact", () => {
  const stock = stockMethods();
  assert.equal(enableNotebookMode(), true);
  const df = pl.DataFrame([
    pl.Series("id", [2n ** 60n + 1n, 5n]).cast(pl.Int64),
    pl.Series("day", ["2024-05-01", null]).str.strptime(pl.Date, "%Y-%m-%d"),
  ]);
  const polars = stock.frame.toObjects.call(df._df) as Record<string, unknown>[];
  assert.deepEqual(df.toRecords(), polars);
  assert.equal(typeof df.toRecords()[0]!.id, "number");
  assert.deepEqual(df.toRecords()[0]!.day, new Date("2024-05-01"));
  // Inside a struct, values are polars' own too.
  const inside = df.select(pl.struct(pl.all()).alias("row")).head(1);
  assert.deepEqual(inside.toRecords().map((r) => r.row), polars.slice(0, 1));
  assert.match(table(df).toString(), /1152921504606846977/);
});

Deno.test("writeCSV() writes nested values as their JSON text, and Parquet keeps them", async () => {
  assert.equal(enableNotebookMode(), true);
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
    // A flat frame's CSV is polars' own, byte for byte.
    const flat = pl.DataFrame({ a: [1, 2], s: ["x", "y,z"], at: [new Date(0), null] });
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    stockMethods().frame.writeCsv.call(flat._df, sink, dataframeModule.writeCsvDefaultOptions);
    assert.equal(flat.writeCSV().toString(), Buffer.concat(chunks).toString());
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
  assert.equal(enableNotebookMode(), true);
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
