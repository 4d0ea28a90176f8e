/**
 * Odd and hostile API objects through every frame builder: placeholder and impossible dates,
 * missing and mistyped values, and the `null` items several-at-once reads give for unknown ids.
 * Each comes out right (null stays null) or is refused in one sentence naming the builder, the
 * field, the item and the value.
 */
import assert from "node:assert/strict";
import {
  albumsFrame,
  artistsFrame,
  audiobooksFrame,
  chaptersFrame,
  episodesFrame,
  type pl,
  playlistItemsFrame,
  playlistsFrame,
  playsFrame,
  savedTracksFrame,
  sessionsFrame,
  showsFrame,
  trackArtistsFrame,
  tracksFrame,
} from "../lib/mod.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";
import { setup } from "./_client_setup.ts";

const values = (df: pl.DataFrame, name: string) => df.getColumn(name).toArray() as unknown[];
const day = (value: unknown) => value instanceof Date ? value.toISOString().slice(0, 10) : value;

Deno.test("a placeholder release date (0000, 0000-00, 0000-00-00) is null in every date column, never year 0", () => {
  const dates = ["0000", "0000-00", "0000-00-00", "0000-01-01"];
  const albums = albumsFrame(dates.map((release_date, i) => ({ id: `a${i}`, release_date })));
  const tracks = tracksFrame(dates.map((release_date) => ({ album: { release_date } })));
  const episodes = episodesFrame(dates.map((release_date) => ({ release_date })));
  const chapters = chaptersFrame(dates.map((release_date) => ({ release_date })));
  for (const df of [albums, tracks, episodes, chapters]) {
    for (
      const column of ["release_date", "release_year", "release_decade", "release_date_precision"]
    ) {
      assert.deepEqual(values(df, column), [null, null, null, null], column);
    }
  }
});

Deno.test("a release date is read at its precision, and a precision finer than the text falls back to the text's", () => {
  const df = albumsFrame([
    { release_date: "1999", release_date_precision: "year" },
    { release_date: "1999-07", release_date_precision: "month" },
    { release_date: "2000-02-29", release_date_precision: "day" },
    { release_date: "1999-07-14", release_date_precision: "year" },
    { release_date: "1999", release_date_precision: "day" },
    { release_date: "0999-03-01" },
  ]);
  assert.deepEqual(values(df, "release_date").map(day), [
    "1999-01-01",
    "1999-07-01",
    "2000-02-29",
    "1999-01-01",
    "1999-01-01",
    "0999-03-01",
  ]);
  assert.deepEqual(values(df, "release_date_precision"), [
    "year",
    "month",
    "day",
    "year",
    "year",
    "day",
  ]);
  assert.deepEqual(values(df, "release_decade"), [1990, 1990, 2000, 1990, 1990, 990]);
});

Deno.test("a release date that is not a real date, or not text, is refused naming the builder, field, item and value", () => {
  const refused: [unknown, string][] = [
    ["1999-02-29", 'release_date of item 0 (id "x") is "1999-02-29", not a real date'],
    ["1999-13", 'release_date of item 0 (id "x") is "1999-13", not a real date'],
    ["1999-00-10", 'release_date of item 0 (id "x") is "1999-00-10", not a real date'],
    ["20x6-05-01", 'release_date of item 0 (id "x") is "20x6-05-01", not a date'],
    ["1999-1-1", 'release_date of item 0 (id "x") is "1999-1-1", not a date'],
    [1999, 'release_date of item 0 (id "x") is 1999, not text: a date'],
    [{ y: 1 }, 'release_date of item 0 (id "x") is {"y":1}, not text: a date'],
  ];
  for (const [release_date, message] of refused) {
    assert.throws(
      () => albumsFrame([{ id: "x", release_date } as never]),
      (e: Error) =>
        e instanceof TypeError && e.message.startsWith(`Cannot build albumsFrame(): ${message}`),
      String(release_date),
    );
  }
  assert.throws(() => tracksFrame([{ id: "t", album: { release_date: 1999 } as never }]), {
    message:
      'Cannot build tracksFrame(): release_date of item 0 (id "t") is 1999, not text: a date (YYYY, YYYY-MM or YYYY-MM-DD)',
  });
  assert.throws(
    () =>
      episodesFrame([{ id: "e", release_date: "2025", release_date_precision: "week" as never }]),
    {
      message:
        'Cannot build episodesFrame(): release_date_precision of item 0 (id "e") is "week", not "year", "month" or "day"',
    },
  );
});

