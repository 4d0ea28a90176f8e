/**
 * The merge rules of `_merge.ts`, each shown by crafted overlaps of the export and the API: the
 * same play in both, two real plays of one song a minute apart, a skip, a time-zone edge, the
 * minute boundary of the basic export, the API's start-of-play stamp, and one account's plays
 * kept from another's.
 */
import assert from "node:assert/strict";
import { mergePlays } from "./_merge.ts";
import { apiPlay, basicEntry, extendedEntry, tempStore, writeExport } from "./_test_fixtures.ts";
import { importHistory } from "./import_export.ts";
import { historyFrame } from "./read.ts";
import { openHistory, transaction } from "./store.ts";

type Row = Record<string, unknown>;

const rows = (store: Parameters<typeof historyFrame>[0], timeZone = "UTC") =>
  historyFrame(store, { timeZone }).toRecords() as Row[];

Deno.test("the same play in the extended export and the API is one play, with the export's length and the API's context, whichever comes first", async () => {
  for (const order of ["export first", "api first"]) {
    const t = await tempStore();
    try {
      const folder = await writeExport(t.dir, {
        "Streaming_History_Audio_2026.json": [extendedEntry("2026-05-02T12:00:00Z", "Paper Heart")],
      });
      const api = () =>
        transaction(t.store, () =>
          mergePlays(t.store, "api", [
            apiPlay("2026-05-02T12:00:03.456Z", "Paper Heart", "spotify:playlist:abc"),
          ]));
      if (order === "api first") api();
      await importHistory(t.store, folder);
      if (order === "export first") api();
      const all = rows(t.store);
      assert.equal(all.length, 1, order);
      assert.equal(all[0]!.source, "extended+api");
      assert.equal(all[0]!.ms_played, 200_000);
      assert.equal(all[0]!.platform, "android");
      assert.equal(all[0]!.context_uri, "spotify:playlist:abc");
      // played_at is the export's end of play.
      assert.equal((all[0]!.played_at as Date).toISOString(), "2026-05-02T12:00:00.000Z");
    } finally {
      await t.close();
    }
  }
});

Deno.test("two real plays of one song a minute apart stay two plays, each seen by every source", async () => {
  const t = await tempStore();
  try {
    const folder = await writeExport(t.dir, {
      "StreamingHistory_music_0.json": [
        basicEntry("2026-05-02 12:00", "Paper Heart", 60_000),
        basicEntry("2026-05-02 12:01", "Paper Heart", 60_000),
      ],
      "Streaming_History_Audio_2026.json": [
        extendedEntry("2026-05-02T12:00:00Z", "Paper Heart", { ms_played: 60_000 }),
        extendedEntry("2026-05-02T12:01:00Z", "Paper Heart", { ms_played: 60_000 }),
      ],
    });
    await importHistory(t.store, folder);
    transaction(t.store, () =>
      mergePlays(t.store, "api", [
        apiPlay("2026-05-02T12:00:00.500Z", "Paper Heart"),
        apiPlay("2026-05-02T12:01:00.700Z", "Paper Heart"),
      ]));
    const all = rows(t.store);
    assert.deepEqual(all.map((r) => r.source), ["basic+extended+api", "basic+extended+api"]);
    assert.deepEqual(
      all.map((r) => (r.played_at as Date).toISOString()),
      ["2026-05-02T12:00:00.000Z", "2026-05-02T12:01:00.000Z"],
    );
  } finally {
    await t.close();
  }
});

Deno.test("a skip the API never listed stays an export play and leaves the API's play to the full one", async () => {
  const t = await tempStore();
  try {
    const folder = await writeExport(t.dir, {
      "Streaming_History_Audio_2026.json": [
        extendedEntry("2026-05-02T12:00:05Z", "Paper Heart", {
          ms_played: 5_000,
          skipped: true,
          reason_end: "fwdbtn",
        }),
        extendedEntry("2026-05-02T12:03:30Z", "Paper Heart", { ms_played: 205_000 }),
      ],
    });
    await importHistory(t.store, folder);
    const counts = transaction(
      t.store,
      () => mergePlays(t.store, "api", [apiPlay("2026-05-02T12:03:30.200Z", "Paper Heart")]),
    );
    assert.deepEqual(counts, { added: 0, merged: 1, already: 0 });
    const all = rows(t.store);
    assert.deepEqual(all.map((r) => [r.source, r.skipped, r.ms_played]), [
      ["extended", true, 5_000],
      ["extended+api", false, 205_000],
    ]);
  } finally {
    await t.close();
  }
});

Deno.test("a time-zone edge: a play just before midnight UTC on a Saturday is one play from the basic export's minute and the API, Sunday morning in Tokyo", async () => {
  const t = await tempStore();
  try {
    const folder = await writeExport(t.dir, {
      "StreamingHistory_music_0.json": [basicEntry("2026-03-28 23:59", "Paper Heart")],
    });
    await importHistory(t.store, folder);
    transaction(
      t.store,
      () => mergePlays(t.store, "api", [apiPlay("2026-03-28T23:59:40.250Z", "Paper Heart")]),
    );
    const [utc, ...more] = rows(t.store, "UTC");
    assert.equal(more.length, 0);
    assert.equal(utc!.source, "basic+api");
    assert.deepEqual([utc!.weekday, utc!.hour], ["Sat", 23]);
    // The API's instant is kept (the basic export has only the minute).
    assert.equal((utc!.played_at as Date).toISOString(), "2026-03-28T23:59:40.250Z");
    const [tokyo] = rows(t.store, "Asia/Tokyo");
    assert.deepEqual([tokyo!.weekday, tokyo!.hour], ["Sun", 8]);
  } finally {
    await t.close();
  }
});

