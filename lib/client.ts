/**
 * The Web API client: one immutable configured instance, whose endpoints share one request path
 * (auth, retries, limits, cache, mode checks) and one paging mechanism. The real API, the emulator
 * and a test double differ only in options.
 *
 * Mode awareness lives here: page sizes follow the app's mode, the several-at-once helpers fall back
 * to one request per id in Development Mode, and in `auto` the first 403 on an endpoint Development
 * Mode lacks switches the client to `development` for the rest of the process.
 *
 * @module
 */
import { type AppMode, checkBaseUrl, DEFAULT_API_URL } from "./config.ts";
import { createCache, type ResponseCache } from "./cache.ts";
import type { CacheTtl } from "./cache.ts";
import { ModeError } from "./errors.ts";
import {
  createRequester,
  type Get,
  type Params,
  type RequestOptions,
  type RetryOptions,
} from "./_request.ts";
import type { TokenProvider } from "./token_provider.ts";
import type { Album, Artist, Paging, Playlist, PlaylistEntry, SearchType, Track } from "./types.ts";

/** Options of {@linkcode createClient}. */
export interface ClientOptions {
  /** Where tokens come from (client credentials, or a signed-in user). */
  tokenProvider: TokenProvider;
  /**
   * Web API base URL.
   * @default {"https://api.spotify.com/v1"}
   */
  apiUrl?: string;
  /**
   * The app's mode; `auto` pages conservatively and learns from the first 403.
   * @default {"auto"}
   */
  mode?: AppMode;
  /**
   * The `fetch` to use.
   * @default {globalThis.fetch}
   */
  fetch?: typeof fetch;
  /**
   * Per-request timeout in ms.
   * @default {20000}
   */
  timeoutMs?: number;
  /**
   * Requests in flight at once, across every call of this client.
   * @default {10}
   */
  concurrency?: number;
  /** Retry policy. */
  retry?: RetryOptions;
  /**
   * Keep answers on disk between runs: a folder (and optionally a time-to-live per kind, in
   * seconds). No cache when unset.
   */
  cache?: { dir: string; ttl?: Partial<CacheTtl>; now?: () => number } | undefined;
  /**
   * Waits between retries; injectable so tests need not wait.
   * @default {setTimeout-based}
   */
  sleep?: (ms: number) => Promise<void>;
}

/** Progress of a long operation: items done, and the total when known. */
export type ProgressCallback = (done: number, total: number | undefined) => void;

/** Options of every call: skip the cache. */
export interface FetchOptions extends RequestOptions {}

/** Options of every "collect all" call. */
export interface CollectOptions extends FetchOptions {
  /**
   * Stop after this many items.
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
}

/** The client. */
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
}

type PageKind = "search" | "artistAlbums" | "albumTracks" | "playlistItems";

/** Largest page size per endpoint and mode (`spotify-web-api.md` §2.4); `auto` is conservative. */
export function pageSize(kind: PageKind, mode: AppMode): number {
  if (kind === "albumTracks" || kind === "playlistItems") return 50;
  return mode === "extended" ? 50 : 10;
}

/** Ids per request of each batch endpoint (`spotify-web-api.md` §2.3). */
const BATCH = { artists: 50, albums: 20, tracks: 50 } as const;

/** A playlist entry with `item` set, whichever key the mode used. */
function entry(raw: PlaylistEntry): PlaylistEntry {
  const { track, ...rest } = raw;
  return { ...rest, item: raw.item ?? track ?? null };
}

/**
 * Create a client.
 *
 * @param options Token provider, base URL, mode, cache, and injectable `fetch`, limits and waits.
 * @returns The client.
 *
 * @example
 * ```ts
 * import { connect, createClient } from "./mod.ts";
 * import assert from "node:assert/strict";
 * // The offline emulator's URL and token provider, to show the options.
 * await using offline = await connect({ env: {}, envFile: false, cacheDir: false });
 * const client = createClient({
 *   apiUrl: offline.client.apiUrl,
 *   mode: "development",
 *   tokenProvider: offline.tokens,
 * });
 * const artists = await client.search("the", "artist", { max: 15 });
 * assert.equal(artists.length, 15);
 * ```
 */
