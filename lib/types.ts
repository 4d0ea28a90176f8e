/**
 * Types of the Web API's objects (`spotify-web-api.md` §4). Every field is optional, because the API
 * really omits them: Development Mode strips `popularity`, `followers`, `genres`, `available_markets`,
 * `label`, `album_group`, `linked_from`, and the spec marks almost nothing required. One constant
 * lives here too, `TIME_RANGES`, the values of {@linkcode TimeRange}.
 *
 * @module
 */

/** `{ spotify: url }`. */
export interface ExternalUrls {
  spotify?: string;
}

/** An image, widest first in lists. */
export interface Image {
  url?: string;
  height?: number | null;
  width?: number | null;
}

/** Fields every catalog object has. */
export interface ObjectBase {
  id?: string;
  name?: string;
  href?: string;
  uri?: string;
  type?: string;
  external_urls?: ExternalUrls;
}

/** Artist, simplified or full. */
export interface Artist extends ObjectBase {
  images?: Image[];
  /** Extended only. */
  followers?: { href?: null; total?: number };
  /** Extended only (in practice). */
  genres?: string[];
  /** Extended only. */
  popularity?: number;
}

/** `release_date`'s precision. */
export type ReleaseDatePrecision = "year" | "month" | "day";

/** Album, simplified or full. */
export interface Album extends ObjectBase {
  album_type?: "album" | "single" | "compilation";
  /** Artist albums, Extended only. */
  album_group?: "album" | "single" | "compilation" | "appears_on";
  total_tracks?: number;
  available_markets?: string[];
  images?: Image[];
  release_date?: string;
  release_date_precision?: ReleaseDatePrecision;
  artists?: Artist[];
  is_playable?: boolean;
  restrictions?: { reason?: string };
  /** Full albums only. */
  tracks?: Paging<Track>;
  copyrights?: { text?: string; type?: "C" | "P" }[];
  external_ids?: { upc?: string; ean?: string; isrc?: string };
  genres?: string[];
  label?: string;
  popularity?: number;
}

/** Track, simplified or full. */
export interface Track extends ObjectBase {
  artists?: Artist[];
  available_markets?: string[];
  disc_number?: number;
  duration_ms?: number;
  explicit?: boolean;
  is_playable?: boolean;
  is_local?: boolean;
  preview_url?: string | null;
  track_number?: number;
  restrictions?: { reason?: string };
  linked_from?: ObjectBase;
  /** Full tracks only. */
  album?: Album;
  external_ids?: { isrc?: string; ean?: string; upc?: string };
  popularity?: number;
}

/** A playlist owner or `added_by` user. */
export interface PublicUser extends ObjectBase {
  display_name?: string | null;
}

/** One entry of a playlist: Development Mode says `item`, Extended may say `track`. */
export interface PlaylistEntry {
  added_at?: string | null;
  added_by?: PublicUser | null;
  is_local?: boolean;
  item?: Track | null;
  track?: Track | null;
}

/** Playlist, simplified (entries as `{href,total}`) or full (entries as a page). */
export interface Playlist extends ObjectBase {
  collaborative?: boolean;
  description?: string | null;
  images?: Image[] | null;
  owner?: PublicUser;
  public?: boolean | null;
  snapshot_id?: string;
  items?: Paging<PlaylistEntry> | { href?: string; total?: number };
  tracks?: Paging<PlaylistEntry> | { href?: string; total?: number };
}

/** An offset paging object. */
export interface Paging<T> {
  href?: string;
  items?: (T | null)[];
  limit?: number;
  next?: string | null;
  offset?: number;
  previous?: string | null;
  total?: number;
}

/** What `GET /search` answers: one page per requested type. */
export interface SearchResult {
  artists?: Paging<Artist>;
  albums?: Paging<Album>;
  tracks?: Paging<Track>;
  playlists?: Paging<Playlist>;
}

/** The types `GET /search` can look for here. */
export type SearchType = "artist" | "album" | "track" | "playlist";

/** How far back `top` items look: about 4 weeks, 6 months, or a year. */
export type TimeRange = "short_term" | "medium_term" | "long_term";

/** Every time range, shortest first. */
export const TIME_RANGES: readonly TimeRange[] = ["short_term", "medium_term", "long_term"];

/** The private profile of the signed-in user (`GET /me`). */
export interface UserProfile {
  id?: string;
  account_id?: string;
  display_name?: string | null;
  country?: string;
  product?: string;
  images?: { url?: string }[];
  uri?: string;
}

/** A play (`GET /me/player/recently-played`). */
export interface PlayHistory {
  track?: Track;
  played_at?: string;
  context?: { type?: string; uri?: string } | null;
}

/** A saved track or album with when it was saved. */
export interface Saved<K extends "track" | "album"> {
  added_at?: string;
  track?: K extends "track" ? Track : never;
  album?: K extends "album" ? Album : never;
}

/** A top item with its time range and rank (1 = most listened). */
export type Ranked<T> = T & { time_range: TimeRange; rank: number };