Deno.test("the basic export's minute covers the whole minute, so an API stamp in the next second still matches, and daylight saving sets the hour", async () => {
  const t = await tempStore();
  try {
    const folder = await writeExport(t.dir, {
      "StreamingHistory_music_0.json": [
        basicEntry("2026-03-29 00:59", "Paper Heart"),
        basicEntry("2026-03-29 01:03", "Radio Satellite"),
      ],
    });
    await importHistory(t.store, folder);
    transaction(t.store, () =>
      mergePlays(t.store, "api", [
        apiPlay("2026-03-29T01:00:00.400Z", "Paper Heart"),
        apiPlay("2026-03-29T01:03:31.000Z", "Radio Satellite"),
      ]));
    const all = rows(t.store, "Europe/Stockholm");
    assert.deepEqual(all.map((r) => r.source), ["basic+api", "basic+api"]);
    // 01:00 UTC is 03:00 in Stockholm once the clocks have gone forward.
    assert.deepEqual(all.map((r) => r.hour), [3, 3]);
  } finally {
    await t.close();
  }
});

Deno.test("an API play stamped at the start of the export's play is that play, and one 40 s from any end or start is another", async () => {
  const t = await tempStore();
  try {
    const folder = await writeExport(t.dir, {
      "Streaming_History_Audio_2026.json": [
        extendedEntry("2026-05-02T12:10:00Z", "Paper Heart", { ms_played: 200_000 }),
      ],
    });
    await importHistory(t.store, folder);
    const counts = transaction(t.store, () =>
      mergePlays(t.store, "api", [
        apiPlay("2026-05-02T12:06:41.000Z", "Paper Heart"), // 1 s after it started
        apiPlay("2026-05-02T12:20:40.000Z", "Paper Heart"), // another play
      ]));
    assert.deepEqual(counts, { added: 1, merged: 1, already: 0 });
    assert.deepEqual(rows(t.store).map((r) => r.source), ["extended+api", "api"]);
  } finally {
    await t.close();
  }
});

Deno.test("the basic and the extended export of the same plays merge by names and minute", async () => {
  const t = await tempStore();
  try {
    const folder = await writeExport(t.dir, {
      "StreamingHistory_music_0.json": [basicEntry("2026-05-02 12:00", "paper heart ")],
      "Streaming_History_Audio_2026.json": [extendedEntry("2026-05-02T12:00:34Z", "Paper Heart")],
    });
    const report = await importHistory(t.store, folder);
    assert.deepEqual([report.added, report.merged], [1, 1]);
    const [row] = rows(t.store);
    assert.equal(row!.source, "basic+extended");
    assert.equal(row!.track, "Paper Heart"); // the richer record's names
    assert.equal(row!.file, "StreamingHistory_music_0.json"); // the file it first came from
  } finally {
    await t.close();
  }
});

Deno.test("the same API play synced twice is kept once, and two identical export lines are two plays", async () => {
  const t = await tempStore();
  try {
    const play = apiPlay("2026-05-02T12:00:03.456Z", "Paper Heart");
    transaction(t.store, () => mergePlays(t.store, "api", [{ ...play }]));
    const again = transaction(t.store, () => mergePlays(t.store, "api", [{ ...play }]));
    assert.deepEqual(again, { added: 0, merged: 0, already: 1 });
    const entry = basicEntry("2026-05-03 08:00", "Skipped Twice", 2_000);
    const folder = await writeExport(t.dir, { "StreamingHistory_music_0.json": [entry, entry] });
    assert.equal((await importHistory(t.store, folder)).added, 2);
    assert.equal(rows(t.store).length, 3);
  } finally {
    await t.close();
  }
});

Deno.test("one account never reads or merges with another account's plays in the same file", async () => {
  const t = await tempStore("listener.one");
  try {
    const folder = await writeExport(t.dir, {
      "Streaming_History_Audio_2026.json": [extendedEntry("2026-05-02T12:00:00Z", "Paper Heart")],
    });
    await importHistory(t.store, folder);
    using other = await openHistory("listener.two", { path: t.path });
    assert.equal(historyFrame(other).height, 0);
    const counts = transaction(
      other,
      () => mergePlays(other, "api", [apiPlay("2026-05-02T12:00:01.000Z", "Paper Heart")]),
    );
    assert.deepEqual(counts, { added: 1, merged: 0, already: 0 });
    assert.deepEqual(rows(other).map((r) => r.source), ["api"]);
    assert.deepEqual(rows(t.store).map((r) => r.source), ["extended"]);
    // Its own import of the same file is its own.
    assert.equal((await importHistory(other, folder)).merged, 1);
    assert.equal(historyFrame(t.store).height, 1);
  } finally {
    await t.close();
  }
});
