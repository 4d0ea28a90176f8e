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
import { ApiError, excerpt, ModeError } from "./errors.ts";
import { announceRateLimit } from "./progress.ts";
import {
  abortError,
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
   * Per-try timeout in ms.
   * @default {20000}
   */
  timeoutMs?: number;
  /**
   * Longest time one request may take through all its tries and backoffs, in ms; then it fails
   * with a `NetworkError` (`timeout: true`). Waiting out a 429's `Retry-After` does not count:
   * that is bounded by `retry.maxRetryAfter` and `retry.max429`, and shown while it lasts.
   * @default {45000}
   */
  deadlineMs?: number;
  /**
   * Told, in seconds, when a 429 pause starts for a call that has no `onProgress` (calls with one
   * show it on their progress bar instead).
   * @default {a line on the console: "Waiting N s for Spotify's rate limit"}
   */
  onRateLimit?: (seconds: number) => void;
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
    deadlineMs: options.deadlineMs ?? 45_000,
    now: Date.now,
    onRateLimit: options.onRateLimit ?? announceRateLimit,
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
    { key, max = Infinity, onProgress, fresh, signal }: PaginateOptions = {},
  ): AsyncGenerator<T> {
    checkMax(max);
    if (max <= 0) return;
    let url: string | null | undefined = path.startsWith("http") ? relative(path, path) : path;
    const endpoint = `GET ${excerpt(basePath + url.replace(/\?.*/, ""), 100)}`;
    let query: Params = params;
    let done = 0;
    let total: number | undefined;
    /** Pages read, to stop a `next` that leads back; and how many pages `total` allows. */
    const seen = new Set<string>();
    let pages = 0;
    let allowed = Infinity;
    const fault = (why: string, body?: unknown) =>
      new ApiError(
        `Cannot read every page of "${endpoint}": Spotify answered 200 with ${why}; try again in a minute, or report it if it persists`,
        { status: 200, method: "GET", url: excerpt(url ?? path, 200), body },
      );
    while (url) {
      seen.add(url + new URLSearchParams(query as Record<string, string>).toString());
      if (++pages > allowed) {
        throw fault(`more pages than its total of ${total} items allows (a paging loop)`);
      }
      const answer: unknown = await get(url, query, {
        fresh,
        signal,
        onWait: onProgress ? (seconds) => onProgress(done, total, { waiting: seconds }) : undefined,
      });
      const page = key ? (isObject(answer) ? answer[key] : undefined) : answer;
      if (!isObject(page) || !Array.isArray(page.items)) {
        throw fault(
          `a body that is not a page of items`,
          excerpt(JSON.stringify(answer) ?? "", 200),
        );
      }
      const typed = page as Paging<T>;
      const items = page.items as (T | null)[];
      if (typeof typed.total === "number" && typed.total >= 0) {
        total = Math.min(typed.total, max);
        const limit = typeof typed.limit === "number" && typed.limit > 0
          ? typed.limit
          : Number(params.limit) || 50;
        // Totals may move while a listing is read (a track saved meanwhile): two pages of slack.
        if (allowed === Infinity) allowed = Math.ceil(typed.total / limit) + 2;
      }
      query = {};
      for (const item of items) {
        if (item === null) continue;
        yield item;
        if (++done >= max) break;
      }
      onProgress?.(done, total);
      if (done >= max || items.length === 0) return;
      const next: unknown = typed.next;
      if (next === null || next === undefined || next === "") return;
      if (typeof next !== "string") throw fault(`a "next" link that is not a URL`);
      url = relative(next, endpoint);
      if (seen.has(url)) {
        throw fault(`a "next" link that leads back to a page already read (a paging loop)`);
      }
      if (signal?.aborted) throw abortError(endpoint, signal);
    }
  }

  const basePath = new URL(apiUrl).pathname.replace(/\/+$/, "");
  /** A `next` link as a path under the base URL: a cached page may name another host or port. */
  function relative(next: string, endpoint: string): string {
    let url: URL | undefined;
    try {
      url = new URL(next, apiUrl);
    } catch {
      url = undefined;
    }
    if (url === undefined || !url.pathname.startsWith(`${basePath}/`)) {
      throw new ApiError(
        `Cannot read every page of "${endpoint}": Spotify's "next" link "${
          excerpt(next, 80)
        }" is not under "${basePath}"; try again in a minute, or report it if it persists`,
        { status: 200, method: "GET", url: excerpt(next, 200) },
      );
    }
    return url.pathname.slice(basePath.length) + url.search;
  }

  /** One object by path. */
  async function one<T>(path: string, params: Params, options: FetchOptions): Promise<T> {
    return object<T>(await get(path, params, options), path);
  }

  async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of iterable) out.push(item);
    return out;
  }

  const id = (value: string, what: string) => {
    if (typeof value !== "string" || !/^[0-9A-Za-z]{1,64}$/.test(value)) {
      throw new TypeError(
        `Invalid ${what} id "${excerpt(String(value), 40)}": use the 22-character id from its URL`,
      );
    }
    return value;
  };

  /** A 200 answer that must be one object: anything else is an `ApiError` naming the endpoint. */
  const object = <T>(answer: unknown, endpoint: string): T => {
    if (!isObject(answer)) {
      throw new ApiError(
        `Cannot fetch "GET ${
          excerpt(basePath + endpoint, 100)
        }": Spotify answered 200 with a body that is not an object; try again in a minute, or report it if it persists`,
        {
          status: 200,
          method: "GET",
          url: excerpt(endpoint, 200),
          body: excerpt(JSON.stringify(answer) ?? "", 200),
        },
      );
    }
    return answer as T;
  };

  /**
   * Several objects by id: the batch endpoint in chunks where the mode has it, one request per id
   * (all at once, bounded by the client's concurrency) where it does not. In `auto`, a 403 on the
   * batch endpoint switches the client to `development` and the work completes per id.
   */
  async function several<T>(
    type: keyof typeof BATCH,
    ids: readonly string[],
    { onProgress, fresh, market, signal }: CollectOptions & MarketOptions,
  ): Promise<(T | null)[]> {
    const what = type.slice(0, -1);
    if (!Array.isArray(ids)) {
      throw new TypeError(`Invalid ${what} ids: use an array of ids`);
    }
    const onWait = onProgress
      ? (seconds: number) => onProgress(found.size, unique.length, { waiting: seconds })
      : undefined;
    const unique = [...new Set(ids.map((value) => id(value, what)))];
    const found = new Map<string, T | null>();
    const report = () => onProgress?.(found.size, unique.length);

    async function batches(): Promise<void> {
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += BATCH[type]) {
        chunks.push(unique.slice(i, i + BATCH[type]));
      }
      await Promise.all(chunks.map(async (chunk) => {
        const answer = object<Record<string, unknown>>(
          await get(`/${type}`, { ids: chunk.join(","), market }, { fresh, signal, onWait }),
          `/${type}`,
        );
        const list = answer[type];
        if (!Array.isArray(list)) object(null, `/${type}`);
        chunk.forEach((key, i) => found.set(key, (list as (T | null)[])[i] ?? null));
        report();
      }));
    }

    async function oneByOne(): Promise<void> {
      await Promise.all(
        unique.filter((key) => !found.has(key)).map(async (key) => {
          try {
            const answer = await get(`/${type}/${key}`, { market }, { fresh, signal, onWait });
            found.set(key, object<T>(answer, `/${type}/${key}`));
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
    // Generators, so that a bad argument rejects the first read rather than throwing at the call.
    async *search(query, type, { max = 20, market, ...rest } = {}) {
      if (typeof query !== "string" || query.trim() === "") {
        throw new TypeError("Invalid search query: use a non-empty string");
      }
      checkMax(max);
      const limit = Math.max(1, Math.min(pageSize("search", mode), max));
      yield* paginate<SearchItem<typeof type>>("/search", { q: query, type, limit, market }, {
        key: `${type}s`,
        max,
        ...rest,
      });
    },
    async *artistAlbums(artistId, { includeGroups, market, ...rest } = {}) {
      const groups = includeGroups ?? ["album", "single", "compilation"];
      yield* paginate<Album>(`/artists/${id(artistId, "artist")}/albums`, {
        include_groups: groups.join(","),
        limit: pageSize("artistAlbums", mode),
        market,
      }, rest);
    },
    async *albumTracks(albumId, { market, ...rest } = {}) {
      yield* paginate<Track>(
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
    // Every endpoint is async: a bad argument is a rejected promise, never a synchronous throw.
    search: async (query, type, options) => await collect(iterate.search(query, type, options)),
    artist: async (artistId, { fresh, signal } = {}) =>
      await one<Artist>(`/artists/${id(artistId, "artist")}`, {}, { fresh, signal }),
    artists: async (ids, options = {}) => await several<Artist>("artists", ids, options),
    artistAlbums: async (artistId, options) =>
      await collect(iterate.artistAlbums(artistId, options)),
    async artistTopTracks(artistId, { market, fresh, signal }) {
      const path = `/artists/${id(artistId, "artist")}/top-tracks`;
      const answer = await one<{ tracks?: unknown }>(path, { market }, { fresh, signal });
      if (answer.tracks !== undefined && !Array.isArray(answer.tracks)) object(null, path);
      return (answer.tracks as Track[] | undefined) ?? [];
    },
    album: async (albumId, { market, fresh, signal } = {}) =>
      await one<Album>(`/albums/${id(albumId, "album")}`, { market }, { fresh, signal }),
    albums: async (ids, options = {}) => await several<Album>("albums", ids, options),
    albumTracks: async (albumId, options) => await collect(iterate.albumTracks(albumId, options)),
    track: async (trackId, { market, fresh, signal } = {}) =>
      await one<Track>(`/tracks/${id(trackId, "track")}`, { market }, { fresh, signal }),
    tracks: async (ids, options = {}) => await several<Track>("tracks", ids, options),
    async playlist(playlistId, { market, fresh, signal } = {}) {
      const raw = await one<Playlist>(
        `/playlists/${id(playlistId, "playlist")}`,
        { market },
        { fresh, signal },
      );
      const { tracks, items, ...rest } = raw;
      const entries = items ?? tracks;
      if (entries === undefined) return rest;
      if (!("items" in entries)) return { ...rest, items: entries };
      const page = entries as Paging<PlaylistEntry>;
      return { ...rest, items: { ...page, items: (page.items ?? []).map((e) => e && entry(e)) } };
    },
    playlistItems: async (playlistId, options) =>
      await collect(iterate.playlistItems(playlistId, options)),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `max` of a collecting call: a whole number of at least 0, or `Infinity`. */
function checkMax(max: unknown): void {
  if (max === Infinity || (typeof max === "number" && Number.isInteger(max) && max >= 0)) return;
  throw new RangeError(
    `Invalid max ${
      typeof max === "number" ? max : `"${excerpt(String(max), 20)}"`
    }: use a whole number of at least 0, or Infinity for every item`,
  );
}
