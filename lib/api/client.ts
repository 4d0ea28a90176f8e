/**
 * `createClient`: the Web API client, one configured instance whose endpoints share one request
 * path (auth, retries, limits, cache, mode checks) and one paging mechanism. The real API, the
 * emulator and a test double differ only in options. Its configuration is fixed at creation; its
 * mode is not: in `auto` the first 403 on an endpoint Development Mode lacks switches it to
 * `development` for the rest of the process.
 *
 * Mode awareness lives in the parts it is made of: page sizes follow the mode (`_endpoint_kit.ts`),
 * the several-at-once helpers fall back to one request per id in Development Mode (`_batch.ts`),
 * and the capability table refuses what the mode lacks (`capabilities.ts`). The endpoints
 * themselves are in `_catalog.ts`, `_podcasts.ts`, `_user_data.ts`, `_library_checks.ts` and
 * `_player.ts`.
 *
 * @module
 */
import { createCache } from "./cache.ts";
import type { CacheTtl } from "./cache.ts";
import { type AppMode, checkBaseUrl, DEFAULT_API_URL } from "../core/config.ts";
import { createBatcher } from "./_batch.ts";
import { catalogEndpoints } from "./_catalog.ts";
import { CLIENT_ADVICE } from "./_classify.ts";
import type { Kit } from "./_endpoint_kit.ts";
import { libraryChecks } from "./_library_checks.ts";
import { createPaginator } from "./_paging.ts";
import { playerEndpoints } from "./_player.ts";
import { podcastEndpoints } from "./_podcasts.ts";
import { createRequester } from "./_request.ts";
import { DEFAULT_RETRY } from "../core/retry_policy.ts";
import { userEndpoints } from "./_user_data.ts";
import { type Clock, systemClock } from "./clock.ts";
import { announceRateLimit } from "./rate_limit_notice.ts";
import type { Advice, RetryOptions } from "./request_options.ts";
import type { PagedEndpoints, SpotifyClient } from "./spotify_client.ts";
import type { TokenProvider } from "../auth/token_provider.ts";

// `progress.ts` takes the callback's type from here.
export type { ProgressCallback, ProgressInfo } from "./spotify_client.ts";

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
   * How error messages name the settings a caller can change.
   * @default {the client's own options ("mode", "apiUrl")}
   */
  advice?: Partial<Advice>;
  /**
   * Keep answers on disk between runs: a folder (and optionally a time-to-live per kind, in
   * seconds). No cache when unset.
   */
  cache?: { dir: string; ttl?: Partial<CacheTtl>; now?: () => number } | undefined;
  /**
   * Waits between retries and while a 429 pause lasts; injectable so tests need not wait.
   * @default {setTimeout-based}
   */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The time, and the per-try timer (`timeoutMs`, and the overall `deadlineMs`); injectable so
   * that a test moves time itself instead of waiting for a timeout.
   * @default {systemClock (Date.now and AbortSignal.timeout)}
   */
  clock?: Clock;
}

/**
 * Create a client.
 *
 * @param options Token provider, base URL, mode, cache, and injectable `fetch`, limits and waits.
 * @returns The client.
 *
 * @example
 * ```ts
 * import { connect, createClient } from "../mod.ts";
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
  const requester = createRequester({
    apiUrl,
    tokenProvider: options.tokenProvider,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 20_000,
    deadlineMs: options.deadlineMs ?? 45_000,
    clock: options.clock ?? systemClock,
    onRateLimit: options.onRateLimit ?? announceRateLimit,
    concurrency: options.concurrency ?? 10,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: Math.random,
    mode: () => mode,
    onDevelopmentMode: () => {
      mode = "development";
    },
    cache,
    advice: { ...CLIENT_ADVICE, ...options.advice },
  });
  const { get, basePath } = requester;
  const paginate = createPaginator(requester);
  const kit: Kit = {
    get,
    paginate,
    several: createBatcher(get, () => mode, basePath),
    mode: () => mode,
    basePath,
  };
  const catalog = catalogEndpoints(kit);
  const user = userEndpoints(kit);
  const podcasts = podcastEndpoints(kit);
  const iterate: PagedEndpoints = { ...catalog.iterate, ...user.iterate, ...podcasts.iterate };

  return {
    get mode() {
      return mode;
    },
    apiUrl,
    cache,
    get,
    paginate,
    iterate,
    ...catalog.methods,
    ...user.methods,
    ...podcasts.methods,
    ...libraryChecks(kit),
    ...playerEndpoints(kit),
  };
}
