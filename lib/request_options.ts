/**
 * The options every request of a client takes, and its retry policy: public types of
 * `createClient`'s options and of every endpoint's options.
 *
 * @module
 */
import type { AppMode } from "./config.ts";

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

/** Query parameters; `undefined` values are left out. */
export type Params = Record<string, string | number | boolean | undefined>;

/** A GET against the API, answering parsed JSON. */
export type Get = <T>(pathOrUrl: string, params?: Params, options?: RequestOptions) => Promise<T>;

/**
 * How messages name the settings a caller can change: the client's own options by default;
 * `connect` names the `.env` variables instead, since it reads them.
 */
export interface Advice {
  /** Where the mode is set, e.g. `SPOTIFY_MODE=development in .env`. */
  mode: (mode: AppMode) => string;
  /** Where the API base URL is set. */
  apiUrl: string;
  /** Where the app's credentials are set. */
  credentials: string;
}
