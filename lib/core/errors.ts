/**
 * The error family. Every situation a user can meet and we can name has a class here and a
 * one-sentence message: what happened and what to do. No message ever contains a secret or a token:
 * the base class's constructor is the one place every message, body and `cause` chain goes through
 * {@linkcode scrub} (known secrets, and credentials in the shapes servers echo them).
 *
 * @module
 */
import { scrub, scrubError, scrubValue } from "./secret.ts";

/** Options shared by every error of the family. */
export interface SpotifyErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Base class of every error this library throws on purpose.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpotifyError } from "./errors.ts";
 * const error = new SpotifyError("Cannot do it: because");
 * assert.ok(error instanceof Error && error.name === "SpotifyError");
 * ```
 */
export class SpotifyError extends Error {
  /**
   * Makes a SpotifyError (its message is scrubbed of secrets).
   *
   * @param message One sentence: what happened and what to do.
   * @param options The cause, if any.
   */
  constructor(message: string, options: SpotifyErrorOptions = {}) {
    const clean = scrub(message);
    super(clean, "cause" in options ? { cause: scrubError(options.cause) } : undefined);
    this.name = new.target.name;
    // A named situation is told in one sentence: notebooks show `stack`, so it holds no frames.
    // The underlying error, with its frames, stays in `cause`.
    this.stack = `${this.name}: ${clean}`;
  }
}

/**
 * A missing or malformed configuration value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigError } from "./errors.ts";
 * const error = new ConfigError("SPOTIFY_MODE", "Invalid SPOTIFY_MODE");
 * assert.ok(error.variable === "SPOTIFY_MODE");
 * ```
 */
export class ConfigError extends SpotifyError {
  /** The environment variable at fault. */
  readonly variable: string;
  /**
   * Makes a ConfigError (its message is scrubbed of secrets).
   *
   * @param variable The environment variable at fault.
   * @param message The sentence to show.
   * @param options The cause, if any.
   */
  constructor(variable: string, message: string, options: SpotifyErrorOptions = {}) {
    super(message, options);
    this.variable = variable;
  }
}

/** Options of {@linkcode AuthError}. */
export interface AuthErrorOptions extends SpotifyErrorOptions {
  /** HTTP status of the token endpoint's answer, when there was one. */
  status?: number;
  /** The OAuth error code (`invalid_client`, `invalid_grant`, ...), when there was one. */
  code?: string;
  /** The OAuth `error_description`, when there was one. */
  description?: string;
}

/**
 * The token endpoint refused or could not be reached.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AuthError } from "./errors.ts";
 * const error = new AuthError("Cannot get a token", { status: 400, code: "invalid_client" });
 * assert.ok(error.code === "invalid_client");
 * ```
 */
export class AuthError extends SpotifyError {
  /** HTTP status, or `undefined` when no answer came. */
  readonly status: number | undefined;
  /** The OAuth error code, or `undefined`. */
  readonly code: string | undefined;
  /** The OAuth error description, or `undefined`. */
  readonly description: string | undefined;
  /**
   * Makes an AuthError (its message is scrubbed of secrets).
   *
   * @param message The sentence to show.
   * @param options Status, OAuth code and description, cause.
   */
  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, options);
    this.status = options.status;
    this.code = options.code === undefined ? undefined : scrub(options.code);
    this.description = options.description === undefined ? undefined : scrub(options.description);
  }
}

/** Options of {@linkcode ApiError}. */
export interface ApiErrorOptions extends SpotifyErrorOptions {
  /** HTTP status. */
  status: number;
  /** HTTP method. */
  method: string;
  /** URL path of the request (never with a token; query strings carry none). */
  url: string;
  /** The parsed body (JSON) or its text. */
  body?: unknown;
  /** The `reason` field of the error object, e.g. `QUOTA_EXCEEDED`. */
  reason?: string;
}

/**
 * The Web API answered with an error status.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ApiError } from "./errors.ts";
 * const error = new ApiError("Cannot fetch", { status: 404, method: "GET", url: "/v1/artists/x" });
 * assert.ok(error.status === 404);
 * ```
 */
