/**
 * Types of the Web API's objects (`spotify-web-api.md` §4). Every field is optional, because the API
 * really omits them: Development Mode strips `popularity`, `followers`, `genres`, `available_markets`,
 * `label`, `album_group`, `linked_from`, and the spec marks almost nothing required. This module
 * holds playlists and search, and re-exports the music catalog's objects (`_types_music.ts`), the
 * spoken-word objects (`_types_spoken.ts`) and the user's (`_types_user.ts`, with one constant: `TIME_RANGES`, the
 * values of `TimeRange`).
 *
 * @module
 */
import type {
  Album,
  Artist,
  Image,
  ObjectBase,
  Paging,
  PublicUser,
  Track,
} from "./_types_music.ts";
import type { Audiobook, Episode, Show } from "./_types_spoken.ts";

/** One entry of a playlist: Development Mode says `item`, Extended may say `track`. */
export interface PlaylistEntry {
  /** When it was added (ISO 8601 UTC). */
  added_at?: string | null;
  /** Who added it, or `null` on old or Spotify-made playlists. */
  added_by?: PublicUser | null;
  /** Whether the entry is a local file. */
  is_local?: boolean;
  /** A track, or an episode (`type: "episode"`) in a playlist that mixes podcasts in. */
  item?: Track | Episode | null;
  /** The same item under its legacy name (deprecated; Extended only). */
  track?: Track | Episode | null;
}

/** Playlist, simplified (entries as `{href,total}`) or full (entries as a page). */
export interface Playlist extends ObjectBase {
  /** Whether other users may change the playlist. */
  collaborative?: boolean;
  /** The description, or `null`. */
  description?: string | null;
  /** Playlist images, widest first, or `null`. */
  images?: Image[] | null;
  /** The user who owns the playlist. */
  owner?: PublicUser;
  /** Whether the playlist is public, or `null` when not relevant. */
  public?: boolean | null;
  /** The playlist's version, changed by every edit. */
  snapshot_id?: string;
  /** The entries: a first page in full playlists, `{href, total}` in simplified ones. */
  items?: Paging<PlaylistEntry> | { href?: string; total?: number };
  /** The entries under their legacy name (deprecated; gone in Development Mode). */
  tracks?: Paging<PlaylistEntry> | { href?: string; total?: number };
}

/** What `GET /search` answers: one page per requested type. */
export interface SearchResult {
  /** Artists found. */
  artists?: Paging<Artist>;
  /** Albums found. */
  albums?: Paging<Album>;
  /** Tracks found. */
  tracks?: Paging<Track>;
  /** Playlists found. */
  playlists?: Paging<Playlist>;
  /** Shows found. */
  shows?: Paging<Show>;
  /** Episodes found. */
  episodes?: Paging<Episode>;
  /** Audiobooks found. */
  audiobooks?: Paging<Audiobook>;
}

/** The types `GET /search` can look for. */
export type SearchType =
  | "artist"
  | "album"
  | "track"
  | "playlist"
  | "show"
  | "episode"
  | "audiobook";

export * from "./_types_music.ts";
export * from "./_types_spoken.ts";
export * from "./_types_user.ts";
