/**
 * The one place that talks HTTP to the Web API: the request path, composed of small steps (each in
 * its own module under `api/`, each tested alone) in the order a request meets them:
 *
 * 1. the mode gate (`_mode_gate.ts`): an endpoint the client's mode lacks is refused before any
 *    request;
 * 2. the cache (`_cache_step.ts`): a fresh entry answers at once, a stale one is revalidated;
 * 3. per try, inside the client's concurrency limit (`_limiter.ts`): the rate-limit gate
 *    (`_rate_limit_gate.ts`) waits while a 429 pause lasts, the auth step (`_auth_step.ts`) sends the
 *    bearer token and renews it once after a 401, and the GET itself (`_attempt.ts`) is cut off by
 *    a per-try timeout on the client's clock;
 * 4. error classification (`_classify_answer.ts`) says what the answer means;
 * 5. retry with backoff (`_retry.ts`), written once for 5xx, network errors, timeouts and truncated
 *    bodies, bounded by the policy's tries and the request's deadline (`_deadline.ts`).
 *
 * @module
 */
import type { ResponseCache } from "./cache.ts";
import type { AppMode } from "../core/config.ts";
import { excerpt } from "../core/errors.ts";
import { abortError } from "./_abort.ts";
import { createLimiter, type Limiter } from "./_limiter.ts";
import type { Advice, Get, Params, RequestOptions, RetryOptions } from "./request_options.ts";
import type { TokenProvider } from "../auth/token_provider.ts";
import { attempt } from "./_attempt.ts";
import { type Bearer, createBearer } from "./_auth_step.ts";
import { type CachedRead, type CacheStep, createCacheStep } from "./_cache_step.ts";
import { type AnswerContext, classifyAnswer, type Verdict } from "./_classify_answer.ts";
import type { Clock } from "./clock.ts";
import { createDeadline } from "./_deadline.ts";
import { createModeGate, type ModeGate } from "./_mode_gate.ts";
import { createRateLimitGate, type RateLimitGate, type Throttle } from "./_rate_limit_gate.ts";
import { AGAIN, retrying, type Try } from "./_retry.ts";

export type { Get, Params };

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
  /** Waits between tries; injectable so tests need not wait. */
  sleep: (ms: number) => Promise<void>;
  /** Random in [0, 1), for jitter. */
  random: () => number;
  /** The time, and the per-try timer. */
  clock: Clock;
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

/** The API base URL, taken apart once. */
interface Base {
  /** As given, without a trailing slash (`https://api.spotify.com/v1`). */
  apiUrl: string;
  /** Its origin (`https://api.spotify.com`). */
  origin: string;
  /** Its path (`/v1`). */
  basePath: string;
}

/** The steps a client's requests share. */
interface Steps {
  options: RequesterOptions;
  basePath: string;
  limiter: Limiter;
  modeGate: ModeGate;
  openCache: CacheStep;
  rateLimit: RateLimitGate;
}

/**
 * Create the request function shared by every endpoint of a client.
 *
 * @param options Base URL, tokens, fetch, limits and policy.
 * @returns `get(pathOrUrl, params)` and the base-URL check.
 */
export function createRequester(options: RequesterOptions): Requester {
  const { origin, pathname } = new URL(options.apiUrl);
  const base: Base = { apiUrl: options.apiUrl, origin, basePath: pathname.replace(/\/+$/, "") };
  const steps: Steps = {
    options,
    basePath: base.basePath,
    limiter: createLimiter(options.concurrency),
    modeGate: createModeGate(options),
    openCache: createCacheStep(options.cache, options.tokenProvider),
    rateLimit: createRateLimitGate({ ...options, now: options.clock.now }),
  };
  return {
    // A bad path is a rejected promise, never a synchronous throw.
    get: async <T>(pathOrUrl: string, params: Params = {}, requestOptions: RequestOptions = {}) =>
      await request<T>(steps, urlOf(base, pathOrUrl, params), requestOptions),
    within: (pathOrUrl) => within(base, pathOrUrl),
    basePath: base.basePath,
  };
}

