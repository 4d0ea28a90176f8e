/**
 * Reading the store: the same frame as `readStreamingHistory` of the same files, filters, time
 * zones, an empty store, and SQL of one's own.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { PROJECT_ROOT } from "../core/config.ts";
import { readStreamingHistory } from "../frames/streaming_history.ts";
import { tempStore } from "./_test_fixtures.ts";
import { importHistory } from "./import_export.ts";
import { queryHistory } from "./query.ts";
import { HISTORY_COLUMNS, historyFrame } from "./read.ts";

const SAMPLE = join(PROJECT_ROOT, "data", "sample", "export");

Deno.test("the stored export reads back as readStreamingHistory reads its files, value for value, plus context_uri", async () => {
  const t = await tempStore("sample.listener");
  try {
    await importHistory(t.store, SAMPLE);
    for (const timeZone of ["UTC", "America/Los_Angeles"]) {
      const stored = historyFrame(t.store, { timeZone });
      const files = await readStreamingHistory(SAMPLE, { timeZone });
      assert.deepEqual(stored.columns, [...files.columns, "context_uri"]);
      assert.ok(stored.drop("context_uri").frameEqual(files, true), timeZone);
      assert.equal(stored.getColumn("context_uri").nullCount(), stored.height);
    }
  } finally {
    await t.close();
  }
});

Deno.test("from, to and kind choose the plays, an unknown kind is refused naming the valid ones; the time zone sets hour and weekday", async () => {
  const t = await tempStore("sample.listener");
  try {
    await importHistory(t.store, [SAMPLE, join(PROJECT_ROOT, "data", "sample", "export_podcasts")]);
    const all = historyFrame(t.store, { timeZone: "UTC" });
    const june = historyFrame(t.store, {
      from: new Date("2026-06-01T00:00:00Z"),
      to: "2026-07-01T00:00:00Z",
      kind: "track",
      timeZone: "UTC",
    });
    const ms = pl.col("played_at").cast(pl.Int64);
    const expected = all.filter(
      ms.gtEq(Date.parse("2026-06-01T00:00:00Z"))
        .and(ms.lt(Date.parse("2026-07-01T00:00:00Z")))
        .and(pl.col("kind").eq(pl.lit("track"))),
    );
    assert.ok(june.height > 100);
    assert.ok(june.frameEqual(expected, true));
    const spoken = historyFrame(t.store, { kind: ["episode", "audiobook"] });
    assert.equal(spoken.height + historyFrame(t.store, { kind: "track" }).height, all.height);
    const tokyo = historyFrame(t.store, { timeZone: "Asia/Tokyo" });
    const shift = all.getColumn("hour").toArray().map((h) => (Number(h) + 9) % 24);
    assert.deepEqual(tokyo.getColumn("hour").toArray(), shift);
    assert.throws(() => historyFrame(t.store, { timeZone: "Mars/Olympus" }), RangeError);
    for (const kind of ["video", ["track", "videos"], [], 5]) {
      assert.throws(
        () => historyFrame(t.store, { kind: kind as "track" }),
        /^RangeError: Invalid kind .*: use "track", "episode" or "audiobook", or a list of them$/,
        JSON.stringify(kind),
      );
    }
    assert.throws(
      () => historyFrame(t.store, { from: "last tuesday" }),
      /^RangeError: Invalid from "last tuesday"/,
    );
  } finally {
    await t.close();
  }
});

Deno.test("an empty store reads as an empty frame with every column and its type", async () => {
  const t = await tempStore();
  try {
    const df = historyFrame(t.store);
    assert.deepEqual(df.columns, HISTORY_COLUMNS);
    assert.equal(df.height, 0);
    assert.equal(String(df.getColumn("played_at").dtype), "DataType(Datetime(ms,UTC))");
    assert.equal(String(df.getColumn("skipped").dtype), "DataType(Bool)");
  } finally {
    await t.close();
  }
});

Deno.test("queryHistory runs one SQL statement of one's own, read-only (a PRAGMA setting or a second statement refused), with :account bound to the store's account", async () => {
  const t = await tempStore("sample.listener");
  try {
    await importHistory(t.store, SAMPLE);
    const months = queryHistory(
      t.store,
      `SELECT substr(played_at, 1, 7) AS month, count(*) AS plays, avg(ms_played) / 60000.0 AS minutes
       FROM listening WHERE account = :account GROUP BY month ORDER BY month`,
    );
    assert.deepEqual(months.columns, ["month", "plays", "minutes"]);
    assert.equal(months.getColumn("plays").sum(), historyFrame(t.store).height);
    assert.equal(String(months.getColumn("plays").dtype), "DataType(Int64)");
    assert.equal(String(months.getColumn("minutes").dtype), "DataType(Float64)");
    assert.throws(
      () => queryHistory(t.store, "DELETE FROM plays"),
      /^SpotifyError: Cannot run the query: queryHistory only reads/,
    );
    for (const write of ["PRAGMA journal_mode=DELETE", "  pragma user_version = 7;"]) {
      assert.throws(
        () => queryHistory(t.store, write),
        /^SpotifyError: Cannot run the query: queryHistory only reads/,
        write,
      );
    }
    for (
      const [sql, second] of <[string, string][]> [["SELECT 1; SELECT 2", "SELECT 2"], [
        "SELECT 1;;\nDELETE FROM plays;",
        "DELETE FROM plays;",
      ]]
    ) {
      assert.throws(
        () => queryHistory(t.store, sql),
        (error: Error) =>
          error.message ===
            `Cannot run the query: give queryHistory one SQL statement, not several (found "${second}" after the first)`,
        sql,
      );
    }
    const tails = [
      "SELECT 1 AS n;",
      "SELECT 1 AS n; -- the count\n",
      "SELECT ';' AS n /* x */ ;  ",
    ];
    for (const sql of tails) assert.equal(queryHistory(t.store, sql).height, 1, sql);
    assert.throws(
      () => queryHistory(t.store, "SELECT nope FROM plays"),
      /SQLite said "no such column: nope"/,
    );
    assert.ok(historyFrame(t.store).height > 0);
  } finally {
    await t.close();
  }
});

Deno.test("plays stored out of time order (the new synced first, the old export later) read back in time order", async () => {
  const t = await tempStore("sample.listener");
  try {
    const files = [...Deno.readDirSync(SAMPLE)].map((e) => join(SAMPLE, e.name)).sort();
    // The later file first: its rows come first in the table.
    await importHistory(t.store, files[1]!); // the extended file: the second half year
    await importHistory(t.store, files[0]!); // the basic file: the first
    const stored = historyFrame(t.store, { timeZone: "UTC" });
    const times = (stored.getColumn("played_at").toArray() as unknown as Date[]).map((d) =>
      d.getTime()
    );
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    const files2 = await readStreamingHistory(SAMPLE, { timeZone: "UTC" });
    assert.ok(stored.drop("context_uri").frameEqual(files2, true));
  } finally {
    await t.close();
  }
});
