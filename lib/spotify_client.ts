/**
 * What a client is: its methods, one per endpoint, and the options they take. `createClient`
 * (`client.ts`) makes one.
 *
 * @module
 */
import type { ResponseCache } from "./cache.ts";
import type { AppMode } from "./config.ts";
import type { Get, Params, RequestOptions } from "./request_options.ts";
import type {
  Album,
  Artist,
  PlayHistory,
  Playlist,
  PlaylistEntry,
  Ranked,
  Saved,
  SearchType,
  TimeRange,
  Track,
  UserProfile,
} from "./types.ts";

/** What a progress callback may be told besides the counts. */
export interface ProgressInfo {
  /** Seconds the call now waits for Spotify's rate limit (a 429's `Retry-After`). */
  waiting?: number;
}

/**
 * Progress of a long operation: items done, the total when known, and (while a 429 pause lasts)
 * how long the call waits.
 */
export type ProgressCallback = (
  done: number,
  total: number | undefined,
  info?: ProgressInfo,
) => void;

/** Options of every call: skip the cache (`fresh`), cancel (`signal`). */
export interface FetchOptions extends Omit<RequestOptions, "onWait"> {}

/** Options of every "collect all" call. */
export interface CollectOptions extends FetchOptions {
  /**
   * Stop after this many items: a whole number of at least 0, or `Infinity` (anything else is a
   * `RangeError` before any request).
   * @default {Infinity}
   */
  max?: number;
  /** Called after each page (or each item, for the several-at-once helpers). */
  onProgress?: ProgressCallback | undefined;
}

/** Options of calls that accept a market. */
export interface MarketOptions {
  /** An ISO 3166-1 alpha-2 country code; adds `is_playable`. */
  market?: string | undefined;
}

/** Options of {@linkcode SpotifyClient.artistAlbums}. */
export interface ArtistAlbumsOptions extends CollectOptions, MarketOptions {
  /**
   * Which relations to include.
   * @default {["album", "single", "compilation"]}
   */
  includeGroups?: ("album" | "single" | "compilation" | "appears_on")[];
}

/** Options of {@linkcode SpotifyClient.paginate}. */
export interface PaginateOptions extends CollectOptions {
  /** The key under which each answer holds its page (search: `artists`, ...). */
  key?: string;
}

/** What a search of each type yields. */
export type SearchItem<K extends SearchType> = K extends "artist" ? Artist
  : K extends "album" ? Album
  : K extends "track" ? Track
  : Playlist;

/** Options of {@linkcode SpotifyClient.recentlyPlayed}. */
export interface RecentlyPlayedOptions extends CollectOptions {
  /** Only plays before this instant. */
  before?: Date | undefined;
  /** Only plays after this instant. */
  after?: Date | undefined;
}

/** Options of {@linkcode SpotifyClient.topArtists} and {@linkcode SpotifyClient.topTracks}. */
export interface TopOptions extends CollectOptions {
  /**
   * Stop after this many items per time range.
   * @default {50}
   */
  max?: number;
}

/** Async iterators over every paged endpoint, page after page as the caller reads. */
export interface PagedEndpoints {
  /** Search results of one type. */
  search<K extends SearchType>(
    query: string,
    type: K,
    options?: CollectOptions & MarketOptions,
  ): AsyncGenerator<SearchItem<K>>;
  /** An artist's albums. */
  artistAlbums(id: string, options?: ArtistAlbumsOptions): AsyncGenerator<Album>;
  /** An album's tracks. */
  albumTracks(id: string, options?: CollectOptions & MarketOptions): AsyncGenerator<Track>;
  /** A playlist's entries (`item` set from `item ?? track`). */
  playlistItems(
    id: string,
    options?: CollectOptions & MarketOptions,
  ): AsyncGenerator<PlaylistEntry>;
  /** The user's top artists in one time range, ranked. */
  topArtists(timeRange: TimeRange, options?: CollectOptions): AsyncGenerator<Ranked<Artist>>;
  /** The user's top tracks in one time range, ranked. */
  topTracks(timeRange: TimeRange, options?: CollectOptions): AsyncGenerator<Ranked<Track>>;
  /** The user's recent plays, newest first (cursor paging). */
  recentlyPlayed(options?: RecentlyPlayedOptions): AsyncGenerator<PlayHistory>;
  /** The user's saved tracks, newest first. */
  savedTracks(options?: CollectOptions & MarketOptions): AsyncGenerator<Saved<"track">>;
  /** The user's saved albums, newest first. */
  savedAlbums(options?: CollectOptions & MarketOptions): AsyncGenerator<Saved<"album">>;
  /** The user's playlists. */
  myPlaylists(options?: CollectOptions): AsyncGenerator<Playlist>;
  /** The artists the user follows (cursor paging). */
  followedArtists(options?: CollectOptions): AsyncGenerator<Artist>;
}

