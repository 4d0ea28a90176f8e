import assert from "node:assert/strict";
import { join } from "node:path";
import { parseJsonBytes } from "./_json_array.ts";
import { readStreamingHistory } from "./streaming_history.ts";

/** A temporary export folder with these files, removed after `fn`. */
async function withExport(
  files: Record<string, string | Uint8Array>,
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, content] of Object.entries(files)) {
      if (typeof content === "string") await Deno.writeTextFile(join(dir, name), content);
      else await Deno.writeFile(join(dir, name), content);
    }
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const play = (ts: string, extra: Record<string, unknown> = {}) => ({
  ts,
  platform: "android",
  ms_played: 120_000,
  conn_country: "SE",
  ip_addr: "192.0.2.44",
  user_agent_decrypted: "unknown",
  master_metadata_track_name: null,
  master_metadata_album_artist_name: null,
  master_metadata_album_album_name: null,
  spotify_track_uri: null,
  episode_name: null,
  episode_show_name: null,
  spotify_episode_uri: null,
  reason_start: "clickrow",
  reason_end: "trackdone",
  shuffle: false,
  skipped: false,
  offline: false,
  offline_timestamp: null,
  incognito_mode: false,
  ...extra,
});

Deno.test("readStreamingHistory() keeps music, podcast and audiobook plays in their own columns, never IP addresses", async () => {
  const plays = [
    play("2026-01-01T10:00:00Z", {
      master_metadata_track_name: "Song",
      master_metadata_album_artist_name: "Björk",
      master_metadata_album_album_name: "Album",
      spotify_track_uri: "spotify:track:t1",
    }),
    play("2026-01-01T11:00:00Z", {
      episode_name: "Episode 1",
      episode_show_name: "The Show",
      spotify_episode_uri: "spotify:episode:e1",
    }),
    // Audiobook fields appear only in later plays of newer exports.
    play("2026-01-01T12:00:00Z", {
      audiobook_title: "The Book",
      audiobook_uri: "spotify:audiobook:b1",
      audiobook_chapter_title: "Chapter 3",
      audiobook_chapter_uri: "spotify:chapter:c3",
    }),
  ];
  await withExport({
    "Streaming_History_Audio_2026_0.json": JSON.stringify(plays),
    "StreamingHistory_podcast_0.json": JSON.stringify([
      {
        endTime: "2025-12-31 09:00",
        podcastName: "Old Show",
        episodeName: "Old",
        msPlayed: 60_000,
      },
    ]),
  }, async (dir) => {
    const df = await readStreamingHistory(dir, { timeZone: "UTC" });
    assert.equal(df.height, 4);
    assert.ok(!df.columns.some((c) => /^(ip_addr|user_agent)/.test(c)), df.columns.join());
    assert.ok(!JSON.stringify(df.toRecords()).includes("192.0.2.44"));
    const rows = df.select(
      "kind",
      "track",
      "artist",
      "episode",
      "show",
      "episode_uri",
      "audiobook",
      "chapter",
      "chapter_uri",
      "source",
    ).toRecords();
    assert.deepEqual(rows.map((r) => r.kind), ["episode", "track", "episode", "audiobook"]);
    assert.deepEqual(rows.map((r) => r.show), ["Old Show", null, "The Show", null]);
    assert.deepEqual(rows.map((r) => r.track), [null, "Song", null, null]);
    assert.equal(rows[2]!.episode_uri, "spotify:episode:e1");
    assert.deepEqual(
      [rows[3]!.audiobook, rows[3]!.chapter, rows[3]!.chapter_uri],
      ["The Book", "Chapter 3", "spotify:chapter:c3"],
    );
    assert.deepEqual(rows.map((r) => r.source), ["basic", "extended", "extended", "extended"]);
    assert.equal(String(df.getColumn("played_at").dtype), "DataType(Datetime(ms,UTC))");
    assert.deepEqual(df.getColumn("minutes").toArray(), [1, 2, 2, 2]);
  });
});

Deno.test("readStreamingHistory() accepts a UTF-8 byte order mark at the start of a file", async () => {
  const json = new TextEncoder().encode(JSON.stringify([play("2026-02-03T04:05:06Z")]));
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...json]);
  await withExport({ "Streaming_History_Audio_2026_0.json": withBom }, async (dir) => {
    const df = await readStreamingHistory(dir, { timeZone: "UTC" });
    assert.equal(df.height, 1);
    assert.equal(df.getColumn("hour").get(0), 4);
  });
});

