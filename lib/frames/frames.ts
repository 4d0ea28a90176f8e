/**
 * Frame builders of the catalog: one call from API objects to the table an analyst wants, with
 * the same columns and types whatever the app's mode (fields the mode lacks become null columns:
 * `popularity`, `followers`, `genres`, `label`, `album_group` in Development Mode). Every column
 * has one name and one type in every builder (`lib/frames/columns.ts`; the README's table). A
 * `null` item, which several-at-once reads give for an unknown id, is a row of nulls: row `i` is
 * still item `i`.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { Album, Artist, Episode, Playlist, PlaylistEntry, Track } from "../api/types.ts";
import { WEEKDAYS } from "./_clock.ts";
import { frame, rowIndex } from "./_frame_kit.ts";
import { instantMs } from "./_api_dates.ts";
import { artistSpecs, creditSpecs, releaseSpecs, trackSpecs } from "./_specs.ts";

/**
 * One row per artist: `id`, `name`, `popularity`, `followers`, `genres`, `image_url` (the widest
 * image), `uri`. In Development Mode `popularity`, `followers` and `genres` are null.
 *
 * @param artists Artists, simplified or full; a null one is a row of nulls.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { artistsFrame } from "./frames.ts";
 * const df = artistsFrame([{ id: "a", name: "A" }, null]);
 * assert.equal(df.getColumn("popularity").nullCount(), 2);
 * assert.deepEqual(df.getColumn("id").toArray(), ["a", null]);
 * ```
 */
export function artistsFrame(artists: readonly (Artist | null)[]): pl.DataFrame {
  return frame(artists, artistSpecs(), { builder: "artistsFrame" });
}

/**
 * One row per album: `id`, `name`, `album_type`, `album_group`, `total_tracks`, `release_date`
 * (a Date at its precision: a year alone is 1 January), `release_date_precision`,
 * `release_year`, `release_decade` (e.g. 1990), `primary_artist`, `primary_artist_id`, `artists`,
 * `artist_ids`, `label`, `popularity`, `upc`, `image_url`, `uri`. Spotify's placeholder date
 * (`0000`) is null.
 *
 * @param albums Albums, simplified or full; a null one is a row of nulls.
 * @returns The DataFrame.
 * @throws {TypeError} When a `release_date` is not text or not a real date.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { albumsFrame } from "./frames.ts";
 * const df = albumsFrame([
 *   { id: "a", release_date: "1994-03", release_date_precision: "month" },
 *   { id: "b", release_date: "0000", release_date_precision: "year" },
 * ]);
 * assert.deepEqual(df.getColumn("release_decade").toArray(), [1990, null]);
 * assert.throws(() => albumsFrame([{ id: "c", release_date: "1994-13" }]), {
 *   message: 'Cannot build albumsFrame(): release_date of item 0 (id "c") is "1994-13", not a real date (YYYY, YYYY-MM or YYYY-MM-DD)',
 * });
 * ```
 */
export function albumsFrame(albums: readonly (Album | null)[]): pl.DataFrame {
  return frame(albums, [
    ["id", (a) => a.id],
    ["name", (a) => a.name],
    ["album_type", (a) => a.album_type],
    ["album_group", (a) => a.album_group],
    ["total_tracks", (a) => a.total_tracks],
    ...releaseSpecs((a: Album) => a),
    ...creditSpecs((a: Album) => a.artists),
    ["label", (a) => a.label],
    ["popularity", (a) => a.popularity],
    ["upc", (a) => a.external_ids?.upc],
    ["image_url", (a) => a.images?.[0]?.url],
    ["uri", (a) => a.uri],
  ], { builder: "albumsFrame" });
}

/**
 * One row per track: `id`, `name`, `duration_ms`, `duration_min`, `explicit`, `track_number`,
 * `disc_number`, `popularity` (null in Development Mode), `primary_artist`, `primary_artist_id`,
 * `artists`, `artist_ids`, `artist_count`, `album_id`, `album_name`, `album_type`,
 * `release_date` (Date), `release_date_precision`, `release_year`, `release_decade` (e.g. 1990),
 * `isrc`, `uri`. Album columns are null for an album's own simplified tracks. A missing length is
 * null in both duration columns, never 0.
 *
 * @param tracks Tracks, full or simplified (with `album` set, as `fetchDiscography` gives them);
 * a null one (an unknown id in `client.tracks(ids)`) is a row of nulls.
 * @returns The DataFrame.
 * @throws {TypeError} When a value has the wrong type (`duration_ms` text, say), naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tracksFrame } from "./frames.ts";
 * const df = tracksFrame([{ id: "t", duration_ms: 90_000, artists: [{ name: "A" }, { name: "B" }] }]);
 * assert.equal(df.getColumn("duration_min").get(0), 1.5);
 * assert.equal(df.getColumn("primary_artist").get(0), "A");
 * assert.equal(tracksFrame([{ id: "u" }]).getColumn("duration_min").nullCount(), 1);
 * ```
 */
