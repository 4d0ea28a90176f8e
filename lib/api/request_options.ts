/**
 * The options every request of a client takes, and its retry policy: public types of
 * `createClient`'s options and of every endpoint's options.
 *
 * @module
 */
import type { AppMode } from "../core/config.ts";
import type { RetryOptions } from "../core/retry_policy.ts";

export type { RetryOptions };

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
