/**
 * Frame builders: one call from API objects to the table an analyst wants, with the same columns
 * and types whatever the app's mode (fields the mode lacks become null columns: `popularity`,
 * `followers`, `genres`, `label`, `album_group` in Development Mode).
 *
 * @module
 */
import pl from "nodejs-polars";
import type {
  Album,
  Artist,
  Episode,
  PlayHistory,
  PlaylistEntry,
  Ranked,
  ReleaseDatePrecision,
  Saved,
  Track,
} from "../api/types.ts";
import { clockIn, WEEKDAYS } from "./_clock.ts";
import { asDate, frame, instants, type Spec } from "./_frame_kit.ts";

/** `release_date` at its precision as a full date: `"1999"` → `1999-01-01`, `"1999-07"` → `1999-07-01`. */
export function releaseDay(
  album: { release_date?: string; release_date_precision?: ReleaseDatePrecision } | undefined,
): string | undefined {
  const date = album?.release_date;
  if (date === undefined || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return undefined;
  const precision = album?.release_date_precision ??
    (date.length === 4 ? "year" : date.length === 7 ? "month" : "day");
  if (precision === "year") return `${date.slice(0, 4)}-01-01`;
  if (precision === "month") return `${date.slice(0, 7)}-01`;
  return date;
}

/**
 * The year of a release date at its precision.
 *
 * @param album An album or episode (anything with `release_date`).
 * @returns The year, or `undefined` when there is no readable date.
 */
export function releaseYear(album: Album | Episode | undefined): number | undefined {
  const day = releaseDay(album);
  return day === undefined ? undefined : Number(day.slice(0, 4));
}

const names = (artists: Artist[] | undefined) => (artists ?? []).map((a) => a.name ?? "");

/**
 * One row per artist: `id`, `name`, `popularity`, `followers`, `genres`, `image_url` (the widest
 * image), `uri`. In Development Mode `popularity`, `followers` and `genres` are null.
 *
 * @param artists Artists, simplified or full.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { artistsFrame } from "./frames.ts";
 * const df = artistsFrame([{ id: "a", name: "A" }]);
 * assert.equal(df.getColumn("popularity").nullCount(), 1);
 * ```
 */
export function artistsFrame(artists: readonly Artist[]): pl.DataFrame {
  return frame(artists, [
    ["id", pl.Utf8, (a) => a.id],
    ["name", pl.Utf8, (a) => a.name],
    ["popularity", pl.Int64, (a) => a.popularity],
    ["followers", pl.Int64, (a) => a.followers?.total],
    ["genres", pl.List(pl.Utf8), (a) => a.genres],
    ["image_url", pl.Utf8, (a) => a.images?.[0]?.url],
    ["uri", pl.Utf8, (a) => a.uri],
  ]);
}

/**
 * One row per album: `id`, `name`, `album_type`, `album_group`, `total_tracks`, `release_date` (a
 * Date honouring `release_date_precision`: a year alone is 1 January), `release_date_precision`,
 * `year`, `decade` (e.g. 1990), `primary_artist`, `artists` (every name), `label`, `popularity`,
 * `upc`, `image_url`, `uri`.
 *
 * @param albums Albums, simplified or full.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { albumsFrame } from "./frames.ts";
 * const df = albumsFrame([{ id: "a", release_date: "1994-03", release_date_precision: "month" }]);
 * assert.equal(df.getColumn("decade").get(0), 1990);
 * ```
 */
export function albumsFrame(albums: readonly Album[]): pl.DataFrame {
  const df = frame(albums, [
    ["id", pl.Utf8, (a) => a.id],
    ["name", pl.Utf8, (a) => a.name],
    ["album_type", pl.Utf8, (a) => a.album_type],
    ["album_group", pl.Utf8, (a) => a.album_group],
    ["total_tracks", pl.Int64, (a) => a.total_tracks],
    ["release_date", pl.Utf8, (a) => releaseDay(a)],
    ["release_date_precision", pl.Utf8, (a) => a.release_date_precision],
    ["year", pl.Int64, (a) => releaseYear(a)],
    ["decade", pl.Int64, (a) => {
      const year = releaseYear(a);
      return year === undefined ? undefined : Math.floor(year / 10) * 10;
    }],
    ["primary_artist", pl.Utf8, (a) => a.artists?.[0]?.name],
    ["artists", pl.List(pl.Utf8), (a) => names(a.artists)],
    ["label", pl.Utf8, (a) => a.label],
    ["popularity", pl.Int64, (a) => a.popularity],
    ["upc", pl.Utf8, (a) => a.external_ids?.upc],
    ["image_url", pl.Utf8, (a) => a.images?.[0]?.url],
    ["uri", pl.Utf8, (a) => a.uri],
  ]);
  return asDate(df, "release_date");
}

/**
 * The columns of a track, shared by {@linkcode tracksFrame} and {@linkcode playlistItemsFrame}. An
 * episode (in a playlist) fills what it shares with a track, and its own release date.
 */
function trackSpecs<T>(track: (item: T) => Track | Episode | null | undefined): Spec<T>[] {
  const of = (read: (t: Track & Episode) => unknown) => (item: T) => {
    const t = track(item);
    return t == null ? undefined : read(t as Track & Episode);
  };
  /** Where the release date is: the album's for a track, its own for an episode. */
  const released = (t: Track & Episode) => t.type === "episode" ? t : t.album;
  return [
    ["id", pl.Utf8, of((t) => t.id)],
    ["name", pl.Utf8, of((t) => t.name)],
    [
      "duration_min",
      pl.Float64,
      of((t) => t.duration_ms === undefined ? undefined : t.duration_ms / 60_000),
    ],
    ["explicit", pl.Bool, of((t) => t.explicit)],
    ["track_number", pl.Int64, of((t) => t.track_number)],
    ["disc_number", pl.Int64, of((t) => t.disc_number)],
    ["popularity", pl.Int64, of((t) => t.popularity)],
    ["primary_artist", pl.Utf8, of((t) => t.artists?.[0]?.name)],
    ["primary_artist_id", pl.Utf8, of((t) => t.artists?.[0]?.id)],
    ["artists", pl.List(pl.Utf8), of((t) => names(t.artists))],
    ["artist_count", pl.Int64, of((t) => t.artists?.length ?? 0)],
    ["album_id", pl.Utf8, of((t) => t.album?.id)],
    ["album_name", pl.Utf8, of((t) => t.album?.name)],
    ["album_type", pl.Utf8, of((t) => t.album?.album_type)],
    ["release_date", pl.Utf8, of((t) => releaseDay(released(t)))],
    ["release_year", pl.Int64, of((t) => releaseYear(released(t)))],
    [
      "release_decade",
      pl.Utf8,
      of((t) => {
        const year = releaseYear(released(t));
        return year === undefined ? undefined : `${Math.floor(year / 10) * 10}s`;
      }),
    ],
    ["isrc", pl.Utf8, of((t) => t.external_ids?.isrc)],
    ["uri", pl.Utf8, of((t) => t.uri)],
  ];
}

/**
 * One row per track: `id`, `name`, `duration_min`, `explicit`, `track_number`, `disc_number`,
 * `popularity` (null in Development Mode), `primary_artist`, `primary_artist_id`, `artists` (every
 * name), `artist_count`, `album_id`, `album_name`, `album_type`, `release_date` (Date),
 * `release_year`, `release_decade` (e.g. `1990s`), `isrc`, `uri`. Album columns are null for an album's own simplified tracks.
 *
 * @param tracks Tracks, full or simplified (with `album` set, as `fetchDiscography` gives them).
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tracksFrame } from "./frames.ts";
 * const df = tracksFrame([{ id: "t", duration_ms: 90_000, artists: [{ name: "A" }, { name: "B" }] }]);
 * assert.equal(df.getColumn("duration_min").get(0), 1.5);
 * assert.equal(df.getColumn("primary_artist").get(0), "A");
 * ```
 */
export function tracksFrame(tracks: readonly Track[]): pl.DataFrame {
  return asDate(frame(tracks, trackSpecs((t: Track) => t)), "release_date");
}

/**
 * One row per (track, artist), for collaborations: `track_id`, `track_name`, `artist_id`,
 * `artist_name`, `position` (0 for the primary artist), `primary`, `artist_count`.
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
export function trackArtistsFrame(tracks: readonly Track[]): pl.DataFrame {
  const rows = tracks.flatMap((track) =>
    (track.artists ?? []).map((artist, position) => ({ track, artist, position }))
  );
  return frame(rows, [
    ["track_id", pl.Utf8, (r) => r.track.id],
    ["track_name", pl.Utf8, (r) => r.track.name],
    ["artist_id", pl.Utf8, (r) => r.artist.id],
    ["artist_name", pl.Utf8, (r) => r.artist.name],
    ["position", pl.Int64, (r) => r.position],
    ["primary", pl.Bool, (r) => r.position === 0],
    ["artist_count", pl.Int64, (r) => r.track.artists?.length ?? 0],
  ]);
}

/**
 * One row per playlist entry: `position`, `added_at` (Datetime, UTC), `added_by`, `is_local`,
 * `item_type` (`track` or `episode`; null when the item is unavailable), then the track's columns as
 * in {@linkcode tracksFrame}. An episode fills `name`, `duration_min`, `explicit`, its own
 * `release_date` and `show_name`; its album and artist columns are null. Reads `item`, or the older
 * `track`.
 *
 * @param entries Playlist entries, as `client.playlistItems()` gives them.
 * @returns The DataFrame.
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
export function playlistItemsFrame(entries: readonly PlaylistEntry[]): pl.DataFrame {
  const item = (e: PlaylistEntry) => e.item ?? e.track;
  const df = frame(entries, [
    ["position", pl.Int64, (_e, i) => i],
    ["added_by", pl.Utf8, (e) => e.added_by?.id || undefined],
    ["is_local", pl.Bool, (e) => e.is_local],
    ["item_type", pl.Utf8, (e) => item(e)?.type],
    ...trackSpecs(item),
    ["show_name", pl.Utf8, (e) => (item(e) as Episode | null | undefined)?.show?.name],
  ]);
  return asDate(
    df.withColumns(instants("added_at", entries.map((e) => e.added_at))).select(
      "position",
      "added_at",
      ...df.columns.filter((c) => c !== "position"),
    ),
    "release_date",
  );
}

/** The weekdays in order, Monday first: the y domain of a listening heatmap. */
export const WEEKDAY_ORDER: readonly string[] = WEEKDAYS;

/**
 * One row per play: `played_at` (Datetime, UTC), `hour` and `weekday` in `timeZone`,
 * `context_type` (playlist, album, artist), then the track's columns as in {@linkcode tracksFrame}.
 *
 * @param plays Plays, as `client.recentlyPlayed()` gives them.
 * @param options The time zone of `hour` and `weekday` (default: this machine's).
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { playsFrame } from "./frames.ts";
 * const df = playsFrame([{ played_at: "2026-11-20T18:30:00.000Z", track: { id: "t" } }], { timeZone: "UTC" });
 * assert.equal(df.getColumn("hour").get(0), 18);
 * assert.equal(df.getColumn("weekday").get(0), "Fri");
 * ```
 */
export function playsFrame(
  plays: readonly PlayHistory[],
  options: { timeZone?: string } = {},
): pl.DataFrame {
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const clock = clockIn(timeZone);
  const clocks = plays.map((p) => clock(p.played_at === undefined ? NaN : Date.parse(p.played_at)));
  const df = frame(plays, [
    ["hour", pl.Int64, (_p, i) => clocks[i]!.hour],
    ["weekday", pl.Utf8, (_p, i) => clocks[i]!.weekday],
    ["context_type", pl.Utf8, (p) => p.context?.type],
    ...trackSpecs((p: PlayHistory) => p.track),
  ]);
  return asDate(
    df.withColumns(instants("played_at", plays.map((p) => p.played_at)))
      .select("played_at", ...df.columns),
    "release_date",
  );
}

/**
 * One row per saved track: `added_at` (Datetime, UTC), then the track's columns.
 *
 * @param saved Saved tracks, as `client.savedTracks()` gives them.
 * @returns The DataFrame.
 */
export function savedTracksFrame(saved: readonly Saved<"track">[]): pl.DataFrame {
  const df = frame(saved, trackSpecs((s: Saved<"track">) => s.track));
  return asDate(
    df.withColumns(instants("added_at", saved.map((s) => s.added_at))).select(
      "added_at",
      ...df.columns,
    ),
    "release_date",
  );
}

/**
 * Top tracks as a frame: `time_range`, `rank`, then the track's columns.
 *
 * @param items Tracks, as `client.topTracks()` gives them.
 * @returns The DataFrame.
 */
export function topTracksFrame(items: readonly Ranked<Track>[]): pl.DataFrame {
  const ranks = frame(items, [
    ["time_range", pl.Utf8, (t) => t.time_range],
    ["rank", pl.Int64, (t) => t.rank],
  ]);
  return pl.DataFrame([...ranks.getColumns(), ...tracksFrame(items).getColumns()]);
}

/**
 * Top artists as a frame: `time_range`, `rank`, then the columns of {@linkcode artistsFrame}.
 *
 * @param items Artists, as `client.topArtists()` gives them.
 * @returns The DataFrame.
 */
export function topArtistsFrame(items: readonly Ranked<Artist>[]): pl.DataFrame {
  const ranks = frame(items, [
    ["time_range", pl.Utf8, (a) => a.time_range],
    ["rank", pl.Int64, (a) => a.rank],
  ]);
  return pl.DataFrame([...ranks.getColumns(), ...artistsFrame(items).getColumns()]);
}
