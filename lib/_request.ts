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
import type { AppMode } from "./config.ts";
import { ApiError, excerpt, ModeError, NetworkError, RateLimitError } from "./errors.ts";
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
  /**
   * Cancel the call: it rejects promptly with an error named `AbortError`, the cache stays as it
   * was, and the client stays usable.
   */
  signal?: AbortSignal | undefined;
  /** Told, in seconds, when the request starts waiting out a 429 (instead of the console). */
  onWait?: ((seconds: number) => void) | undefined;
}

/** A GET against the API, answering parsed JSON. */
export type Get = <T>(pathOrUrl: string, params?: Params, options?: RequestOptions) => Promise<T>;

/** The longest excerpt of a URL, id or query in a message. */
const SHOWN = 120;

/**
 * The error a cancelled call rejects with.
 *
 * @param what What was cancelled, e.g. `GET /v1/albums/x`.
 * @param signal The signal, whose reason becomes the `cause`.
 * @returns A `DOMException` named `AbortError`.
 */
export function abortError(what: string, signal?: AbortSignal): DOMException {
  const error = new DOMException(`Cannot fetch "${what}": the call was cancelled`, "AbortError");
  if (signal?.reason !== undefined && signal.reason !== error) {
    Object.defineProperty(error, "cause", { value: signal.reason, configurable: true });
  }
  return error;
}

/** `ms` of `sleep`, cut short by the signal (then rejecting with {@linkcode abortError}). */
export function abortableSleep(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
  what: string,
): Promise<void> {
  if (signal === undefined) return sleep(ms);
  if (signal.aborted) return Promise.reject(abortError(what, signal));
  return new Promise<void>((resolve, reject) => {
    const aborted = () => reject(abortError(what, signal));
    signal.addEventListener("abort", aborted, { once: true });
    sleep(ms).then(resolve, reject).finally(() => signal.removeEventListener("abort", aborted));
  });
}

/** `promise`, or a rejection with {@linkcode abortError} as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string) {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const aborted = () => reject(abortError(what, signal));
    if (signal.aborted) return aborted();
    signal.addEventListener("abort", aborted, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", aborted));
  });
}

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

  return async function get<T>(
    pathOrUrl: string,
    params: Params = {},
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const url = pathOrUrl.startsWith("http")
      ? new URL(pathOrUrl)
      : new URL(`${options.apiUrl}${pathOrUrl}`);
    if (url.origin !== origin || !url.pathname.startsWith(`${basePath}/`)) {
      throw new TypeError(
        `Cannot fetch "${
          excerpt(url.origin + url.pathname, SHOWN)
        }": it is not under the API base URL "${options.apiUrl}"`,
      );
    }
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const signal = requestOptions.signal;
    if (signal?.aborted) throw abortError(describe(url), signal);
    return await request<T>(url, await partition(signal), requestOptions);
  };

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
    if (lacking !== undefined) throw modeError(what, lacking.endpoint, lacking.why);

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
        const pause = backoff(failures);
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
            : `Cannot fetch "${what}": "${origin}" is unreachable after ${failures} tries; check your network connection, or SPOTIFY_API_URL in .env`,
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
          const pause = backoff(failures);
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
        throw modeError(what, lacks.endpoint, lacks.why, { status, body });
      }
      if (status >= 500) {
        failures++;
        const pause = backoff(failures);
        if (failures <= options.retry.maxRetries && left() > pause) {
          await abortableSleep(options.sleep, pause, signal, what);
          continue;
        }
      }
      throw new ApiError(apiErrorMessage(what, status, message, text, refreshed), {
        status,
        method: "GET",
        url: url.pathname + url.search,
        body,
        ...(reason === undefined ? {} : { reason }),
      });
    }
  }

  function backoff(failures: number): number {
    const { baseDelayMs, maxDelayMs } = options.retry;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - 1));
    return ceiling / 2 + options.random() * ceiling / 2;
  }

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

function seconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
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
    return excerpt(stripMarkup(text), 500);
  }
}

/**
 * An HTML error page (a proxy's 502, a captive portal) as one line of text: its title, or its text
 * without markup, cut to a readable length.
 */
function stripMarkup(text: string): string {
  if (!/<[a-z!/][^>]*>/i.test(text)) return text;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
  const plain = (html: string) =>
    html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ")
      .replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  return plain(title || heading || text).replace(/\s+/g, " ").trim();
}

function errorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return excerpt(stripMarkup(body), 100) || undefined;
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

/**
 * `Retry-After` in seconds: delta-seconds (a fraction rounds up) or an HTTP date; 1 when absent or
 * unreadable, 0 for a date already past.
 *
 * @param header The header's value.
 * @param now The clock, in ms since the epoch.
 * @returns Seconds to wait.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number {
  const value = header?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = /[a-z]/i.test(value) ? Date.parse(value) : NaN;
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
