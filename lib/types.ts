/**
 * Types of the Web API's objects (`spotify-web-api.md` §4). Every field is optional, because the API
 * really omits them: Development Mode strips `popularity`, `followers`, `genres`, `available_markets`,
 * `label`, `album_group`, `linked_from`, and the spec marks almost nothing required.
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
