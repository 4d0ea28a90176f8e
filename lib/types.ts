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
  /** A track, or an episode (`type: "episode"`) in a playlist that mixes podcasts in. */
  item?: Track | Episode | null;
  track?: Track | Episode | null;
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
  shows?: Paging<Show>;
  episodes?: Paging<Episode>;
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

/** Where a listener stopped in an episode or a chapter (scope `user-read-playback-position`). */
export interface ResumePoint {
  fully_played?: boolean;
  resume_position_ms?: number;
}

/** A podcast, simplified or full. Development Mode strips `available_markets` and `publisher`. */
export interface Show extends ObjectBase {
  available_markets?: string[];
  copyrights?: { text?: string; type?: string }[];
  description?: string;
  html_description?: string;
  explicit?: boolean;
  images?: Image[];
  is_externally_hosted?: boolean | null;
  languages?: string[];
  media_type?: string;
  /** Extended only. */
  publisher?: string;
  total_episodes?: number;
  /** Full shows only: the first page of episodes. */
  episodes?: Paging<Episode>;
}

/** An episode of a show, simplified (no `show`) or full. */
export interface Episode extends ObjectBase {
  audio_preview_url?: string | null;
  description?: string;
  html_description?: string;
  duration_ms?: number;
  explicit?: boolean;
  images?: Image[];
  is_externally_hosted?: boolean;
  is_playable?: boolean;
  language?: string;
  languages?: string[];
  release_date?: string;
  release_date_precision?: ReleaseDatePrecision;
  resume_point?: ResumePoint;
  restrictions?: { reason?: string };
  /** Full episodes only. */
  show?: Show;
}

/** An author or a narrator of an audiobook. */
export interface Person {
  name?: string;
}

/** An audiobook, simplified or full. Development Mode strips `available_markets` and `publisher`. */
export interface Audiobook extends ObjectBase {
  authors?: Person[];
  narrators?: Person[];
  available_markets?: string[];
  copyrights?: { text?: string; type?: string }[];
  description?: string;
  html_description?: string;
  edition?: string;
  explicit?: boolean;
  images?: Image[];
  languages?: string[];
  media_type?: string;
  /** Extended only. */
  publisher?: string;
  total_chapters?: number;
  /** Full audiobooks only: the first page of chapters. */
  chapters?: Paging<Chapter>;
}

/** A chapter of an audiobook, simplified (no `audiobook`) or full. */
export interface Chapter extends ObjectBase {
  audio_preview_url?: string | null;
  available_markets?: string[];
  chapter_number?: number;
  description?: string;
  html_description?: string;
  duration_ms?: number;
  explicit?: boolean;
  images?: Image[];
  is_playable?: boolean;
  languages?: string[];
  release_date?: string;
  release_date_precision?: ReleaseDatePrecision;
  resume_point?: ResumePoint;
  restrictions?: { reason?: string };
  /** Full chapters only. */
  audiobook?: Audiobook;
}

/** A browse category (Extended Quota Mode only). */
export interface Category {
  id?: string;
  name?: string;
  href?: string;
  icons?: Image[];
}

/** A device the user can play on. */
export interface Device {
  id?: string | null;
  is_active?: boolean;
  is_private_session?: boolean;
  is_restricted?: boolean;
  name?: string;
  type?: string;
  volume_percent?: number | null;
  supports_volume?: boolean;
}

/** What is playing (`GET /me/player/currently-playing`): a track or an episode. */
export interface CurrentlyPlaying {
  context?: { type?: string; uri?: string; href?: string } | null;
  timestamp?: number;
  progress_ms?: number | null;
  is_playing?: boolean;
  /** `null` when the item's type was not asked for (the client asks for tracks and episodes). */
  item?: Track | Episode | null;
  currently_playing_type?: "track" | "episode" | "ad" | "unknown" | string;
}

/** The playback state (`GET /me/player`): what is playing, on which device, how. */
export interface PlaybackState extends CurrentlyPlaying {
  device?: Device;
  repeat_state?: "off" | "track" | "context" | string;
  shuffle_state?: boolean;
}

/** The user's queue: what is playing and what comes next. */
export interface Queue {
  currently_playing?: Track | Episode | null;
  queue?: (Track | Episode)[];
}

/** The kinds of things a user saves to the library. */
export type SavedType = "track" | "album" | "show" | "episode" | "audiobook";

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

/** A saved track, album, show, episode or audiobook with when it was saved. */
export interface Saved<K extends SavedType> {
  added_at?: string;
  track?: K extends "track" ? Track : never;
  album?: K extends "album" ? Album : never;
  show?: K extends "show" ? Show : never;
  episode?: K extends "episode" ? Episode : never;
  audiobook?: K extends "audiobook" ? Audiobook : never;
}

/** A top item with its time range and rank (1 = most listened). */
export type Ranked<T> = T & { time_range: TimeRange; rank: number };
