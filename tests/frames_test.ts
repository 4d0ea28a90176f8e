/**
 * The frame builders on what the client fetches from the emulator: the same columns and types in
 * both modes, the values analysts need, and nulls where Development Mode strips a field.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  albumsFrame,
  artistsFrame,
  fetchDiscography,
  playlistItemsFrame,
  trackArtistsFrame,
  tracksFrame,
} from "../lib/mod.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";
import { MODES, setup } from "./_client_setup.ts";

const catalog = loadSampleCatalog();
const schema = (df: pl.DataFrame) => df.columns.map((c, i) => `${c}: ${df.dtypes[i]}`);

async function frames(mode: (typeof MODES)[number]) {
  await using t = await setup({ mode });
  const artistIds = catalog.artists.slice(0, 3).map((a) => a.id);
  const artists = (await t.client.artists(artistIds)).filter((a) => a !== null);
  const { albums, tracks } = await fetchDiscography(t.client, artistIds);
  const full = (await t.client.tracks(tracks.slice(0, 20).map((tr) => tr.id!))).filter((x) =>
    x !== null
  );
  return {
    artists: artistsFrame(artists),
    albums: albumsFrame(albums),
    tracks: tracksFrame(tracks),
    fullTracks: tracksFrame(full),
    collaborations: trackArtistsFrame(tracks),
  };
}

Deno.test("frame builders give the same columns and types in both modes", async () => {
  const [dev, ext] = [await frames("development"), await frames("extended")];
  for (const name of Object.keys(dev) as (keyof typeof dev)[]) {
    assert.deepEqual(schema(dev[name]), schema(ext[name]), name);
    assert.equal(dev[name].height, ext[name].height, name);
  }
  assert.equal(dev.artists.getColumn("popularity").nullCount(), dev.artists.height);
  assert.equal(ext.artists.getColumn("popularity").nullCount(), 0);
  assert.equal(dev.fullTracks.getColumn("popularity").nullCount(), dev.fullTracks.height);
  assert.equal(ext.fullTracks.getColumn("popularity").nullCount(), 0);
  assert.equal(dev.albums.getColumn("label").nullCount(), dev.albums.height);
  assert.equal(ext.albums.getColumn("label").nullCount(), 0);
});

Deno.test("albumsFrame() parses release dates at their precision, with year and decade", async () => {
  const { albums } = await frames("development");
  const rows = albums.select(
    "release_date",
    "release_date_precision",
    "release_year",
    "release_decade",
  ).toRecords() as unknown as {
    release_date: Date;
    release_date_precision: string;
    release_year: number;
    release_decade: number;
  }[];
  const precisions = new Set(rows.map((r) => r.release_date_precision));
  assert.ok(precisions.has("day") && (precisions.has("month") || precisions.has("year")));
  assert.equal(String(albums.getColumn("release_date").dtype), "DataType(Date)");
  for (const row of rows) {
    const date = new Date(row.release_date);
    assert.equal(date.getUTCFullYear(), row.release_year);
    assert.equal(row.release_decade, Math.floor(row.release_year / 10) * 10);
    if (row.release_date_precision === "year") assert.equal(date.getUTCMonth(), 0);
    if (row.release_date_precision !== "day") assert.equal(date.getUTCDate(), 1);
  }
});

Deno.test("tracksFrame() gives minutes, primary and all artists, album name and year", async () => {
  const { tracks, collaborations } = await frames("extended");
  const album = catalog.albums.find((a) => a.artist_ids[0] === catalog.artists[0]!.id)!;
  const first = album.tracks[0]!;
  const row = tracks.filter(pl.col("id").eq(pl.lit(first.id))).toRecords()[0]!;
  assert.equal(row.duration_min, first.duration_ms / 60_000);
  assert.equal(row.album_name, album.name);
  assert.equal(row.release_year, Number(album.release_date.slice(0, 4)));
  assert.equal(row.primary_artist, catalog.artists.find((a) => a.id === first.artist_ids[0])!.name);
  assert.equal((row.artists as unknown as unknown[]).length, first.artist_ids.length);
  const expectedPairs = tracks.getColumn("artist_count").sum();
  assert.equal(collaborations.height, expectedPairs);
  assert.ok(collaborations.filter(pl.col("primary").not()).height > 0, "the sample has features");
});

Deno.test("playlistItemsFrame() types added_at as a UTC datetime and keeps who added each entry", async () => {
  await using t = await setup({ mode: "extended" });
  const playlist = catalog.playlists.find((p) => p.owner_id !== catalog.user.id)!;
  const df = playlistItemsFrame(await t.client.playlistItems(playlist.id));
  assert.equal(df.height, playlist.items.length);
  assert.equal(String(df.getColumn("added_at").dtype), "DataType(Datetime(ms,UTC))");
  const first = df.row(0);
  assert.equal(new Date(first[1] as Date).getTime(), Date.parse(playlist.items[0]!.added_at));
  assert.deepEqual(df.getColumn("added_by_id").toArray(), playlist.items.map((e) => e.added_by));
  assert.deepEqual(df.getColumn("position").toArray(), playlist.items.map((_, i) => i));
});
