/**
 * The Web API client: one immutable configured instance, whose endpoints share one request path
 * (auth, retries, limits) and one paging mechanism. The real API, the emulator and a test double
 * differ only in options.
 *
 * @module
 */
import type { AppMode } from "./config.ts";
import { createRequester, type Get, type Params, type RetryOptions } from "./_request.ts";
import type { TokenProvider } from "./token_provider.ts";
import type { Album, Artist, Paging, Playlist, SearchType, Track } from "./types.ts";

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
   * The app's mode; `auto` pages conservatively until it knows better.
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
   * @default {4}
   */
  concurrency?: number;
  /** Retry policy. */
  retry?: RetryOptions;
  /**
   * Waits between retries; injectable so tests need not wait.
   * @default {setTimeout-based}
   */
  sleep?: (ms: number) => Promise<void>;
}

/** Progress of a long operation: items done, and the total when known. */
export type ProgressCallback = (done: number, total: number | undefined) => void;

/** Options of every "collect all" call. */
export interface CollectOptions {
  /**
   * Stop after this many items.
   * @default {Infinity}
   */
  max?: number;
  /** Called after each page. */
  onProgress?: ProgressCallback;
}

/** Options of calls that accept a market. */
export interface MarketOptions {
  /** An ISO 3166-1 alpha-2 country code; adds `is_playable`. */
  market?: string;
}

/** Options of {@linkcode SpotifyClient.artistAlbums}. */
export interface ArtistAlbumsOptions extends CollectOptions, MarketOptions {
  /**
   * Which relations to include.
   * @default {["album", "single", "compilation"]}
   */
  includeGroups?: ("album" | "single" | "compilation" | "appears_on")[];
}

/** The client. */
export interface SpotifyClient {
  /** The app mode the client works in. */
  readonly mode: AppMode;
  /** The Web API base URL. */
  readonly apiUrl: string;
  /** GET any API path (or a `next` URL) and parse the JSON answer. */
  get: Get;
  /** Iterate over every item of a paged endpoint, following `next`. */
  paginate<T>(path: string, params?: Params, options?: PaginateOptions): AsyncGenerator<T>;
  /** Search one type; pages in the largest size the mode allows. */
  search<K extends SearchType>(
    query: string,
    type: K,
    options?: CollectOptions & MarketOptions,
  ): Promise<SearchItem<K>[]>;
  /** One artist. */
  artist(id: string): Promise<Artist>;
  /** Every album of an artist (in the groups asked for). */
  artistAlbums(id: string, options?: ArtistAlbumsOptions): Promise<Album[]>;
  /** One album, with the first page of its tracks. */
  album(id: string, options?: MarketOptions): Promise<Album>;
  /** Every track of an album. */
  albumTracks(id: string, options?: CollectOptions & MarketOptions): Promise<Track[]>;
  /** One track. */
  track(id: string, options?: MarketOptions): Promise<Track>;
}

/** What a search of each type yields. */
export type SearchItem<K extends SearchType> = K extends "artist" ? Artist
  : K extends "album" ? Album
  : K extends "track" ? Track
  : Playlist;

/** Options of {@linkcode SpotifyClient.paginate}. */
export interface PaginateOptions extends CollectOptions {
  /** The key under which each answer holds its page (search: `artists`, ...). */
  key?: string;
}

/** Largest page size per endpoint kind and mode (`spotify-web-api.md` §2.4). */
function pageSize(kind: "search" | "artistAlbums" | "albumTracks", mode: AppMode): number {
  if (kind === "albumTracks") return 50;
  return mode === "extended" ? 50 : 10;
}

/**
 * Create a client.
 *
 * @param options Token provider, base URL, mode, and injectable `fetch`, limits and waits.
 * @returns The client.
 *
 * @example
 * ```ts ignore
 * import { createClient, createTokenProvider, loadConfig } from "./mod.ts";
 * const config = loadConfig();
 * const client = createClient({
 *   apiUrl: config.apiUrl,
 *   tokenProvider: createTokenProvider({ clientId: config.clientId!, clientSecret: config.clientSecret! }),
 * });
 * const artists = await client.search("radiohead", "artist", { max: 10 });
 * ```
 */
export function createClient(options: ClientOptions): SpotifyClient {
  const apiUrl = (options.apiUrl ?? "https://api.spotify.com/v1").replace(/\/+$/, "");
  const mode = options.mode ?? "auto";
  const get = createRequester({
    apiUrl,
    tokenProvider: options.tokenProvider,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 20_000,
    concurrency: options.concurrency ?? 4,
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
  });

  async function* paginate<T>(
    path: string,
    params: Params = {},
    { key, max = Infinity, onProgress }: PaginateOptions = {},
  ): AsyncGenerator<T> {
    if (max <= 0) return;
    let url: string | null | undefined = path;
    let query: Params = params;
    let done = 0;
    while (url) {
      const answer: unknown = await get(url, query);
      const page = (key ? (answer as Record<string, unknown>)[key] : answer) as Paging<T>;
      query = {};
      for (const item of page.items ?? []) {
        if (item === null) continue;
        yield item;
        if (++done >= max) break;
      }
      onProgress?.(done, page.total === undefined ? undefined : Math.min(page.total, max));
      if (done >= max) return;
      url = page.next;
    }
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

  return {
    mode,
    apiUrl,
    get,
    paginate,
    search(query, type, { max = 20, onProgress, market } = {}) {
      if (typeof query !== "string" || query.trim() === "") {
        throw new TypeError("Invalid search query: use a non-empty string");
      }
      const limit = Math.min(pageSize("search", mode), max);
      return collect(
        paginate(
          "/search",
          { q: query, type, limit, market },
          { key: `${type}s`, max, ...(onProgress ? { onProgress } : {}) },
        ),
      );
    },
    artist: (artistId) => get(`/artists/${id(artistId, "artist")}`),
    artistAlbums(artistId, options = {}) {
      const groups = options.includeGroups ?? ["album", "single", "compilation"];
      return collect(paginate(
        `/artists/${id(artistId, "artist")}/albums`,
        {
          include_groups: groups.join(","),
          limit: pageSize("artistAlbums", mode),
          market: options.market,
        },
        options,
      ));
    },
    album: (albumId, { market } = {}) => get(`/albums/${id(albumId, "album")}`, { market }),
    albumTracks(albumId, options = {}) {
      return collect(paginate(
        `/albums/${id(albumId, "album")}/tracks`,
        { limit: pageSize("albumTracks", mode), market: options.market },
        options,
      ));
    },
    track: (trackId, { market } = {}) => get(`/tracks/${id(trackId, "track")}`, { market }),
  };
}