export function createClient(options: ClientOptions): SpotifyClient {
  const apiUrl = checkBaseUrl(options.apiUrl ?? DEFAULT_API_URL, "apiUrl");
  let mode: AppMode = options.mode ?? "auto";
  const cache = options.cache === undefined ? undefined : createCache(options.cache);
  const get = createRequester({
    apiUrl,
    tokenProvider: options.tokenProvider,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 20_000,
    concurrency: options.concurrency ?? 10,
    retry: {
      maxRetries: 3,
      maxRetryAfter: 60,
      max429: 8,
      baseDelayMs: 250,
      maxDelayMs: 8_000,
      ...options.retry,
    },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: Math.random,
    mode: () => mode,
    onDevelopmentMode: () => {
      mode = "development";
    },
    cache,
  });

  async function* paginate<T>(
    path: string,
    params: Params = {},
    { key, max = Infinity, onProgress, fresh }: PaginateOptions = {},
  ): AsyncGenerator<T> {
    if (max <= 0) return;
    let url: string | null | undefined = path.startsWith("http") ? relative(path) : path;
    let query: Params = params;
    let done = 0;
    while (url) {
      const answer: unknown = await get(url, query, { fresh });
      const page = (key ? (answer as Record<string, unknown>)[key] : answer) as Paging<T>;
      query = {};
      for (const item of page.items ?? []) {
        if (item === null) continue;
        yield item;
        if (++done >= max) break;
      }
      onProgress?.(done, page.total === undefined ? undefined : Math.min(page.total, max));
      if (done >= max) return;
      url = page.next && relative(page.next);
    }
  }

  const basePath = new URL(apiUrl).pathname.replace(/\/+$/, "");
  /** A `next` link as a path under the base URL: a cached page may name another host or port. */
  function relative(next: string): string {
    const url = new URL(next, apiUrl);
    if (!url.pathname.startsWith(`${basePath}/`)) {
      throw new TypeError(`Cannot follow "${url.pathname}": it is not under "${basePath}"`);
    }
    return url.pathname.slice(basePath.length) + url.search;
  }

  async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of iterable) out.push(item);
    return out;
  }

  const id = (value: string, what: string) => {
    if (typeof value !== "string" || !/^[0-9A-Za-z]{1,64}$/.test(value)) {
      throw new TypeError(`Invalid ${what} id "${value}": use the 22-character id from its URL`);
    }
    return value;
  };

  /**
   * Several objects by id: the batch endpoint in chunks where the mode has it, one request per id
   * (all at once, bounded by the client's concurrency) where it does not. In `auto`, a 403 on the
   * batch endpoint switches the client to `development` and the work completes per id.
   */
  async function several<T>(
    type: keyof typeof BATCH,
    ids: readonly string[],
    { onProgress, fresh, market }: CollectOptions & MarketOptions,
  ): Promise<(T | null)[]> {
    const what = type.slice(0, -1);
    const unique = [...new Set(ids.map((value) => id(value, what)))];
    const found = new Map<string, T | null>();
    const report = () => onProgress?.(found.size, unique.length);

    async function batches(): Promise<void> {
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += BATCH[type]) {
        chunks.push(unique.slice(i, i + BATCH[type]));
      }
      await Promise.all(chunks.map(async (chunk) => {
        const answer = await get<Record<string, (T | null)[]>>(
          `/${type}`,
          { ids: chunk.join(","), market },
          { fresh },
        );
        chunk.forEach((key, i) => found.set(key, answer[type]?.[i] ?? null));
        report();
      }));
    }

    async function oneByOne(): Promise<void> {
      await Promise.all(
        unique.filter((key) => !found.has(key)).map(async (key) => {
          try {
            found.set(key, await get<T>(`/${type}/${key}`, { market }, { fresh }));
          } catch (error) {
            if ((error as { status?: number }).status !== 404) throw error;
            found.set(key, null);
          }
          report();
        }),
      );
    }

    if (mode !== "development" && unique.length > 0) {
      try {
        await batches();
      } catch (error) {
        if (!(error instanceof ModeError)) throw error;
      }
    }
    if (found.size < unique.length) await oneByOne();
    return ids.map((key) => found.get(key) ?? null);
  }

  const iterate: PagedEndpoints = {
    search(query, type, { max = 20, market, ...rest } = {}) {
      if (typeof query !== "string" || query.trim() === "") {
        throw new TypeError("Invalid search query: use a non-empty string");
      }
      const limit = Math.min(pageSize("search", mode), max);
      return paginate("/search", { q: query, type, limit, market }, {
        key: `${type}s`,
        max,
        ...rest,
      });
    },
    artistAlbums(artistId, { includeGroups, market, ...rest } = {}) {
      const groups = includeGroups ?? ["album", "single", "compilation"];
      return paginate(`/artists/${id(artistId, "artist")}/albums`, {
        include_groups: groups.join(","),
        limit: pageSize("artistAlbums", mode),
        market,
      }, rest);
    },
    albumTracks(albumId, { market, ...rest } = {}) {
      return paginate(
        `/albums/${id(albumId, "album")}/tracks`,
        { limit: pageSize("albumTracks", mode), market },
        rest,
      );
    },
    async *playlistItems(playlistId, { market, ...rest } = {}) {
      const entries = paginate<PlaylistEntry>(
        `/playlists/${id(playlistId, "playlist")}/items`,
        { limit: pageSize("playlistItems", mode), market },
        rest,
      );
      for await (const raw of entries) yield entry(raw);
    },
  };

  return {
    get mode() {
      return mode;
    },
    apiUrl,
    cache,
    get,
    paginate,
    iterate,
    search: (query, type, options) => collect(iterate.search(query, type, options)),
    artist: (artistId, { fresh } = {}) => get(`/artists/${id(artistId, "artist")}`, {}, { fresh }),
    artists: (ids, options = {}) => several<Artist>("artists", ids, options),
    artistAlbums: (artistId, options) => collect(iterate.artistAlbums(artistId, options)),
    async artistTopTracks(artistId, { market, fresh }) {
      const answer = await get<{ tracks?: Track[] }>(
        `/artists/${id(artistId, "artist")}/top-tracks`,
        { market },
        { fresh },
      );
      return answer.tracks ?? [];
    },
    album: (albumId, { market, fresh } = {}) =>
      get(`/albums/${id(albumId, "album")}`, { market }, { fresh }),
    albums: (ids, options = {}) => several<Album>("albums", ids, options),
    albumTracks: (albumId, options) => collect(iterate.albumTracks(albumId, options)),
    track: (trackId, { market, fresh } = {}) =>
      get(`/tracks/${id(trackId, "track")}`, { market }, { fresh }),
    tracks: (ids, options = {}) => several<Track>("tracks", ids, options),
    async playlist(playlistId, { market, fresh } = {}) {
      const raw = await get<Playlist>(
        `/playlists/${id(playlistId, "playlist")}`,
        { market },
        { fresh },
      );
      const { tracks, items, ...rest } = raw;
      const entries = items ?? tracks;
      if (entries === undefined) return rest;
      if (!("items" in entries)) return { ...rest, items: entries };
      const page = entries as Paging<PlaylistEntry>;
      return { ...rest, items: { ...page, items: (page.items ?? []).map((e) => e && entry(e)) } };
    },
    playlistItems: (playlistId, options) => collect(iterate.playlistItems(playlistId, options)),
  };
}
