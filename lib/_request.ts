/**
 * The one place that talks HTTP to the Web API: the bearer header, one token refresh after a 401,
 * `Retry-After` on 429 (capped, with jitter), bounded exponential backoff on 5xx, network errors and
 * truncated bodies, a per-request timeout, and a concurrency limit shared by every call of a client.
 *
 * @module
 */
import type { ResponseCache } from "./cache.ts";
import { developmentModeLacks, refused } from "./capabilities.ts";
import type { AppMode } from "./config.ts";
import { ApiError, ModeError, NetworkError, RateLimitError } from "./errors.ts";
import { createLimiter } from "./_limiter.ts";
import type { TokenProvider } from "./token_provider.ts";

/** Retry policy. */
export interface RetryOptions {
  /**
   * Retries after a 5xx, a network error or a truncated body.
   * @default {3}
   */
  maxRetries?: number;
  /**
   * The longest `Retry-After` (seconds) the client waits out; a longer one fails fast.
   * @default {60}
   */
  maxRetryAfter?: number;
  /**
   * How many 429s in a row one request waits out before failing.
   * @default {8}
   */
  max429?: number;
  /**
   * First backoff delay in ms; doubles per retry.
   * @default {250}
   */
  baseDelayMs?: number;
  /**
   * Longest backoff delay in ms.
   * @default {8000}
   */
  maxDelayMs?: number;
}

/** Options of {@linkcode createRequester}. */
export interface RequesterOptions {
  /** Web API base URL, without a trailing slash. */
  apiUrl: string;
  /** Where tokens come from. */
  tokenProvider: TokenProvider;
  /** The `fetch` to use. */
  fetch: typeof fetch;
  /** Per-request timeout in ms. */
  timeoutMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Retry policy. */
  retry: Required<RetryOptions>;
  /** Waits; injectable so tests need not wait. */
  sleep: (ms: number) => Promise<void>;
  /** Random in [0, 1), for jitter. */
  random: () => number;
  /** The mode the client works in now. */
  mode: () => AppMode;
  /** Called when, in `auto`, a 403 shows the app is in Development Mode. */
  onDevelopmentMode: () => void;
  /** Where answers are kept between runs, if anywhere. */
  cache: ResponseCache | undefined;
}

/** Query parameters; `undefined` values are left out. */
export type Params = Record<string, string | number | boolean | undefined>;

/** Options of one request. */
export interface RequestOptions {
  /**
   * Skip the cache and fetch again (the answer still refreshes the cache).
   * @default {false}
   */
  fresh?: boolean | undefined;
}

/** A GET against the API, answering parsed JSON. */
export type Get = <T>(pathOrUrl: string, params?: Params, options?: RequestOptions) => Promise<T>;

/**
 * Create the request function shared by every endpoint of a client.
 *
 * @param options Base URL, tokens, fetch, limits and policy.
 * @returns `get(pathOrUrl, params)`.
 */