/** One GET, through every step of the path. */
async function request<T>(
  steps: Steps,
  url: URL,
  { fresh = false, signal, onWait }: RequestOptions,
): Promise<T> {
  const { options } = steps;
  const what = describe(url);
  if (signal?.aborted) throw abortError(what, signal);
  const path = url.pathname.slice(steps.basePath.length);
  steps.modeGate.check(path, what); // 1. the mode gate
  const cached = await steps.openCache(`GET ${path}${url.search}`, fresh); // 2. the cache
  if (cached.fresh) return cached.body as T;

  const deadline = createDeadline(options.deadlineMs, options.clock.now);
  const throttle = steps.rateLimit.forRequest(signal, what, onWait);
  const bearer = createBearer(options.tokenProvider, signal, what);
  const send = (token: string) =>
    attempt(url, {
      fetch: options.fetch,
      token,
      etag: cached.etag,
      timeout: options.clock.timeout(Math.min(options.timeoutMs, deadline.left())),
      signal,
      what,
    });
  const context: AnswerContext = {
    what,
    url,
    revalidating: cached.revalidating,
    timeoutMs: options.timeoutMs,
    deadlineMs: options.deadlineMs,
    maxRetryAfter: options.retry.maxRetryAfter,
    max429: options.retry.max429,
    advice: options.advice,
    now: options.clock.now,
  };
  const tryOnce = async (): Promise<Try<T>> => {
    const outcome = await steps.limiter.run(async () => {
      deadline.exclude(await throttle.wait()); // 3. the rate-limit gate
      return await bearer.send(send); // the auth step, around the GET and its timeout
    }, signal).catch((error) => {
      throw signal?.aborted ? abortError(what, signal) : error;
    });
    const verdict = classifyAnswer(outcome, context); // 4. error classification
    return await settle<T>(verdict, {
      path,
      what,
      cached,
      bearer,
      throttle,
      modeGate: steps.modeGate,
    });
  };
  const { retry, random, sleep } = options; // 5. retry with backoff
  return await retrying(tryOnce, { policy: retry, random, sleep, deadline, signal, what });
}

/** What a verdict does: answer, go again at once, retry after a pause, or fail. */
async function settle<T>(
  verdict: Verdict,
  on: {
    path: string;
    what: string;
    cached: CachedRead;
    bearer: Bearer;
    throttle: Throttle;
    modeGate: ModeGate;
  },
): Promise<Try<T>> {
  switch (verdict.kind) {
    case "ok":
      // The cache is an optimisation: it never throws, and a failed write only warns.
      await on.cached.store(verdict.etag, verdict.text);
      return { kind: "done", value: verdict.body as T };
    case "empty":
      return { kind: "done", value: undefined as T };
    case "not-modified":
      return { kind: "done", value: await on.cached.reuse() as T };
    case "unauthorized":
      if (on.bearer.renewed()) return AGAIN; // the token was renewed in the slot: one more try
      throw verdict.error();
    case "rate-limited":
      if (on.throttle.waitOut(verdict)) return AGAIN; // the gate holds the next try back
      throw verdict.error();
    case "transient":
      return verdict;
    case "refused":
      throw on.modeGate.learn(on.path, on.what, verdict) ?? verdict.error();
  }
}

/** `pathOrUrl` with its query, as a URL under the base URL. */
function urlOf(base: Base, pathOrUrl: string, params: Params): URL {
  const url = resolve(base, pathOrUrl);
  if (url === undefined) {
    const apiUrl = base.apiUrl;
    const shown = pathOrUrl.startsWith("http")
      ? pathOrUrl.replace(/[?#].*/, "")
      : `${apiUrl}${pathOrUrl}`;
    throw new TypeError(
      `Cannot fetch "${excerpt(shown, SHOWN)}": it is not under the API base URL "${apiUrl}"`,
    );
  }
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

/** `pathOrUrl` as a URL, if it lies under the base URL. */
function resolve(base: Base, pathOrUrl: string): URL | undefined {
  let url: URL;
  try {
    url = pathOrUrl.startsWith("http") ? new URL(pathOrUrl) : new URL(`${base.apiUrl}${pathOrUrl}`);
  } catch {
    return undefined;
  }
  return url.origin === base.origin && url.pathname.startsWith(`${base.basePath}/`)
    ? url
    : undefined;
}

/** The path under the base path of `pathOrUrl` (see {@linkcode Requester.within}). */
function within(base: Base, pathOrUrl: string): string | undefined {
  let url: URL | undefined;
  try {
    // A link's host is not trusted, only its path: the request goes to the client's own base.
    url = pathOrUrl.startsWith("http") ? new URL(pathOrUrl) : resolve(base, pathOrUrl);
  } catch {
    return undefined;
  }
  return url !== undefined && url.pathname.startsWith(`${base.basePath}/`)
    ? url.pathname.slice(base.basePath.length) + url.search
    : undefined;
}

/** The request as messages name it: `GET /v1/albums/x`. */
function describe(url: URL): string {
  return `GET ${excerpt(decodeURIComponent(url.pathname + url.search), SHOWN)}`;
}
