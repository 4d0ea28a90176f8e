/**
 * The frames' one language: every column a frame builder makes, with its one type and meaning.
 * A name means the same thing, with the same type, in every frame: the row's own item is `id`,
 * `name`, `uri`; another item it points to is `<item>_id` and `<item>_name`; a length is
 * `duration_ms` (Int64) beside `duration_min` (Float64); an instant is `*_at` (Datetime in ms,
 * UTC); a calendar date is `release_date` (Date) with `release_date_precision`, `release_year`
 * and `release_decade` (Int64, e.g. 1990). A value the API leaves out is null, never 0 or NaN.
 *
 * @module
 */
import pl from "nodejs-polars";

/** A column: its type, and what it holds (one line, for the README's table). */
export interface ColumnInfo {
  /** The polars type, the same in every frame that has the column. */
  dtype: pl.DataType;
  /** What the column holds. */
  about: string;
}

const text = (about: string): ColumnInfo => ({ dtype: pl.Utf8, about });
const int = (about: string): ColumnInfo => ({ dtype: pl.Int64, about });
const float = (about: string): ColumnInfo => ({ dtype: pl.Float64, about });
const flag = (about: string): ColumnInfo => ({ dtype: pl.Bool, about });
const texts = (about: string): ColumnInfo => ({ dtype: pl.List(pl.Utf8), about });
const instant = (about: string): ColumnInfo => ({ dtype: pl.Datetime("ms", "UTC"), about });

/**
 * Every column of every frame builder, by name: its type and meaning.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { COLUMNS } from "./columns.ts";
 * assert.ok(COLUMNS.release_decade.dtype.equals(pl.Int64));
 * assert.match(COLUMNS.duration_min.about, /minutes/);
 * ```
 */