export class ApiError extends SpotifyError {
  /** HTTP status. */
  readonly status: number;
  /** HTTP method. */
  readonly method: string;
  /** URL path and query of the request. */
  readonly url: string;
  /** The parsed error body, or its text. */
  readonly body: unknown;
  /** The `reason` field of the error object, when present. */
  readonly reason: string | undefined;
  /**
   * Makes an ApiError (its message is scrubbed of secrets).
   *
   * @param message The sentence to show.
   * @param options What the caller needs: status, method, url, body, reason.
   */
  constructor(message: string, options: ApiErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.method = options.method;
    this.url = scrub(options.url);
    this.body = scrubValue(options.body);
    this.reason = options.reason;
  }
}

/** Options of {@linkcode RateLimitError}. */
export interface RateLimitErrorOptions extends ApiErrorOptions {
  /** Seconds Spotify asked us to wait. */
  retryAfter: number;
}

/**
 * A 429 we will not wait out: the `Retry-After` is beyond the client's cap, or the quota is spent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RateLimitError } from "./errors.ts";
 * const error = new RateLimitError("Too many", {
 *   status: 429, method: "GET", url: "/v1/search", retryAfter: 3600,
 * });
 * assert.ok(error.retryAfter === 3600);
 * ```
 */
export class RateLimitError extends ApiError {
  /** Seconds Spotify asked us to wait. */
  readonly retryAfter: number;
  /**
   * Makes a RateLimitError (its message is scrubbed of secrets).
   *
   * @param message The sentence to show.
   * @param options As for {@linkcode ApiError}, plus `retryAfter`.
   */
  constructor(message: string, options: RateLimitErrorOptions) {
    super(message, options);
    this.retryAfter = options.retryAfter;
  }
}

/** Options of {@linkcode NetworkError}. */
export interface NetworkErrorOptions extends SpotifyErrorOptions {
  /** The URL that could not be reached (origin and path only). */
  url: string;
  /** Whether the request ran out of time, rather than failing to connect. */
  timeout?: boolean;
}

/**
 * No HTTP answer: connection refused, dropped, DNS failure, or a timeout.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NetworkError } from "./errors.ts";
 * const error = new NetworkError("Cannot reach", { url: "https://api.spotify.com/v1" });
 * assert.ok(!error.timeout);
 * ```
 */
export class NetworkError extends SpotifyError {
  /** The URL that could not be reached. */
  readonly url: string;
  /** Whether the request ran out of time. */
  readonly timeout: boolean;
  /**
   * Makes a NetworkError (its message is scrubbed of secrets).
   *
   * @param message The sentence to show.
   * @param options The URL, whether it timed out, the cause.
   */
  constructor(message: string, options: NetworkErrorOptions) {
    super(message, options);
    this.url = scrub(options.url);
    this.timeout = options.timeout ?? false;
  }
}

/** Options of {@linkcode ModeError}. */
export interface ModeErrorOptions extends SpotifyErrorOptions {
  /** The endpoint refused, e.g. `GET /artists/{id}/top-tracks`. */
  endpoint: string;
  /** The app mode that lacks it. */
  mode: string;
}

/**
 * An endpoint Spotify removed for the app's mode: thrown before any request when the client knows
 * the mode is `development`, or after the 403 that teaches an `auto` client so.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ModeError } from "./errors.ts";
 * const error = new ModeError("Not here", { endpoint: "GET /markets", mode: "development" });
 * assert.ok(error.mode === "development");
 * ```
 */
export class ModeError extends SpotifyError {
  /** The endpoint refused. */
  readonly endpoint: string;
  /** The app mode that lacks it. */
  readonly mode: string;
  /**
   * Makes a ModeError (its message is scrubbed of secrets).
   *
   * @param message The sentence to show.
   * @param options The endpoint and the mode.
   */
  constructor(message: string, options: ModeErrorOptions) {
    super(message, options);
    this.endpoint = options.endpoint;
    this.mode = options.mode;
  }
}

/**
 * A text cut to a readable length for a message: one line, at most `max` characters, with `…`
 * where it was cut.
 *
 * @param text Any text (an id, a query, a body).
 * @param max The longest excerpt.
 * @returns The excerpt.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { excerpt } from "./errors.ts";
 * assert.equal(excerpt("x".repeat(100), 10), "xxxxxxxxx…");
 * assert.equal(excerpt("a\n  b"), "a b");
 * ```
 */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
