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

/** Where a listener stopped in an episode or a chapter (scope `user-read-playback-position`). */
export interface ResumePoint {
  /** Whether it was played to the end. */
  fully_played?: boolean;
  /** Where playback stopped, in milliseconds. */
  resume_position_ms?: number;
}

/** A podcast, simplified or full. Development Mode strips `available_markets` and `publisher`. */
export interface Show extends ObjectBase {
  /** ISO 3166-1 alpha-2 country codes where it can be played (Extended only). */
  available_markets?: string[];
  /** Copyright statements. */
  copyrights?: { text?: string; type?: string }[];
  /** The description (plain text). */
  description?: string;
  /** The description with HTML tags. */
  html_description?: string;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** Whether the audio is hosted outside Spotify. */
  is_externally_hosted?: boolean | null;
  /** Languages, as ISO 639 codes. */
  languages?: string[];
  /** The media type, e.g. `audio`. */
  media_type?: string;
  /** Extended only. */
  publisher?: string;
  /** How many episodes the show has. */
  total_episodes?: number;
  /** Full shows only: the first page of episodes. */
  episodes?: Paging<Episode>;
}

/** An episode of a show, simplified (no `show`) or full. */
export interface Episode extends ObjectBase {
  /** A 30-second preview, or `null` when there is none (deprecated). */
  audio_preview_url?: string | null;
  /** The description (plain text). */
  description?: string;
  /** The description with HTML tags. */
  html_description?: string;
  /** Length in milliseconds. */
  duration_ms?: number;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** Whether the audio is hosted outside Spotify. */
  is_externally_hosted?: boolean;
  /** Whether it can be played in the given market (only when a market applies). */
  is_playable?: boolean;
  /** The language, as an ISO 639-1 code (deprecated: see `languages`). */
  language?: string;
  /** Languages, as ISO 639 codes. */
  languages?: string[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `release_date_precision` says. */
  release_date?: string;
  /** How precise `release_date` is. */
  release_date_precision?: ReleaseDatePrecision;
  /** Where the user stopped (scope `user-read-playback-position`). */
  resume_point?: ResumePoint;
  /** Present when a restriction applies; `reason` is `market`, `product` or `explicit`. */
  restrictions?: { reason?: string };
  /** Full episodes only. */
  show?: Show;
}

/** An author or a narrator of an audiobook. */
export interface Person {
  /** The person's name. */
  name?: string;
}

/** An audiobook, simplified or full. Development Mode strips `available_markets` and `publisher`. */
export interface Audiobook extends ObjectBase {
  /** The authors. */
  authors?: Person[];
  /** The narrators. */
  narrators?: Person[];
  /** ISO 3166-1 alpha-2 country codes where it can be played (Extended only). */
  available_markets?: string[];
  /** Copyright statements. */
  copyrights?: { text?: string; type?: string }[];
  /** The description (plain text). */
  description?: string;
  /** The description with HTML tags. */
  html_description?: string;
  /** The edition, e.g. `Unabridged`. */
  edition?: string;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** Languages, as ISO 639 codes. */
  languages?: string[];
  /** The media type, e.g. `audio`. */
  media_type?: string;
  /** Extended only. */
  publisher?: string;
  /** How many chapters the audiobook has. */
  total_chapters?: number;
  /** Full audiobooks only: the first page of chapters. */
  chapters?: Paging<Chapter>;
}

/** A chapter of an audiobook, simplified (no `audiobook`) or full. */
export interface Chapter extends ObjectBase {
  /** A 30-second preview, or `null` when there is none (deprecated). */
  audio_preview_url?: string | null;
  /** ISO 3166-1 alpha-2 country codes where it can be played. */
  available_markets?: string[];
  /** The chapter's number in the audiobook. */
  chapter_number?: number;
  /** The description (plain text). */
  description?: string;
  /** The description with HTML tags. */
  html_description?: string;
  /** Length in milliseconds. */
  duration_ms?: number;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** Whether it can be played in the given market (only when a market applies). */
  is_playable?: boolean;
  /** Languages, as ISO 639 codes. */
  languages?: string[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `release_date_precision` says. */
  release_date?: string;
  /** How precise `release_date` is. */
  release_date_precision?: ReleaseDatePrecision;
  /** Where the user stopped (scope `user-read-playback-position`). */
  resume_point?: ResumePoint;
  /** Present when a restriction applies; `reason` is `market`, `product` or `explicit`. */
  restrictions?: { reason?: string };
  /** Full chapters only. */
  audiobook?: Audiobook;
}

/** A browse category (Extended Quota Mode only). */
export interface Category {
  /** The category's ID. */
  id?: string;
  /** The category's name. */
  name?: string;
  /** The Web API address of the category. */
  href?: string;
  /** The category's icons. */
  icons?: Image[];
}

/** A device the user can play on. */
export interface Device {
  /** The device ID, or `null`. */
  id?: string | null;
  /** Whether this is the device currently playing. */
  is_active?: boolean;
  /** Whether the device is in a private session. */
  is_private_session?: boolean;
  /** Whether the Web API may not control this device. */
  is_restricted?: boolean;
  /** The device's name. */
  name?: string;
  /** The kind of device, e.g. `Computer` or `Smartphone`. */
  type?: string;
  /** Volume from 0 to 100, or `null`. */
  volume_percent?: number | null;
  /** Whether the Web API can set the volume. */
  supports_volume?: boolean;
}

/** What is playing (`GET /me/player/currently-playing`): a track or an episode. */
export interface CurrentlyPlaying {
  /** What is playing from (album, artist, playlist, show), or `null`. */
  context?: { type?: string; uri?: string; href?: string } | null;
  /** When the playback state last changed (or was fetched), in Unix milliseconds. */
  timestamp?: number;
  /** How far into the item playback is, in milliseconds, or `null`. */
  progress_ms?: number | null;
  /** Whether something is playing. */
  is_playing?: boolean;
  /** `null` when the item's type was not asked for (the client asks for tracks and episodes). */
  item?: Track | Episode | null;
  /** What kind of item is playing. */
  currently_playing_type?: "track" | "episode" | "ad" | "unknown" | string;
}

/** The playback state (`GET /me/player`): what is playing, on which device, how. */
export interface PlaybackState extends CurrentlyPlaying {
  /** The device playing. */
  device?: Device;
  /** Repeat mode: `off`, `track` or `context`. */
  repeat_state?: "off" | "track" | "context" | string;
  /** Whether shuffle is on. */
  shuffle_state?: boolean;
}

/** The user's queue: what is playing and what comes next. */
export interface Queue {
  /** What is playing, or `null`. */
  currently_playing?: Track | Episode | null;
  /** What plays next, in order. */
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
  /** The user's Spotify user ID. */
  id?: string;
  /** A stable pseudonymous ID of the account (use it rather than `id` for linking). */
  account_id?: string;
  /** The name shown on the profile, or `null`. */
  display_name?: string | null;
  /** The user's country, ISO 3166-1 alpha-2 (Extended only). */
  country?: string;
  /** Subscription level: `premium`, `free` or `open` (Extended only). */
  product?: string;
  /** Profile images. */
  images?: { url?: string }[];
  /** The user's Spotify URI. */
  uri?: string;
}

/** A play (`GET /me/player/recently-played`). */
export interface PlayHistory {
  /** The track played. */
  track?: Track;
  /** When the play happened (ISO 8601 UTC, with milliseconds). */
  played_at?: string;
  /** What it was played from (album, artist, playlist, show), or `null`. */
  context?: { type?: string; uri?: string } | null;
}

/** A saved track, album, show, episode or audiobook with when it was saved. */
export interface Saved<K extends SavedType> {
  /** When it was saved (ISO 8601 UTC). */
  added_at?: string;
  /** The saved track (for `Saved<"track">`). */
  track?: K extends "track" ? Track : never;
  /** The saved album (for `Saved<"album">`). */
  album?: K extends "album" ? Album : never;
  /** The saved show (for `Saved<"show">`). */
  show?: K extends "show" ? Show : never;
  /** The saved episode (for `Saved<"episode">`). */
  episode?: K extends "episode" ? Episode : never;
  /** The saved audiobook (for `Saved<"audiobook">`). */
  audiobook?: K extends "audiobook" ? Audiobook : never;
}

/** A top item with its time range and rank (1 = most listened). */
export type Ranked<T> = T & { time_range: TimeRange; rank: number };