export const COLUMNS = {
  // The row's own item.
  id: text("Spotify id of the row's item"),
  name: text("the item's name (title of a track, album, show, episode, book, chapter, playlist)"),
  uri: text("Spotify URI of the row's item (`spotify:track:…`)"),
  image_url: text("URL of the item's widest image"),
  description: text("the item's description, as plain text"),
  explicit: flag("marked explicit"),
  popularity: int("0–100 (Extended Quota Mode only; null in Development Mode)"),
  languages: texts("languages, as codes (`en`, `sv`)"),
  publisher: text("publisher (null in Development Mode)"),
  media_type: text("`audio` or `mixed`"),
  // Artists.
  followers: int("followers (Extended Quota Mode only)"),
  genres: texts("genres (Extended Quota Mode only)"),
  primary_artist: text("name of the first credited artist"),
  primary_artist_id: text("id of the first credited artist"),
  artists: texts("every credited artist's name, in credit order"),
  artist_ids: texts("every credited artist's id, in credit order"),
  artist_count: int("how many artists are credited"),
  artist_id: text("id of the artist of the row"),
  artist_name: text("name of the artist of the row"),
  primary: flag("whether the artist is the first credited"),
  // Albums and tracks.
  album_id: text("id of the track's album"),
  album_name: text("name of the track's album"),
  album_type: text("`album`, `single` or `compilation`"),
  album_group: text("how the album relates to the artist (Extended Quota Mode only)"),
  total_tracks: int("tracks on the album"),
  label: text("record label (Extended Quota Mode only)"),
  upc: text("the album's UPC barcode"),
  track_id: text("id of the track of the row"),
  track_name: text("name of the track of the row"),
  track_number: int("the track's number on its disc"),
  disc_number: int("the disc the track is on"),
  isrc: text("the recording's ISRC"),
  duration_ms: int("length in milliseconds"),
  duration_min: float("length in minutes (`duration_ms` / 60,000)"),
  position: int("0-based place in its list (a playlist's entries, a track's artists)"),
  // Release dates.
  release_date: {
    dtype: pl.Date,
    about: "release date; a year alone is 1 January, a month its 1st",
  },
  release_date_precision: text("`year`, `month` or `day`: how much of `release_date` is known"),
  release_year: int("year of `release_date`"),
  release_decade: int("decade of `release_date`, as its first year (1990)"),
  // Playlists.
  owner_id: text("id of the playlist's owner"),
  owner_name: text("display name of the playlist's owner"),
  public: flag("whether the playlist is public"),
  collaborative: flag("whether others may add to the playlist"),
  total_items: int("entries in the playlist (tracks and episodes)"),
  snapshot_id: text("version of the playlist"),
  added_at: instant("when the entry was added (null for very old playlists)"),
  added_by_id: text("id of the user who added the entry"),
  is_local: flag("a local file, not a Spotify item"),
  item_type: text("`track` or `episode` (null when the item is unavailable)"),
  // Podcasts and audiobooks.
  show_id: text("id of the episode's show"),
  show_name: text("name of the episode's show"),
  total_episodes: int("episodes of the show"),
  authors: texts("the book's authors"),
  narrators: texts("the book's narrators"),
  edition: text("the book's edition"),
  total_chapters: int("chapters of the book"),
  audiobook_id: text("id of the chapter's book"),
  audiobook_name: text("name of the chapter's book"),
  chapter_number: int("the chapter's number in its book"),
  resume_position_ms: int("where you stopped, in ms (needs `user-read-playback-position`)"),
  resume_position_min: float("where you stopped, in minutes"),
  fully_played: flag("whether you finished it"),
  // Your listening.
  played_at: instant("when the play ended"),
  hour: int("hour of the play, 0–23, in the chosen time zone"),
  weekday: text("day of the play, `Mon`…`Sun`, in the chosen time zone"),
  context_type: text("what it was played from: `playlist`, `album`, `artist`"),
  time_range: text("`short_term`, `medium_term` or `long_term`"),
  rank: int("1 for the most played in that time range"),
  session: int("the session's number, 1 for the oldest"),
  started_at: instant("when the first play of the session started"),
  ended_at: instant("when the last play of the session ended"),
  plays: int("how many plays"),
  minutes: float("minutes listened"),
  // The privacy export (`readStreamingHistory`), which names items as the export does.
  ms_played: int("milliseconds listened"),
  kind: text("`track`, `episode` or `audiobook` (null when the play names none)"),
  track: text("track name, as the export gives it"),
  artist: text("artist name, as the export gives it"),
  album: text("album name, as the export gives it"),
  track_uri: text("Spotify URI of the track"),
  episode: text("episode name"),
  show: text("show name"),
  episode_uri: text("Spotify URI of the episode"),
  audiobook: text("audiobook title"),
  audiobook_uri: text("Spotify URI of the audiobook"),
  chapter: text("chapter title"),
  chapter_uri: text("Spotify URI of the chapter"),
  platform: text("the device's platform"),
  country: text("country code of the play"),
  reason_start: text("why the play started (`trackdone`, `clickrow`, …)"),
  reason_end: text("why the play ended (`endplay`, `fwdbtn`, …)"),
  shuffle: flag("shuffle was on"),
  skipped: flag("the play was skipped"),
  offline: flag("played offline"),
  incognito: flag("played in a private session"),
  source: text("`basic` or `extended`: the export file's shape"),
  file: text("the export file the play comes from"),
} as const satisfies Record<string, ColumnInfo>;

/** The name of a column of {@linkcode COLUMNS}. */
export type ColumnName = keyof typeof COLUMNS;

/**
 * A polars type as the README writes it: `String`, `Int64`, `List(String)`, `Datetime(ms, UTC)`.
 *
 * @param dtype A polars type (of a frame, or of {@linkcode COLUMNS}).
 * @returns Its short name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { dtypeName } from "./columns.ts";
 * assert.equal(dtypeName(pl.List(pl.Utf8)), "List(String)");
 * assert.equal(dtypeName(pl.Datetime("ms", "UTC")), "Datetime(ms, UTC)");
 * ```
 */
export function dtypeName(dtype: pl.DataType): string {
  let name = String(dtype);
  while (name.includes("DataType(")) {
    name = name.replace(/DataType\(((?:[^()]|\([^()]*\))*)\)/, "$1");
  }
  return name.replaceAll("Utf8", "String").replace(/,(?=\S)/g, ", ");
}
