/**
 * Types of the Web API's music catalog objects: artists, albums, tracks, users, and the paging
 * object every listing uses. Re-exported by `types.ts`.
 *
 * @module
 */
/** `{ spotify: url }`. */
export interface ExternalUrls {
  /** The object's page on open.spotify.com. */
  spotify?: string;
}

/** An image, widest first in lists. */
export interface Image {
  /** The image's address. */
  url?: string;
  /** Height in pixels, or `null` when unknown. */
  height?: number | null;
  /** Width in pixels, or `null` when unknown. */
  width?: number | null;
}

/** Fields every catalog object has. */
export interface ObjectBase {
  /** The Spotify ID. */
  id?: string;
  /** The name. */
  name?: string;
  /** The Web API address of the full object. */
  href?: string;
  /** The Spotify URI (`spotify:<type>:<id>`). */
  uri?: string;
  /** The object type, e.g. `artist`, `album`, `track`, `playlist` or `user`. */
  type?: string;
  /** Links outside the Web API. */
  external_urls?: ExternalUrls;
}

/** Artist, simplified or full. */
export interface Artist extends ObjectBase {
  /** Images of the artist, widest first. */
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
  /** Album, single or compilation. */
  album_type?: "album" | "single" | "compilation";
  /** Artist albums, Extended only. */
  album_group?: "album" | "single" | "compilation" | "appears_on";
  /** How many tracks the album has. */
  total_tracks?: number;
  /** ISO 3166-1 alpha-2 country codes where it can be played (Extended only). */
  available_markets?: string[];
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `release_date_precision` says. */
  release_date?: string;
  /** How precise `release_date` is. */
  release_date_precision?: ReleaseDatePrecision;
  /** The album's artists. */
  artists?: Artist[];
  /** Whether it can be played in the given market (only when a market applies). */
  is_playable?: boolean;
  /** Present when a restriction applies; `reason` is `market`, `product` or `explicit`. */
  restrictions?: { reason?: string };
  /** Full albums only. */
  tracks?: Paging<Track>;
  /** Copyright statements (`C` copyright, `P` performance copyright). */
  copyrights?: { text?: string; type?: "C" | "P" }[];
  /** Identifiers outside Spotify (ISRC, EAN, UPC). */
  external_ids?: { upc?: string; ean?: string; isrc?: string };
  /** Always empty (deprecated). */
  genres?: string[];
  /** The record label (Extended only). */
  label?: string;
  /** Popularity from 0 to 100 (Extended only). */
  popularity?: number;
}

/** Track, simplified or full. */
export interface Track extends ObjectBase {
  /** The track's artists. */
  artists?: Artist[];
  /** ISO 3166-1 alpha-2 country codes where it can be played (Extended only). */
  available_markets?: string[];
  /** The disc number (1 unless the album has several discs). */
  disc_number?: number;
  /** Length in milliseconds. */
  duration_ms?: number;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Whether it can be played in the given market (only when a market applies). */
  is_playable?: boolean;
  /** Whether it is a local file rather than a Spotify catalog item. */
  is_local?: boolean;
  /** A 30-second preview, or `null` when there is none (deprecated). */
  preview_url?: string | null;
  /** Position on its disc. */
  track_number?: number;
  /** Present when a restriction applies; `reason` is `market`, `product` or `explicit`. */
  restrictions?: { reason?: string };
  /** The originally requested track when track relinking replaced it (Extended only). */
  linked_from?: ObjectBase;
  /** Full tracks only. */
  album?: Album;
  /** Identifiers outside Spotify (ISRC, EAN, UPC). */
  external_ids?: { isrc?: string; ean?: string; upc?: string };
  /** Popularity from 0 to 100 (Extended only). */
  popularity?: number;
}

/** A playlist owner or `added_by` user. */
export interface PublicUser extends ObjectBase {
  /** The name shown on the profile, or `null`. */
  display_name?: string | null;
}

/** An offset paging object. */
export interface Paging<T> {
  /** The address of this page. */
  href?: string;
  /** The page's items (`null` where the API has an unavailable item). */
  items?: (T | null)[];
  /** The page size asked for. */
  limit?: number;
  /** Address of the next page, or `null` on the last page. */
  next?: string | null;
  /** Index of the page's first item. */
  offset?: number;
  /** Address of the previous page, or `null` on the first page. */
  previous?: string | null;
  /** How many items there are in all. */
  total?: number;
}
