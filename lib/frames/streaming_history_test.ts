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

/** The error `readStreamingHistory` gives for these files, or undefined when it reads them. */
async function refusal(files: Record<string, string>): Promise<Error | undefined> {
  let error: Error | undefined;
  await withExport(files, async (dir) => {
    try {
      await readStreamingHistory(dir, { timeZone: "UTC" });
    } catch (e) {
      error = e as Error;
    }
  });
  return error;
}

const FILE = "Streaming_History_Audio_2026_0.json";
const BASIC = "StreamingHistory_music_0.json";

Deno.test("readStreamingHistory() refuses a play time that is not a real time in one sentence naming the file, the play and the value", async () => {
  const cases: [string, string][] = [
    ["2026-0:-01T10:00:00Z", 'its month "0:" is not 01 to 12'], // was 1 October
    ["20x6-05-01T10:00:00Z", 'its year "20x6" is not 0001 to 9999'], // was the year 2726
    ["2026-13-01T10:00:00Z", 'its month "13" is not 01 to 12'],
    ["2026-00-10T10:00:00Z", 'its month "00" is not 01 to 12'],
    ["2026-02-29T10:00:00Z", "February 2026 has 28 days"],
    ["2026-04-31T10:00:00Z", "April 2026 has 30 days"],
    ["2026-05-00T10:00:00Z", 'its day "00" is not 01 to 31'],
    ["2026-05-01T24:00:00Z", 'its hour "24" is not 00 to 23'],
    ["2026-05-01T10:60:00Z", 'its minute "60" is not 00 to 59'],
    ["2026-05-01T10:00:60Z", 'its second "60" is not 00 to 59'],
    ["2026-05-01T1 :00:00Z", 'its hour "1 " is not 00 to 23'],
    ["2026-05-01T-1:00:00Z", 'its hour "-1" is not 00 to 23'],
    ["0000-05-01T10:00:00Z", 'its year "0000" is not 0001 to 9999'],
    ["２０２６-05-01T10:00:00Z", 'its year "２０２６" is not 0001 to 9999'],
    ["2026/05/01T10:00:00Z", "it is not of the form YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD HH:MM"],
    ["2026-05-01T10:00:00", "it is not of the form YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD HH:MM"],
    [
      "Fri, 01 May 2026 10:00:00 GMT",
      "it is not of the form YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD HH:MM",
    ],
    ["", "it is not of the form YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD HH:MM"],
    [
      "2026-05-01T10:00:00Zjunk",
      'what follows its seconds, "Zjunk", is not "Z", a fraction of a second or an offset such as "+02:00"',
    ],
  ];
  for (const [ts, why] of cases) {
    const error = await refusal({
      [FILE]: JSON.stringify([play("2026-01-01T00:00:00Z"), play(ts)]),
    });
    assert.equal(
      error?.message,
      `Cannot read "${FILE}": play 1 has ts ${JSON.stringify(ts)}, not a time (${why})`,
      ts,
    );
    assert.equal(error?.name, "SpotifyError");
  }
  const basic = await refusal({
    [BASIC]: JSON.stringify([{ endTime: "2026-05-01 1O:00", trackName: "t", msPlayed: 1 }]),
  });
  assert.equal(
    basic?.message,
    `Cannot read "${BASIC}": play 0 has endTime "2026-05-01 1O:00", not a time (its hour "1O" is not 00 to 23)`,
  );
});

Deno.test("readStreamingHistory() reads leap days, year ends, fractions and offsets to the millisecond", async () => {
  const times = [
    "1999-12-31T23:59:59Z",
    "2000-02-29T00:00:00Z",
    "2024-02-29T12:34:56Z",
    "2026-05-01T12:00:00.250+02:00",
    "2026-05-01T10:00:01.5Z",
  ];
  const basic = { endTime: "2004-02-29 23:59", trackName: "t", artistName: "a", msPlayed: 1 };
  await withExport({
    [FILE]: JSON.stringify(times.map((ts) => play(ts))),
    [BASIC]: JSON.stringify([basic]),
  }, async (dir) => {
    const df = await readStreamingHistory(dir, { timeZone: "UTC" });
    const got = (df.getColumn("played_at").toArray() as unknown as Date[]).map((d) => d.getTime());
    const expected = [...times, "2004-02-29T23:59:00Z"].map((t) => Date.parse(t));
    assert.deepEqual(got, expected.sort((a, b) => a - b));
  });
});