Deno.test("an instant is checked character by character: impossible times are refused, zones honoured", () => {
  for (
    const played_at of [
      "2026-0:-01T10:00:00Z",
      "20x6-05-01T10:00:00Z",
      "2026-02-30T10:00:00Z",
      "2026-11-20T24:00:00Z",
      "2026-11-20T18:30:00",
      "2026-11-20",
    ]
  ) {
    assert.throws(() => playsFrame([{ played_at }], { timeZone: "UTC" }), {
      message:
        `Cannot build playsFrame(): played_at of item 0 is "${played_at}", not a time such as 2026-11-20T18:30:00Z`,
    });
  }
  const df = playsFrame([
    { played_at: "2026-11-20T20:30:00.250+02:00" },
    { played_at: null as never },
  ], { timeZone: "UTC" });
  assert.deepEqual(values(df, "played_at").map((d) => (d as Date | null)?.toISOString() ?? null), [
    "2026-11-20T18:30:00.250Z",
    null,
  ]);
  assert.deepEqual(values(df, "hour"), [18, null]);
  assert.throws(
    () => playlistItemsFrame([{ added_at: "yesterday" }]),
    /added_at of item 0 is "yesterday"/,
  );
  assert.throws(
    () => savedTracksFrame([{ added_at: 5 as never, track: { id: "t" } }]),
    /added_at of item 0 \(id "t"\) is 5,/,
  );
});

Deno.test("a missing or null length, resume point or count is null in every column made from it, never 0 or NaN", () => {
  const tracks = tracksFrame([{ id: "a" }, {
    id: "b",
    duration_ms: null as never,
    artists: null as never,
  }]);
  for (
    const column of ["duration_ms", "duration_min", "artist_count", "artists", "primary_artist"]
  ) {
    assert.deepEqual(values(tracks, column), [null, null], column);
  }
  const episodes = episodesFrame([{ id: "e", resume_point: {} }, {
    id: "f",
    resume_point: { resume_position_ms: 0 },
  }]);
  assert.deepEqual(values(episodes, "duration_min"), [null, null]);
  assert.deepEqual(values(episodes, "resume_position_ms"), [null, 0]);
  assert.deepEqual(values(episodes, "resume_position_min"), [null, 0]);
  assert.deepEqual(values(episodes, "fully_played"), [null, null]);
  assert.deepEqual(values(albumsFrame([{ id: "x" }]), "total_tracks"), [null]);
  assert.deepEqual(values(showsFrame([{ id: "s" }]), "total_episodes"), [null]);
  assert.deepEqual(values(audiobooksFrame([{ id: "b" }]), "total_chapters"), [null]);
  assert.deepEqual(values(playlistsFrame([{ id: "p" }]), "total_items"), [null]);
  assert.deepEqual(
    values(artistsFrame([{ id: "r", followers: { total: null as never } }]), "followers"),
    [null],
  );
  const sessions = sessionsFrame([{ played_at: new Date(0), duration_min: null }]);
  assert.deepEqual(values(sessions, "minutes"), [null]);
});

Deno.test("a value of the wrong type is refused naming the builder, the column, the item and the value", () => {
  const cases: [() => unknown, string][] = [
    [
      () => tracksFrame([{ id: "t", duration_ms: "3:20" as never }]),
      'Cannot build tracksFrame(): duration_ms of item 0 (id "t") is "3:20", not a whole number of milliseconds',
    ],
    [
      () => tracksFrame([{ id: "t", duration_ms: -5 }]),
      'Cannot build tracksFrame(): duration_ms of item 0 (id "t") is -5, not a whole number of milliseconds',
    ],
    [
      () => tracksFrame([{ id: "t", artists: "A" as never }]),
      'Cannot build tracksFrame(): artists of item 0 (id "t") is "A", not a list of objects',
    ],
    [
      () => tracksFrame([{ id: "t", explicit: "yes" as never }]),
      'Cannot build tracksFrame(): explicit of item 0 (id "t") is "yes", not true or false',
    ],
    [
      () => albumsFrame([{ id: "a", total_tracks: "12" as never }]),
      'Cannot build albumsFrame(): total_tracks of item 0 (id "a") is "12", not a whole number',
    ],
    [
      () => artistsFrame([{ id: "r", genres: { a: 1 } as never }]),
      'Cannot build artistsFrame(): genres of item 0 (id "r") is {"a":1}, not a list of texts',
    ],
    [
      () => artistsFrame([{ id: "r", popularity: 1.5 }]),
      'Cannot build artistsFrame(): popularity of item 0 (id "r") is 1.5, not a whole number',
    ],
    [
      () => episodesFrame([{ id: "e", resume_point: { resume_position_ms: {} as never } }]),
      'Cannot build episodesFrame(): resume_point.resume_position_ms of item 0 (id "e") is {}, not a whole number of milliseconds',
    ],
    [
      () => showsFrame(["abc" as never]),
      'Cannot build showsFrame(): item 0 is "abc", not an object',
    ],
    [
      () => playlistItemsFrame([{ item: { id: "t", name: 5 as never } }]),
      'Cannot build playlistItemsFrame(): name of item 0 (id "t") is 5, not text',
    ],
    [
      () => sessionsFrame([{ played_at: new Date(0), duration_min: "3" }]),
      'Cannot build sessionsFrame(): duration_min of row 0 is "3", not a number of minutes',
    ],
  ];
  for (const [call, message] of cases) assert.throws(call, { name: "TypeError", message });
});

