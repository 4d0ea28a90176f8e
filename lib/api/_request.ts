/**
 * The one place that talks HTTP to the Web API: the bearer header, one token refresh after a 401,
 * `Retry-After` on 429 (capped, with jitter, and told while it lasts), bounded exponential backoff
 * on 5xx, network errors and truncated bodies, a per-try timeout and an overall deadline per
 * request, cancellation by `signal`, the cache (per account for a user's token), and a concurrency
 * limit shared by every call of a client.
 *
 * @module
 */
import type { ResponseCache } from "./cache.ts";
import { developmentModeLacks, refused } from "./capabilities.ts";
import type { AppMode } from "../core/config.ts";
import { ApiError, excerpt, NetworkError, RateLimitError } from "../core/errors.ts";
import { abortableSleep, abortError, untilAborted } from "./_abort.ts";
import {
  apiErrorMessage,
  duration,
  errorMessage,
  errorReason,
  modeError,
  parseBody,
  seconds,
  stripMarkup,
} from "./_classify.ts";
import { createLimiter } from "./_limiter.ts";
import { backoff, parseRetryAfter } from "../core/retry_policy.ts";
import type { Advice, Get, Params, RequestOptions, RetryOptions } from "./request_options.ts";

export type { Get, Params };
import type { TokenProvider } from "../auth/token_provider.ts";

/** Options of {@linkcode createRequester}. */
export interface RequesterOptions {
  /** Web API base URL, without a trailing slash. */
  apiUrl: string;
  /** Where tokens come from. */
  tokenProvider: TokenProvider;
  /** The `fetch` to use. */
  fetch: typeof fetch;
  /** Per-try timeout in ms. */
  timeoutMs: number;
  /** Longest time one request may take through all its tries, in ms (429 pauses excepted). */
  deadlineMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Retry policy. */
  retry: Required<RetryOptions>;
  /** Waits; injectable so tests need not wait. */
  sleep: (ms: number) => Promise<void>;
  /** Random in [0, 1), for jitter. */
  random: () => number;
  /** The clock, in ms since the epoch. */
  now: () => number;
  /** The mode the client works in now. */
  mode: () => AppMode;
  /** Called when, in `auto`, a 403 shows the app is in Development Mode. */
  onDevelopmentMode: () => void;
  /** Told when a 429 pause starts and the request has no `onWait` of its own. */
  onRateLimit: (seconds: number) => void;
  /** Where answers are kept between runs, if anywhere. */
  cache: ResponseCache | undefined;
  /** How messages name the settings a caller can change. */
  advice: Advice;
}

/** The request function and the one check of what lies under the API base URL. */
export interface Requester {
  /** GET a path under the base URL (or a URL under it) and parse the JSON answer. */
  get: Get;
  /**
   * The path under the base path of a URL or path (`/albums/x?offset=50`), or `undefined` when it
   * lies outside it. A URL's host and port are ignored: a cached page may name an emulator that has
   * moved to another port since, and the path is then asked of the client's own base URL, never of
   * the host the link names.
   */
  within(pathOrUrl: string): string | undefined;
  /** The base URL's path, e.g. `/v1`. */
  basePath: string;
}

/** The longest excerpt of a URL, id or query in a message. */
const SHOWN = 120;

/**
 * Create the request function shared by every endpoint of a client.
 *
 * @param options Base URL, tokens, fetch, limits and policy.
 * @returns `get(pathOrUrl, params)` and the base-URL check.
 */