/**
 * The client: every endpoint is an async method sharing one request path and one paging mechanism,
 * so that `max`, `fresh`, `onProgress`, `signal`, the mode's page sizes and its capability table
 * apply to each alike. Collecting methods read every page (up to `max`); `iterate` reads lazily.
 */
export interface SpotifyClient {
  /** The app mode the client works in now (`auto` turns `development` after a telling 403). */
  readonly mode: AppMode;
  /** The Web API base URL. */
  readonly apiUrl: string;
  /** The cache, when there is one. */
  readonly cache: ResponseCache | undefined;
  /** GET any API path (or a `next` URL) and parse the JSON answer. */
  get: Get;
  /** Iterate over every item of a paged endpoint, following `next`. */
  paginate<T>(path: string, params?: Params, options?: PaginateOptions): AsyncGenerator<T>;
  /** The paged endpoints as async iterators; the methods below collect them. */
  iterate: PagedEndpoints;

  // The music catalog.
  /** Search one type; pages in the largest size the mode allows (`max` defaults to 20). */
  search<K extends SearchType>(
    query: string,
    type: K,
    options?: CollectOptions & MarketOptions,
  ): Promise<SearchItem<K>[]>;
  /** One artist. */
  artist(id: string, options?: FetchOptions): Promise<Artist>;
  /** Several artists: `null` where an id is unknown, as Spotify's batch endpoints answer. */
  artists(ids: readonly string[], options?: CollectOptions): Promise<(Artist | null)[]>;
  /** Every album of an artist (in the groups asked for). */
  artistAlbums(id: string, options?: ArtistAlbumsOptions): Promise<Album[]>;
  /** An artist's top tracks in a market (Extended Quota Mode only). */
  artistTopTracks(id: string, options: FetchOptions & { market: string }): Promise<Track[]>;
  /** One album, with the first page of its tracks. */
  album(id: string, options?: FetchOptions & MarketOptions): Promise<Album>;
  /** Several albums, each with the first page of its tracks; `null` where an id is unknown. */
  albums(
    ids: readonly string[],
    options?: CollectOptions & MarketOptions,
  ): Promise<(Album | null)[]>;
  /** Every track of an album. */
  albumTracks(id: string, options?: CollectOptions & MarketOptions): Promise<Track[]>;
  /** One track. */
  track(id: string, options?: FetchOptions & MarketOptions): Promise<Track>;
  /** Several tracks; `null` where an id is unknown. */
  tracks(
    ids: readonly string[],
    options?: CollectOptions & MarketOptions,
  ): Promise<(Track | null)[]>;
  /** One playlist with its first page of entries under `items` (when the app may read them). */
  playlist(id: string, options?: FetchOptions & MarketOptions): Promise<Playlist>;
  /** Every entry of a playlist (Development Mode: only playlists the user owns or collaborates on). */
  playlistItems(id: string, options?: CollectOptions & MarketOptions): Promise<PlaylistEntry[]>;

  // The signed-in user's music (a client whose token provider is a user's).
  /** The signed-in user's profile. */
  me(options?: FetchOptions): Promise<UserProfile>;
  /**
   * The user's top artists with `time_range` and `rank`, for one time range or `all` (scope
   * `user-top-read`); `max` counts per range.
   */
  topArtists(timeRange?: TimeRange | "all", options?: TopOptions): Promise<Ranked<Artist>[]>;
  /** The user's top tracks with `time_range` and `rank` (scope `user-top-read`). */
  topTracks(timeRange?: TimeRange | "all", options?: TopOptions): Promise<Ranked<Track>[]>;
  /**
   * The user's recent plays, newest first, following the cursors (Spotify keeps about 50; scope
   * `user-read-recently-played`). `before` or `after`, not both.
   */
  recentlyPlayed(options?: RecentlyPlayedOptions): Promise<PlayHistory[]>;
  /** The user's saved ("liked") tracks with `added_at` (scope `user-library-read`). */
  savedTracks(options?: CollectOptions & MarketOptions): Promise<Saved<"track">[]>;
  /** The user's saved albums with `added_at` (scope `user-library-read`). */
  savedAlbums(options?: CollectOptions & MarketOptions): Promise<Saved<"album">[]>;
  /** The user's playlists, simplified (scope `playlist-read-private`). */
  myPlaylists(options?: CollectOptions): Promise<Playlist[]>;
  /** The artists the user follows (scope `user-follow-read`). */
  followedArtists(options?: CollectOptions): Promise<Artist[]>;
}
