/**
 * What a client is: its methods, one per endpoint, and the options they take. `createClient`
 * (`client.ts`) makes one.
 *
 * @module
 */
import type { ResponseCache } from "./cache.ts";
import type { AppMode } from "../core/config.ts";
import type { Get, Params, RequestOptions } from "./request_options.ts";
import type {
  Album,
  Artist,
  Audiobook,
  Category,
  Chapter,
  CurrentlyPlaying,
  Device,
  Episode,
  Image,
  PlaybackState,
  PlayHistory,
  Playlist,
  PlaylistEntry,
  Queue,
  Ranked,
  Saved,
  SavedType,
  SearchType,
  Show,
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
  : K extends "show" ? Show
  : K extends "episode" ? Episode
  : K extends "audiobook" ? Audiobook
  : Playlist;

/** Options of {@linkcode SpotifyClient.recentlyPlayed}. */
export interface RecentlyPlayedOptions extends CollectOptions {
  /** Only plays before this instant. */
  before?: Date | undefined;
  /** Only plays after this instant. */
  after?: Date | undefined;
}

/** Options of the browse categories (Extended Quota Mode only). */
export interface LocaleOptions {
  /** A locale such as `sv_SE`, for the categories' names. */
  locale?: string | undefined;
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
  /** A show's episodes (simplified: no `show`). */
  showEpisodes(id: string, options?: CollectOptions & MarketOptions): AsyncGenerator<Episode>;
  /** An audiobook's chapters (simplified: no `audiobook`). */
  audiobookChapters(id: string, options?: CollectOptions & MarketOptions): AsyncGenerator<Chapter>;
  /** A user's public playlists (Extended Quota Mode only). */
  userPlaylists(userId: string, options?: CollectOptions): AsyncGenerator<Playlist>;
  /** The browse categories (Extended Quota Mode only). */
  categories(options?: CollectOptions & LocaleOptions): AsyncGenerator<Category>;
  /** The user's saved shows. */
  savedShows(options?: CollectOptions): AsyncGenerator<Saved<"show">>;
  /** The user's saved episodes. */
  savedEpisodes(options?: CollectOptions & MarketOptions): AsyncGenerator<Saved<"episode">>;
  /** The user's saved audiobooks. */
  savedAudiobooks(options?: CollectOptions): AsyncGenerator<Saved<"audiobook">>;
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
  /** A playlist's cover images, widest first. */
  playlistImages(id: string, options?: FetchOptions): Promise<Image[]>;
  /** A user's public playlists (Extended Quota Mode only; use `myPlaylists` for your own). */
  userPlaylists(userId: string, options?: CollectOptions): Promise<Playlist[]>;
  /** Every browse category (Extended Quota Mode only). */
  categories(options?: CollectOptions & LocaleOptions): Promise<Category[]>;
  /** One browse category (Extended Quota Mode only). */
  category(id: string, options?: FetchOptions & LocaleOptions): Promise<Category>;

  // Podcasts and audiobooks.
  /** One show, with the first page of its episodes. */
  show(id: string, options?: FetchOptions & MarketOptions): Promise<Show>;
  /**
   * Several shows (simplified); `null` where an id is unknown. One request per id in Development
   * Mode, 50 ids per request in Extended.
   */
  shows(ids: readonly string[], options?: CollectOptions & MarketOptions): Promise<(Show | null)[]>;
  /** Every episode of a show, newest first. */
  showEpisodes(id: string, options?: CollectOptions & MarketOptions): Promise<Episode[]>;
  /** One episode, with its show. */
  episode(id: string, options?: FetchOptions & MarketOptions): Promise<Episode>;
  /** Several episodes; `null` where an id is unknown. */
  episodes(
    ids: readonly string[],
    options?: CollectOptions & MarketOptions,
  ): Promise<(Episode | null)[]>;
  /** One audiobook, with the first page of its chapters. */
  audiobook(id: string, options?: FetchOptions & MarketOptions): Promise<Audiobook>;
  /** Several audiobooks; `null` where an id is unknown. */
  audiobooks(
    ids: readonly string[],
    options?: CollectOptions & MarketOptions,
  ): Promise<(Audiobook | null)[]>;
  /** Every chapter of an audiobook, in order. */
  audiobookChapters(id: string, options?: CollectOptions & MarketOptions): Promise<Chapter[]>;
  /** One chapter, with its audiobook. */
  chapter(id: string, options?: FetchOptions & MarketOptions): Promise<Chapter>;
  /** Several chapters; `null` where an id is unknown. */
  chapters(
    ids: readonly string[],
    options?: CollectOptions & MarketOptions,
  ): Promise<(Chapter | null)[]>;

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
  /** The user's saved shows with `added_at` (scope `user-library-read`). */
  savedShows(options?: CollectOptions): Promise<Saved<"show">[]>;
  /** The user's saved episodes with `added_at` (scope `user-library-read`). */
  savedEpisodes(options?: CollectOptions & MarketOptions): Promise<Saved<"episode">[]>;
  /** The user's saved audiobooks with `added_at` (scope `user-library-read`). */
  savedAudiobooks(options?: CollectOptions): Promise<Saved<"audiobook">[]>;

  // Library checks: one boolean per id or URI, in order.
  /**
   * Whether the user saved or follows each Spotify URI (`spotify:track:…`, `spotify:show:…`,
   * `spotify:artist:…`, `spotify:playlist:…`, …), 40 per request; the one check Development Mode
   * keeps (scopes `user-library-read`, `user-follow-read`, `playlist-read-private` by type).
   */
  libraryContains(uris: readonly string[], options?: FetchOptions): Promise<boolean[]>;
  /**
   * Whether the user saved each item of one type (scope `user-library-read`): the per-type check
   * (50 ids a request, albums 20) in Extended Quota Mode, `libraryContains` in Development Mode.
   */
  savedContains(
    type: SavedType,
    ids: readonly string[],
    options?: FetchOptions,
  ): Promise<boolean[]>;
  /** Whether the user follows each artist or user (scope `user-follow-read`); as `savedContains`. */
  followingContains(
    type: "artist" | "user",
    ids: readonly string[],
    options?: FetchOptions,
  ): Promise<boolean[]>;
  /** Whether the user follows (or owns) a playlist; as `savedContains`. */
  followsPlaylist(id: string, options?: FetchOptions): Promise<boolean>;

  // The player, read-only. Its answers change by the second: these calls skip the cache unless
  // `fresh: false` is passed.
  /**
   * The playback state, with tracks and episodes alike; `null` when nothing plays on any device
   * (scope `user-read-playback-state`).
   */
  playbackState(options?: FetchOptions & MarketOptions): Promise<PlaybackState | null>;
  /** The user's devices (scope `user-read-playback-state`). */
  devices(options?: FetchOptions): Promise<Device[]>;
  /** What is playing, track or episode; `null` when nothing is (scope `user-read-currently-playing`). */
  currentlyPlaying(options?: FetchOptions & MarketOptions): Promise<CurrentlyPlaying | null>;
  /** What plays now and what comes next (scope `user-read-currently-playing`). */
  queue(options?: FetchOptions): Promise<Queue>;
}