Deno.test("readStreamingHistory() refuses an invalid timeZone with one RangeError sentence naming the option", async () => {
  await withExport({ "Streaming_History_Audio_2026_0.json": "[]" }, async (dir) => {
    await assert.rejects(readStreamingHistory(dir, { timeZone: "Mars/Olympus_Mons" }), {
      name: "RangeError",
      message:
        'Invalid timeZone "Mars/Olympus_Mons": use an IANA time zone name such as "Europe/Stockholm" or "UTC"',
    });
  });
});

Deno.test("readStreamingHistory() gives hour and weekday in the time zone, across daylight saving changes", async () => {
  // Every 20 minutes around the 2026 changes in Europe and the USA, plus a sample of the year.
  const times: number[] = [];
  for (const day of ["2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01"]) {
    const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
    for (let t = start; t < start + 3 * 86_400_000; t += 20 * 60_000) times.push(t);
  }
  for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01"); t += 7_777_777) {
    times.push(t);
  }
  times.sort((a, b) => a - b);
  const plays = times.map((t) => play(new Date(t).toISOString().slice(0, 19) + "Z"));
  await withExport(
    { "Streaming_History_Audio_2026_0.json": JSON.stringify(plays) },
    async (dir) => {
      for (const timeZone of ["Europe/Stockholm", "America/New_York", "Asia/Kolkata", "UTC"]) {
        const df = await readStreamingHistory(dir, { timeZone });
        const format = new Intl.DateTimeFormat("en-GB", {
          timeZone,
          hour: "numeric",
          hourCycle: "h23",
          weekday: "short",
        });
        const expected = times.map((t) => {
          const parts = format.formatToParts(t);
          const get = (type: string) => parts.find((p) => p.type === type)!.value;
          return `${Number(get("hour"))} ${get("weekday")}`;
        });
        const hours = df.getColumn("hour").toArray();
        const weekdays = df.getColumn("weekday").toArray();
        assert.deepEqual(hours.map((h, i) => `${h} ${weekdays[i]}`), expected, timeZone);
      }
    },
  );
});

Deno.test("readStreamingHistory() puts plays from files out of order oldest first", async () => {
  await withExport({
    "Streaming_History_Audio_2026_0.json": JSON.stringify([play("2026-05-01T00:00:00Z")]),
    "Streaming_History_Audio_2026_1.json": JSON.stringify([
      play("2026-01-01T00:00:00Z"),
      play("2026-03-01T00:00:00Z"),
    ]),
  }, async (dir) => {
    const df = await readStreamingHistory(dir, { timeZone: "UTC" });
    const months = (df.getColumn("played_at").toArray() as unknown as Date[]).map((d) =>
      d.getUTCMonth()
    );
    assert.deepEqual(months, [0, 2, 4]);
  });
});

Deno.test("readStreamingHistory() reads one file of 1,000,000 plays", async () => {
  const start = Date.parse("2020-01-01T00:00:00Z");
  const parts = ["["];
  for (let i = 0; i < 1_000_000; i++) {
    const ts = new Date(start + i * 60_000).toISOString().slice(0, 19);
    parts.push(
      `${
        i === 0 ? "" : ","
      }{"ts":"${ts}Z","ms_played":${i},"master_metadata_track_name":"t${i}","ip_addr":"192.0.2.1"}`,
    );
  }
  parts.push("]");
  await withExport({ "Streaming_History_Audio_2020_0.json": parts.join("") }, async (dir) => {
    const df = await readStreamingHistory(dir, { timeZone: "UTC" });
    assert.equal(df.height, 1_000_000);
    assert.deepEqual(df.slice(999_999, 1).select("ms_played", "track", "hour").toRecords(), [
      {
        ms_played: 999_999,
        track: "t999999",
        hour: new Date(start + 999_999 * 60_000).getUTCHours(),
      },
    ]);
  });
});

Deno.test("parseJsonBytes() parses a large array in parts exactly as JSON.parse does", () => {
  const items = Array.from({ length: 500 }, (_, i) => ({
    i,
    s: i % 7 === 0 ? 'tricky ], [ { } , \\" "quoted" ✨' : `plain ${i}`,
    nested: [{ a: [i, { b: "]" }] }],
  }));
  const json = ` \n${JSON.stringify(items, null, 1)}\n `;
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(json)]);
  for (const part of [64, 1000, 100_000]) assert.deepEqual(parseJsonBytes(bytes, part), items);
  assert.deepEqual(parseJsonBytes(new TextEncoder().encode("[ ]"), 1), []);
  assert.throws(() => parseJsonBytes(new TextEncoder().encode('[{"a": 1}, {"b"'), 4), SyntaxError);
  assert.throws(() => parseJsonBytes(new TextEncoder().encode("[1, 2,]"), 1), SyntaxError);
  assert.throws(() => parseJsonBytes(new TextEncoder().encode("[1, 2] x"), 1), SyntaxError);
});
