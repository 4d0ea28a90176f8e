/**
 * The signed-in user's data from the emulator in both modes, its frames, and the privacy export.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  connect,
  playlistItemsFrame,
  playsFrame,
  readStreamingHistory,
  savedTracksFrame,
  SpotifyError,
  TIME_RANGES,
  topArtistsFrame,
  topTracksFrame,
} from "../lib/mod.ts";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";

const catalog = loadSampleCatalog();
const listening = catalog.user;

for (const mode of ["development", "extended"] as const) {
  Deno.test(`${mode}: top items per time range, saved items, playlists and follows of the user`, async () => {
    await using spotify = await connect({
      env: { SPOTIFY_MODE: mode },
      envFile: false,
      cacheDir: false,
      user: true,
    });
    const tracks = await spotify.client.topTracks();
    for (const range of TIME_RANGES) {
      const ids = tracks.filter((t) => t.time_range === range).map((t) => t.id);
      assert.deepEqual(ids, listening.top.tracks[range]!.slice(0, 50), range);
    }
    const frame = topTracksFrame(tracks);
    assert.deepEqual(frame.columns.slice(0, 3), ["time_range", "rank", "id"]);
    assert.equal(frame.filter(pl.col("rank").eq(1)).height, 3);
    const artists = await spotify.client.topArtists("short_term", { max: 5 });
    assert.deepEqual(artists.map((a) => a.id), listening.top.artists.short_term!.slice(0, 5));
    assert.equal(
      topArtistsFrame(artists).getColumn("popularity").nullCount(),
      mode === "development" ? 5 : 0,
    );

    const saved = await spotify.client.savedTracks();
    assert.equal(saved.length, listening.saved_tracks.length);
    const savedFrame = savedTracksFrame(saved);
    assert.equal(String(savedFrame.getColumn("added_at").dtype), "DataType(Datetime(ms,UTC))");
    assert.equal((await spotify.client.savedAlbums()).length, listening.saved_albums.length);
    assert.deepEqual(
      (await spotify.client.followedArtists()).map((a) => a.id).sort(),
      [...listening.followed_artists].sort(),
    );
    const playlists = await spotify.client.myPlaylists();
    const owned = playlists.find((p) => p.owner?.id === listening.id)!;
    // With a user token, Development Mode serves the items of the user's own playlists.
    const entries = await spotify.client.playlistItems(owned.id!);
    assert.equal(entries.length, catalog.playlists.find((p) => p.id === owned.id)!.items.length);
    assert.ok(playlistItemsFrame(entries).getColumn("id").nullCount() === 0);
  });
}

Deno.test("recently played pages back with before cursors, and a window narrows it", async () => {
  await using spotify = await connect({ env: {}, envFile: false, cacheDir: false, user: true });
  const plays = await spotify.client.recentlyPlayed();
  assert.equal(plays.length, listening.recently_played.length);
  assert.deepEqual(
    plays.map((p) => p.played_at),
    listening.recently_played.map((p) => p.played_at),
  );
  const middle = new Date(plays[10]!.played_at!);
  const older = await spotify.client.recentlyPlayed({ before: middle });
  assert.ok(older.length > 0 && older.every((p) => Date.parse(p.played_at!) < middle.getTime()));
  const frame = playsFrame(plays, { timeZone: "UTC" });
  assert.equal(String(frame.getColumn("played_at").dtype), "DataType(Datetime(ms,UTC))");
  const first = listening.recently_played[0]!;
  assert.equal(frame.getColumn("hour").get(0), new Date(first.played_at).getUTCHours());
  await assert.rejects(
    spotify.client.recentlyPlayed({ before: middle, after: middle }),
    /give before or after, not both/,
  );
});

Deno.test("the privacy export's basic and extended files read into one frame, oldest first", async () => {
  const df = await readStreamingHistory(join(PROJECT_ROOT, "data/sample/export"), {
    timeZone: "UTC",
  });
  const sources = df.getColumn("source").valueCounts().toRecords();
  assert.equal(sources.length, 2);
  const times = df.getColumn("played_at").toArray() as unknown as Date[];
  assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]!));
  const extended = df.filter(pl.col("source").eq(pl.lit("extended")));
  assert.equal(extended.getColumn("album").nullCount(), 0);
  assert.equal(
    df.filter(pl.col("source").eq(pl.lit("basic"))).getColumn("album").nullCount(),
    df.height - extended.height,
  );
  assert.ok(!df.columns.includes("ip_addr"));
  const names = new Set(catalog.artists.map((a) => a.name));
  assert.ok((df.getColumn("artist").toArray() as string[]).every((n) => names.has(n)));
});

Deno.test("a file of another shape in the export folder stops with one sentence naming it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(
      readStreamingHistory(dir),
      /^SpotifyError: Cannot find a streaming history in/,
    );
    await Deno.writeTextFile(join(dir, "StreamingHistory_music_0.json"), '[{"song": "x"}]');
    await assert.rejects(readStreamingHistory(dir), (error: unknown) => {
      assert.ok(error instanceof SpotifyError);
      assert.equal(
        error.message,
        'Cannot read "StreamingHistory_music_0.json": it is not a Spotify streaming history file (expected a list of plays with "endTime" and "msPlayed", or "ts" and "ms_played")',
      );
      return true;
    });
    await Deno.writeTextFile(join(dir, "StreamingHistory_music_0.json"), "[{");
    await assert.rejects(readStreamingHistory(dir), /is not valid JSON/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