export function createRequester(options: RequesterOptions): Get {
  const limiter = createLimiter(options.concurrency);
  const base = new URL(options.apiUrl);
  const origin = base.origin;

  const basePath = base.pathname.replace(/\/+$/, "");
  /** When requests may go again after a 429 (ms since the epoch). */
  let resumeAt = 0;

  return async function get<T>(
    pathOrUrl: string,
    params: Params = {},
    { fresh = false }: RequestOptions = {},
  ): Promise<T> {
    const url = pathOrUrl.startsWith("http")
      ? new URL(pathOrUrl)
      : new URL(`${options.apiUrl}${pathOrUrl}`);
    if (url.origin !== origin || !url.pathname.startsWith(`${basePath}/`)) {
      throw new TypeError(
        `Cannot fetch "${url.origin}${url.pathname}": it is not under the API base URL "${options.apiUrl}"`,
      );
    }
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const path = url.pathname.slice(basePath.length);
    const what = `GET ${url.pathname}${url.search}`;
    const lacking = refused(path, options.mode());
    if (lacking !== undefined) throw modeError(what, lacking.endpoint, lacking.why);

    const key = `GET ${path}${url.search}`;
    const cached = options.cache === undefined ? undefined : await options.cache.read(key);
    if (cached !== undefined && !fresh && options.cache!.isFresh(cached)) return cached.body as T;
    const etag = fresh ? undefined : cached?.etag;

    let refreshed = false;
    let failures = 0;
    let throttled = 0;
    while (true) {
      const token = await options.tokenProvider.getToken();
      const outcome = await limiter.run(async () => {
        // After a 429, every request of the client waits until the window reopens.
        const wait = resumeAt - Date.now();
        if (wait > 0) await options.sleep(wait);
        return attempt(url, token.value.reveal(), etag);
      });
      if (outcome.kind === "network") {
        if (failures++ < options.retry.maxRetries) {
          await options.sleep(backoff(failures));
          continue;
        }
        throw new NetworkError(
          outcome.timeout
            ? `Cannot fetch "${what}": no answer within ${
              options.timeoutMs / 1000
            } s after ${failures} tries; check your network connection and try again`
            : `Cannot fetch "${what}": "${origin}" is unreachable after ${failures} tries; check your network connection, or SPOTIFY_API_URL in .env`,
          { url: `${origin}${url.pathname}`, timeout: outcome.timeout, cause: outcome.cause },
        );
      }
      const { response, text } = outcome;
      const status = response.status;
      if (status === 304 && cached !== undefined) {
        await options.cache!.touch(cached);
        return cached.body as T;
      }
      if (response.ok) {
        if (status === 204 || text === "") return undefined as T;
        try {
          const body = JSON.parse(text) as T;
          await options.cache?.write(key, response.headers.get("etag") ?? undefined, text);
          return body;
        } catch (cause) {
          if (failures++ < options.retry.maxRetries) {
            await options.sleep(backoff(failures));
            continue;
          }
          throw new ApiError(
            `Cannot fetch "${what}": Spotify answered ${status} with a body that is not JSON after ${failures} tries; try again in a minute`,
            { status, method: "GET", url: url.pathname + url.search, body: text, cause },
          );
        }
      }
      const body = parseBody(text);
      const message = errorMessage(body);
      const reason = errorReason(body);
      if (status === 401 && !refreshed) {
        refreshed = true;
        await options.tokenProvider.getToken({ refresh: true });
        continue;
      }
      if (status === 429) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        const quota = reason === "QUOTA_EXCEEDED";
        if (
          !quota && retryAfter <= options.retry.maxRetryAfter && throttled++ < options.retry.max429
        ) {
          resumeAt = Math.max(resumeAt, Date.now() + retryAfter * 1000 + options.random() * 1000);
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
        throw modeError(what, lacks.endpoint, lacks.why, { status, body });
      }
      if (status >= 500 && failures++ < options.retry.maxRetries) {
        await options.sleep(backoff(failures));
        continue;
      }
      throw new ApiError(apiErrorMessage(what, status, message, text, refreshed), {
        status,
        method: "GET",
        url: url.pathname + url.search,
        body,
        ...(reason === undefined ? {} : { reason }),
      });
    }
  };

  function backoff(failures: number): number {
    const { baseDelayMs, maxDelayMs } = options.retry;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - 1));
    return ceiling / 2 + options.random() * ceiling / 2;
  }

  async function attempt(
    url: URL,
    token: string,
    etag: string | undefined,
  ): Promise<
    { kind: "response"; response: Response; text: string } | {
      kind: "network";
      timeout: boolean;
      cause: unknown;
    }
  > {
    try {
      const response = await options.fetch(url, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(etag === undefined ? {} : { "if-none-match": etag }),
        },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      return { kind: "response", response, text: await response.text() };
    } catch (cause) {
      const timeout = cause instanceof DOMException && cause.name === "TimeoutError";
      return { kind: "network", timeout, cause };
    }
  }
}

function modeError(
  what: string,
  endpoint: string,
  why: string,
  answered?: { status: number; body: unknown },
): ModeError {
  const said = answered === undefined
    ? `it is not available to Development Mode apps (SPOTIFY_MODE=development)`
    : `Spotify answered ${answered.status}, so this app is in Development Mode, which lacks it`;
  return new ModeError(
    `Cannot fetch "${what}": ${said}; ${why} (set SPOTIFY_MODE=extended only if your app has Extended Quota Mode)`,
    { endpoint, mode: "development", ...(answered === undefined ? {} : { cause: answered.body }) },
  );
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 200) || undefined;
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === "object" && error !== null) {
    const message = (error as { message?: unknown }).message;
    return typeof message === "string" ? message : undefined;
  }
  return typeof error === "string" ? error : undefined;
}

function errorReason(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | null)?.error;
  const reason = typeof error === "object" && error !== null
    ? (error as { reason?: unknown }).reason
    : undefined;
  return typeof reason === "string" ? reason : undefined;
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date); 1 when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number {
  if (header === null) return 1;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1 : Math.max(0, Math.ceil((date - now) / 1000));
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function apiErrorMessage(
  what: string,
  status: number,
  message: string | undefined,
  text: string,
  refreshed: boolean,
): string {
  const said = `Spotify answered ${status}${message ? ` "${message}"` : ""}`;
  const hint = (() => {
    if (message?.startsWith("Active premium subscription required")) {
      return "the app owner's Premium subscription has lapsed; renew it, and access returns a few hours later";
    }
    if (/User not registered/i.test(text)) {
      return "add this Spotify account to the app's User Management list in the developer dashboard";
    }
    switch (status) {
      case 400:
        return message === "Invalid limit"
          ? "the page size is above what this app's mode allows; set SPOTIFY_MODE=development in .env"
          : "the request's parameters were refused; check the ids and options you passed";
      case 401:
        return refreshed
          ? "a fresh token was refused too; check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in .env"
          : "the token was refused";
      case 403:
        return "this endpoint is not available to Development Mode apps, or the resource is not yours";
      case 404:
        return "no such id, or an endpoint Spotify removed for new apps; check the id";
    }
    return status >= 500
      ? "Spotify is having trouble; try again in a minute"
      : "see the error's body for details";
  })();
  return `Cannot fetch "${what}": ${said} (${hint})`;
}