Deno.test("readStreamingHistory() keeps ms_played up to 2^53 - 1 exactly and refuses negative, larger, fractional or non-number values by name", async () => {
  const big = Number.MAX_SAFE_INTEGER;
  await withExport(
    { [FILE]: JSON.stringify([play("2026-01-01T00:00:00Z", { ms_played: big })]) },
    async (dir) => {
      const df = await readStreamingHistory(dir, { timeZone: "UTC" });
      assert.deepEqual(df.getColumn("ms_played").toArray(), [big]);
    },
  );
  const raw = (ms: string) =>
    `[${JSON.stringify(play("2026-01-01T00:00:00Z"))},${
      JSON.stringify(play("2026-01-01T00:01:00Z")).replace(
        '"ms_played":120000',
        `"ms_played":${ms}`,
      )
    }]`;
  const below = "not a whole number of milliseconds from 0 to 2^53 - 1 (9007199254740991)";
  const cases: [string, string][] = [
    ["9223372036854775808", `has ms_played 9223372036854776000, ${below}`], // Int64 wrapped to negative before
    ["9007199254740993", `has ms_played 9007199254740992, ${below}`],
    ["1e400", `has ms_played Infinity, ${below}`],
    ["1.5", `has ms_played 1.5, ${below}`],
    ["-5", `has ms_played -5, ${below}`],
    ['"1234"', 'has ms_played "1234" (text) where a whole number of milliseconds belongs'],
    ['{"ms":1}', 'has ms_played {"ms":1} (an object) where a whole number of milliseconds belongs'],
    ["null", "has ms_played null (null) where a whole number of milliseconds belongs"],
  ];
  for (const [ms, what] of cases) {
    const error = await refusal({ [FILE]: raw(ms) });
    assert.equal(error?.message, `Cannot read "${FILE}": play 1 ${what}`, ms);
  }
});

Deno.test("readStreamingHistory() refuses a value of the wrong type with the field named, never a silent null", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [
      { master_metadata_track_name: 5 },
      "master_metadata_track_name 5 (a number) where text or null belongs",
    ],
    [{ conn_country: ["SE"] }, 'conn_country ["SE"] (a list) where text or null belongs'],
    [
      { spotify_track_uri: { id: 1 } },
      'spotify_track_uri {"id":1} (an object) where text or null belongs',
    ],
    [{ shuffle: "true" }, 'shuffle "true" (text) where true, false or null belongs'],
    [{ incognito_mode: 0 }, "incognito_mode 0 (a number) where true, false or null belongs"],
    [{ ts: 1714557600000 }, "ts 1714557600000 (a number) where a time belongs"],
  ];
  for (const [extra, what] of cases) {
    const error = await refusal({
      [FILE]: JSON.stringify([play("2026-01-01T00:00:00Z"), play("2026-01-01T00:01:00Z", extra)]),
    });
    assert.equal(error?.message, `Cannot read "${FILE}": play 1 has ${what}`);
  }
  const basic = await refusal({
    [BASIC]: JSON.stringify([{ endTime: "2026-05-01 10:00", trackName: ["t"], msPlayed: 1 }]),
  });
  assert.equal(
    basic?.message,
    `Cannot read "${BASIC}": play 0 has trackName ["t"] (a list) where text or null belongs`,
  );
  const notPlay = await refusal({ [FILE]: JSON.stringify([play("2026-01-01T00:00:00Z"), 7]) });
  assert.equal(
    notPlay?.message,
    `Cannot read "${FILE}": item 1 is not a play (expected a list of plays with "endTime" and "msPlayed", or "ts" and "ms_played")`,
  );
});

Deno.test("readStreamingHistory() reads a play's own keys only, whatever their names", async () => {
  const own = JSON.stringify(play("2026-01-01T00:00:00Z")).replace(
    "{",
    '{"__proto__":{"ts":"1999-01-01T00:00:00Z"},"constructor":5,"toString":"x",',
  );
  // A play whose time and length sit only under "__proto__" has no time of its own.
  const inherited = '{"__proto__":{"ts":"2026-01-02T00:00:00Z","ms_played":1}}';
  await withExport({ [FILE]: `[${own}]` }, async (dir) => {
    const df = await readStreamingHistory(dir, { timeZone: "UTC" });
    assert.deepEqual(df.getColumn("played_at").toArray(), [new Date("2026-01-01T00:00:00Z")]);
  });
  // Whole, and in parts: "__proto__" stays an own key, never the prototype.
  const bytes = new TextEncoder().encode(`[${own},${inherited}]`);
  for (const part of [64, Infinity]) {
    const items = parseJsonBytes(bytes, part) as Record<string, unknown>[];
    assert.equal(Object.getPrototypeOf(items[1]), Object.prototype);
    assert.ok(Object.hasOwn(items[1]!, "__proto__") && !Object.hasOwn(items[1]!, "ts"));
  }
  const error = await refusal({ [FILE]: `[${own},${inherited}]` });
  assert.equal(
    error?.message,
    `Cannot read "${FILE}": item 1 is not a play (expected a list of plays with "endTime" and "msPlayed", or "ts" and "ms_played")`,
  );
});