export function tracksFrame(tracks: readonly (Track | null)[]): pl.DataFrame {
  return frame(tracks, trackSpecs((t: Track) => t), { builder: "tracksFrame" });
}

/**
 * One row per (track, artist), for collaborations: `track_id`, `track_name`, `artist_id`,
 * `artist_name`, `position` (0 for the primary artist), `primary`, `artist_count`. A null track
 * has no rows.
 *
 * @param tracks Tracks.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trackArtistsFrame } from "./frames.ts";
 * const df = trackArtistsFrame([{ id: "t", artists: [{ id: "a", name: "A" }, { id: "b", name: "B" }] }]);
 * assert.equal(df.height, 2);
 * assert.equal(df.getColumn("primary").toArray()[1], false);
 * ```
 */
export function trackArtistsFrame(tracks: readonly (Track | null)[]): pl.DataFrame {
  const rows = tracks.flatMap((track) =>
    (Array.isArray(track?.artists) ? track.artists : []).map((artist, position) => ({
      track: track!,
      artist: artist ?? {},
      position,
    }))
  );
  return frame(rows, [
    ["track_id", (r) => r.track.id],
    ["track_name", (r) => r.track.name],
    ["artist_id", (r) => r.artist.id],
    ["artist_name", (r) => r.artist.name],
    ["position", (r) => r.position],
    ["primary", (r) => r.position === 0],
    ["artist_count", (r) => r.track.artists?.length],
  ], { builder: "trackArtistsFrame" });
}

/**
 * One row per playlist: `id`, `name`, `owner_id`, `owner_name`, `public`, `collaborative`,
 * `total_items` (tracks and episodes), `description`, `snapshot_id`, `image_url`, `uri`.
 *
 * @param playlists Playlists, as `client.myPlaylists()` or `client.playlist(id)` give them.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { playlistsFrame } from "./frames.ts";
 * const df = playlistsFrame([{ id: "p", owner: { id: "me" }, items: { total: 12 } }]);
 * assert.equal(df.getColumn("total_items").get(0), 12);
 * assert.equal(df.getColumn("owner_id").get(0), "me");
 * ```
 */
export function playlistsFrame(playlists: readonly (Playlist | null)[]): pl.DataFrame {
  return frame(playlists, [
    ["id", (p) => p.id],
    ["name", (p) => p.name],
    ["owner_id", (p) => p.owner?.id],
    ["owner_name", (p) => p.owner?.display_name],
    ["public", (p) => p.public],
    ["collaborative", (p) => p.collaborative],
    ["total_items", (p) => (p.items ?? p.tracks)?.total],
    ["description", (p) => p.description],
    ["snapshot_id", (p) => p.snapshot_id],
    ["image_url", (p) => p.images?.[0]?.url],
    ["uri", (p) => p.uri],
  ], { builder: "playlistsFrame" });
}

/**
 * One row per playlist entry: `position`, `added_at` (Datetime, UTC; null for very old
 * playlists), `added_by_id`, `is_local`, `item_type` (`track` or `episode`; null when the item is
 * unavailable), then the track's columns as in {@linkcode tracksFrame}, then `show_id` and
 * `show_name`. An episode fills `name`, the durations, `explicit`, its own release date and its
 * show; its album and artist columns are null. Reads `item`, or the older `track`.
 *
 * @param entries Playlist entries, as `client.playlistItems()` gives them.
 * @returns The DataFrame.
 * @throws {TypeError} When `added_at` is not a real time, or a value has the wrong type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { playlistItemsFrame } from "./frames.ts";
 * const df = playlistItemsFrame([{ added_at: "2026-01-02T03:04:05Z", track: { id: "t", type: "track" } }]);
 * assert.equal(df.getColumn("id").get(0), "t");
 * assert.equal(df.getColumn("item_type").get(0), "track");
 * ```
 */
export function playlistItemsFrame(entries: readonly (PlaylistEntry | null)[]): pl.DataFrame {
  const item = (e: PlaylistEntry) => e.item ?? e.track;
  const show = (e: PlaylistEntry) => (item(e) as Episode | null | undefined)?.show;
  return frame(entries, [
    ["position", rowIndex],
    ["added_at", (e) => instantMs(e.added_at, "added_at")],
    ["added_by_id", (e) => e.added_by?.id || undefined],
    ["is_local", (e) => e.is_local],
    ["item_type", (e) => item(e)?.type],
    ...trackSpecs(item),
    ["show_id", (e) => show(e)?.id],
    ["show_name", (e) => show(e)?.name],
  ], { builder: "playlistItemsFrame" });
}

/** The weekdays in order, Monday first: the y domain of a listening heatmap. */
export const WEEKDAY_ORDER: readonly string[] = WEEKDAYS;
