/**
 * Importing the export: idempotent, both kinds of file, spoken word kept apart, a stop between
 * files, bad files in one sentence, and the bundled sample export kept to the sample listener.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../core/config.ts";
import { SpotifyError } from "../core/errors.ts";
import { readStreamingHistory } from "../frames/streaming_history.ts";
import { extendedEntry, tempStore, writeExport } from "./_test_fixtures.ts";
import { importHistory } from "./import_export.ts";
import { historyFrame } from "./read.ts";

const SAMPLE = join(PROJECT_ROOT, "data", "sample", "export");
const PODCASTS = join(PROJECT_ROOT, "data", "sample", "export_podcasts");

Deno.test("importing the same export folder twice adds 0 rows, and a copy of it under another name is recognised too", async () => {
  const t = await tempStore("sample.listener");
  try {
    const first = await importHistory(t.store, SAMPLE);
    const plays = (await readStreamingHistory(SAMPLE)).height;
    assert.deepEqual([first.files, first.plays, first.added], [2, plays, plays]);
    const again = await importHistory(t.store, SAMPLE);
    assert.deepEqual([again.files, again.skipped, again.added], [0, 2, 0]);
    assert.match(again.summary, /^0 files imported, 2 imported before: 0 plays read, 0 added/);
    const copy = join(t.dir, "copy");
    await Deno.mkdir(copy);
    for (const e of Deno.readDirSync(SAMPLE)) {
      const renamed = e.name.replace(/^(StreamingHistory|Streaming_History_Audio)_/, "$1_copy_");
      await Deno.copyFile(join(SAMPLE, e.name), join(copy, renamed));
    }
    assert.equal((await importHistory(t.store, copy)).added, 0);
    assert.equal(historyFrame(t.store).height, plays);
  } finally {
    await t.close();
  }
});

Deno.test("podcast and audiobook plays are imported as their own kinds, with their shows and chapters", async () => {
  const t = await tempStore("sample.listener");
  try {
    await importHistory(t.store, PODCASTS);
    const plays = historyFrame(t.store, { timeZone: "UTC" });
    const expected = await readStreamingHistory(PODCASTS, { timeZone: "UTC" });
    assert.deepEqual(
      plays.getColumn("kind").unique().sort().toArray(),
      expected.getColumn("kind").unique().sort().toArray(),
    );
    const episodes = historyFrame(t.store, { kind: "episode" });
    assert.ok(episodes.height > 0 && episodes.getColumn("show").nullCount() === 0);
    const books = historyFrame(t.store, { kind: "audiobook" });
    assert.ok(books.height > 0 && books.getColumn("chapter_uri").nullCount() === 0);
    assert.equal(episodes.height + books.height, plays.height);
  } finally {
    await t.close();
  }
});

Deno.test("an import stopped between files keeps the files it finished, and the next one adds the rest", async () => {
  const t = await tempStore();
  try {
    const day = (d: number) =>
      Array.from(
        { length: 10 },
        (_, i) => extendedEntry(`2026-02-${d}T1${i}:00:00Z`, `Song ${d}-${i}`),
      );
    const folder = await writeExport(t.dir, {
      "Streaming_History_Audio_2026_0.json": day(10),
      "Streaming_History_Audio_2026_1.json": day(11),
      "Streaming_History_Audio_2026_2.json": day(12),
    });
    const controller = new AbortController();
    const stopped = importHistory(t.store, folder, {
      signal: controller.signal,
      // The clock is read once a file is in: stop after the first.
      now: () => (controller.abort(), Date.now()),
    });
    await assert.rejects(stopped, (error: unknown) => (error as Error).name === "AbortError");
    assert.equal(historyFrame(t.store).height, 10);
    const rest = await importHistory(t.store, folder);
    assert.deepEqual([rest.files, rest.skipped, rest.added], [2, 1, 20]);
  } finally {
    await t.close();
  }
});

Deno.test("a file that is not a streaming history, or a folder without one, is one sentence and imports nothing", async () => {
  const t = await tempStore();
  try {
    const folder = await writeExport(t.dir, {
      "Streaming_History_Audio_2026_0.json": [extendedEntry("2026-02-01T10:00:00Z", "Fine")],
      "Streaming_History_Audio_2026_1.json": [{ name: "a playlist, not plays" }],
    });
    await assert.rejects(
      importHistory(t.store, join(folder, "Streaming_History_Audio_2026_1.json")),
      (error: unknown) =>
        error instanceof SpotifyError &&
        /^Cannot read "Streaming_History_Audio_2026_1\.json": it is not a Spotify streaming history file/
          .test(error.message),
    );
    const empty = await Deno.makeTempDir({ dir: t.dir });
    await assert.rejects(
      importHistory(t.store, empty),
      /^SpotifyError: Cannot find a streaming history in/,
    );
    await assert.rejects(
      importHistory(t.store, join(t.dir, "nowhere")),
      /does not exist or is not readable/,
    );
    assert.equal(historyFrame(t.store).height, 0);
  } finally {
    await t.close();
  }
});

Deno.test("the bundled sample export is not imported into a real account, and the report says why", async () => {
  const t = await tempStore("a.real.listener");
  try {
    const report = await importHistory(t.store, SAMPLE);
    assert.equal(report.added, 0);
    assert.match(
      report.summary,
      /2 of the bundled sample export left out \(it is the sample listener's/,
    );
    assert.equal(historyFrame(t.store).height, 0);
  } finally {
    await t.close();
  }
});