Deno.test("a null item is a row of nulls in every builder, so row i stays item i", () => {
  const builders: [string, () => pl.DataFrame][] = [
    ["artistsFrame", () => artistsFrame([{ id: "x" }, null])],
    ["albumsFrame", () => albumsFrame([{ id: "x" }, null])],
    ["tracksFrame", () => tracksFrame([{ id: "x" }, null])],
    ["playlistsFrame", () => playlistsFrame([{ id: "x" }, null])],
    ["playlistItemsFrame", () => playlistItemsFrame([{ item: { id: "x" } }, null])],
    ["playsFrame", () => playsFrame([{ track: { id: "x" } }, null])],
    ["savedTracksFrame", () => savedTracksFrame([{ track: { id: "x" } }, null])],
    ["showsFrame", () => showsFrame([{ id: "x" }, null])],
    ["episodesFrame", () => episodesFrame([{ id: "x" }, null])],
    ["audiobooksFrame", () => audiobooksFrame([{ id: "x" }, null])],
    ["chaptersFrame", () => chaptersFrame([{ id: "x" }, null])],
  ];
  for (const [name, build] of builders) {
    const df = build();
    assert.equal(df.height, 2, name);
    assert.deepEqual(values(df, "id"), ["x", null], name);
    const nulls = df.columns.filter((c) =>
      c !== "position" && df.slice(1, 1).getColumn(c).nullCount() !== 1
    );
    assert.deepEqual(nulls, [], `${name}: the null item's row is null`);
  }
  assert.deepEqual(values(playlistItemsFrame([null, { item: { id: "x" } }]), "position"), [0, 1]);
  assert.equal(trackArtistsFrame([null, { id: "t", artists: [{ id: "a" }] }]).height, 1);
});

Deno.test("the emulator's null for an unknown id in several-at-once reads is a row of nulls in both modes", async () => {
  const catalog = loadSampleCatalog();
  for (const mode of ["development", "extended"] as const) {
    await using t = await setup({ mode });
    const show = catalog.shows[0]!.id;
    const shows = await t.client.shows([show, "0000000000000000000000"]);
    assert.equal(shows[1], null, `${mode}: the unknown id answers null`);
    const df = showsFrame(shows);
    assert.deepEqual(values(df, "id"), [show, null]);
    const albums = albumsFrame(
      await t.client.albums([catalog.albums[0]!.id, "0000000000000000000000"]),
    );
    assert.deepEqual(values(albums, "release_year").map((y) => y === null), [false, true]);
  }
});

Deno.test("sessionsFrame() gives the same sessions whatever the order of the plays, ties included", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 8, m));
  const plays = [0, 0, 0, 0, 0, 0, 0, 50, 95].map((m, i) => ({
    played_at: at(m),
    duration_min: i === 3 ? null : 1 + (i % 4) * 10,
  }));
  const expected = sessionsFrame(plays);
  assert.deepEqual(values(expected, "plays"), [8, 1]);
  for (let run = 1; run < 8; run++) {
    const shuffled = plays.map((p, i) => ({ p, key: (i * 31 + run * 17) % 11 }))
      .sort((a, b) => a.key - b.key).map((x) => x.p);
    assert.deepEqual(sessionsFrame(shuffled).toRecords(), expected.toRecords(), `run ${run}`);
  }
});