export function createRequester(options: RequesterOptions): Requester {
  const limiter = createLimiter(options.concurrency);
  const base = new URL(options.apiUrl);
  const origin = base.origin;
  const provider = options.tokenProvider;

  const basePath = base.pathname.replace(/\/+$/, "");
  /** When requests may go again after a 429 (ms since the epoch). */
  let resumeAt = 0;
  /** The pause last told to the console, so that concurrent requests tell it once. */
  let announced = 0;
  /** The signed-in account, being looked up (`GET /me`) for a user token without one on file. */
  let identifying: Promise<string | undefined> | undefined;

  /**
   * Which cache partition a request uses: shared (app token), the signed-in account's, or none
   * (a user token whose account is not known yet).
   */
  async function partition(signal: AbortSignal | undefined): Promise<
    { use: boolean; account?: string }
  > {
    if (options.cache === undefined) return { use: false };
    if (typeof provider.account !== "function") return { use: true };
    let account = await provider.account();
    if (account === undefined) {
      identifying ??= request<{ id?: unknown }>(
        new URL(`${options.apiUrl}/me`),
        { use: false },
        { fresh: true, signal },
      ).then(() => provider.account!(), () => undefined).finally(() => {
        identifying = undefined;
      });
      account = await identifying;
    }
    return account === undefined ? { use: false } : { use: true, account };
  }

  /** `pathOrUrl` as a URL, if it lies under the base URL. */
  function resolve(pathOrUrl: string): URL | undefined {
    let url: URL;
    try {
      url = pathOrUrl.startsWith("http")
        ? new URL(pathOrUrl)
        : new URL(`${options.apiUrl}${pathOrUrl}`);
    } catch {
      return undefined;
    }
    return url.origin === origin && url.pathname.startsWith(`${basePath}/`) ? url : undefined;
  }

  function within(pathOrUrl: string): string | undefined {
    let url: URL | undefined;
    try {
      // A link's host is not trusted, only its path: the request goes to the client's own base.
      url = pathOrUrl.startsWith("http") ? new URL(pathOrUrl) : resolve(pathOrUrl);
    } catch {
      return undefined;
    }
    return url !== undefined && url.pathname.startsWith(`${basePath}/`)
      ? url.pathname.slice(basePath.length) + url.search
      : undefined;
  }

  async function get<T>(
    pathOrUrl: string,
    params: Params = {},
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const url = resolve(pathOrUrl);
    if (url === undefined) {
      const shown = pathOrUrl.startsWith("http")
        ? pathOrUrl.replace(/[?#].*/, "")
        : `${options.apiUrl}${pathOrUrl}`;
      throw new TypeError(
        `Cannot fetch "${
          excerpt(shown, SHOWN)
        }": it is not under the API base URL "${options.apiUrl}"`,
      );
    }
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const signal = requestOptions.signal;
    if (signal?.aborted) throw abortError(describe(url), signal);
    return await request<T>(url, await partition(signal), requestOptions);
  }

  function describe(url: URL): string {
    return `GET ${excerpt(decodeURIComponent(url.pathname + url.search), SHOWN)}`;
  }

  async function request<T>(
    url: URL,
    scope: { use: boolean; account?: string },
    { fresh = false, signal, onWait }: RequestOptions,
  ): Promise<T> {
    const path = url.pathname.slice(basePath.length);
    const what = describe(url);
    const lacking = refused(path, options.mode());
    if (lacking !== undefined) throw modeError(what, lacking.endpoint, lacking.why, options.advice);

    const cache = scope.use ? options.cache : undefined;
    const key = `GET ${path}${url.search}`;
    const cached = cache === undefined ? undefined : await cache.read(key, scope.account);
    if (cached !== undefined && !fresh && cache!.isFresh(cached)) return cached.body as T;
    const etag = fresh ? undefined : cached?.etag;

    const started = options.now();
    /** Time spent waiting out 429s, which the deadline does not count. */
    let paused = 0;
    const left = () => started + paused + options.deadlineMs - options.now();
    let refreshed = false;
    let failures = 0;
    let throttled = 0;
    while (true) {
      const outcome = await limiter.run(async () => {
        // After a 429, every request of the client waits until the window reopens.
        const wait = resumeAt - options.now();
        if (wait > 0) {
          if (onWait) onWait(Math.ceil(wait / 1000));
          else if (announced !== resumeAt) {
            announced = resumeAt;
            options.onRateLimit(Math.ceil(wait / 1000));
          }
          await abortableSleep(options.sleep, wait, signal, what);
          paused += wait;
        }
        // The token is taken once the slot is ours: a request queued behind a 401 uses the
        // renewed token, not the one that was current when it started waiting.
        const token = await untilAborted(provider.getToken(), signal, what);
        const used = token.value.reveal();
        const result = await attempt(url, used, etag, Math.min(options.timeoutMs, left()), signal);
        if (result.kind === "response" && result.response.status === 401 && !refreshed) {
          // Renewed while the slot is still held, so that no queued request starts with the
          // refused token; and only if no other request has renewed it already: one revocation,
          // one refresh.
          const current = await provider.getToken();
          if (current.value.reveal() === used) await provider.getToken({ refresh: true });
        }
        return result;
      }, signal).catch((error) => {
        if (signal?.aborted) throw abortError(what, signal);
        throw error;
      });
      if (outcome.kind === "network") {
        if (signal?.aborted) throw abortError(what, signal);
        failures++;
        const pause = backoff(failures, options.retry, options.random);
        if (failures <= options.retry.maxRetries && left() > pause) {
          await abortableSleep(options.sleep, pause, signal, what);
          continue;
        }
        const overDeadline = left() <= pause && failures <= options.retry.maxRetries;
        throw new NetworkError(
          overDeadline || outcome.timeout
            ? `Cannot fetch "${what}": no answer within ${
              overDeadline
                ? seconds(options.deadlineMs)
                : seconds(Math.min(options.timeoutMs, options.deadlineMs))
            } s after ${failures} ${
              failures === 1 ? "try" : "tries"
            }; check your network connection and try again`
            : `Cannot fetch "${what}": "${origin}" is unreachable after ${failures} tries; check your network connection, or ${options.advice.apiUrl}`,
          {
            url: `${origin}${url.pathname}`,
            timeout: overDeadline || outcome.timeout,
            cause: outcome.cause,
          },
        );
      }
      const { response, text } = outcome;
      const status = response.status;
      if (status === 304 && cached !== undefined) {
        await cache!.touch(cached);
        return cached.body as T;
      }
      if (response.ok) {
        if (status === 204 || text === "") return undefined as T;
        let body: T;
        try {
          body = JSON.parse(text) as T;
        } catch (cause) {
          failures++;
          const pause = backoff(failures, options.retry, options.random);
          if (failures <= options.retry.maxRetries && left() > pause) {
            await abortableSleep(options.sleep, pause, signal, what);
            continue;
          }
          throw new ApiError(
            `Cannot fetch "${what}": Spotify answered ${status} with a body that is not JSON after ${failures} tries; try again in a minute`,
            {
              status,
              method: "GET",
              url: url.pathname + url.search,
              body: excerpt(stripMarkup(text), 200),
              cause,
            },
          );
        }
        // The cache is an optimisation: it never throws, and a failed write only warns.
        await cache?.write(key, response.headers.get("etag") ?? undefined, text, scope.account);
        if (path === "/me" && typeof provider.identify === "function") {
          const id = (body as { id?: unknown } | null)?.id;
          if (typeof id === "string" && id !== "") await provider.identify(id);
        }
        return body;
      }
      const body = parseBody(text);
      const message = errorMessage(body);
      const reason = errorReason(body);
      if (status === 401 && !refreshed) {
        refreshed = true; // the token was renewed in the slot; one more try
        continue;
      }
      if (status === 429) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        const quota = reason === "QUOTA_EXCEEDED";
        if (
          !quota && retryAfter <= options.retry.maxRetryAfter && throttled++ < options.retry.max429
        ) {
          resumeAt = Math.max(
            resumeAt,
            options.now() + retryAfter * 1000 + options.random() * 1000,
          );
          continue;
        }
        throw new RateLimitError(
          quota
            ? `Cannot fetch "${what}": Spotify answered 429 "QUOTA_EXCEEDED" (your developer account's quota is spent; it comes back in ${
              duration(retryAfter)
            })`
            : `Cannot fetch "${what}": Spotify answered 429 "${
              message ?? "Too many requests"
            }" and asks to wait ${
              duration(retryAfter)
            }, longer than the client waits (${options.retry.maxRetryAfter} s); try again later`,
          {
            status,
            method: "GET",
            url: url.pathname + url.search,
            body,
            retryAfter,
            ...(reason === undefined ? {} : { reason }),
          },
        );
      }
      const lacks = status === 403 ? developmentModeLacks(path) : undefined;
      if (lacks !== undefined && options.mode() === "auto") {
        options.onDevelopmentMode();
        throw modeError(what, lacks.endpoint, lacks.why, options.advice, { status, body });
      }
      if (status >= 500) {
        failures++;
        const pause = backoff(failures, options.retry, options.random);
        if (failures <= options.retry.maxRetries && left() > pause) {
          await abortableSleep(options.sleep, pause, signal, what);
          continue;
        }
      }
      throw new ApiError(apiErrorMessage(what, status, message, text, refreshed, options.advice), {
        status,
        method: "GET",
        url: url.pathname + url.search,
        body,
        ...(reason === undefined ? {} : { reason }),
      });
    }
  }

  return { get, within, basePath };

  async function attempt(
    url: URL,
    token: string,
    etag: string | undefined,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<
    { kind: "response"; response: Response; text: string } | {
      kind: "network";
      timeout: boolean;
      cause: unknown;
    }
  > {
    const timer = AbortSignal.timeout(Math.max(1, timeoutMs));
    try {
      const response = await options.fetch(url, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(etag === undefined ? {} : { "if-none-match": etag }),
        },
        signal: signal === undefined ? timer : AbortSignal.any([timer, signal]),
      });
      return { kind: "response", response, text: await response.text() };
    } catch (cause) {
      const timeout = timer.aborted;
      return { kind: "network", timeout, cause };
    }
  }
}
