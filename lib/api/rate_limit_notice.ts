/**
 * What a client says while it waits out Spotify's rate limit (a 429's `Retry-After`): the phrase a
 * progress bar shows in place, and the console line told by default to calls without a bar.
 *
 * @module
 */

/**
 * The phrase of a rate-limit pause: `waiting 30 s for Spotify's rate limit`.
 *
 * @param seconds How long the pause lasts.
 * @returns The phrase, lower case (it ends a progress line).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rateLimitNote } from "./rate_limit_notice.ts";
 * assert.equal(rateLimitNote(29.2), "waiting 30 s for Spotify's rate limit");
 * assert.equal(rateLimitNote(600), "waiting 10 min for Spotify's rate limit");
 * ```
 */
export function rateLimitNote(seconds: number): string {
  const wait = seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.round(seconds / 60)} min`;
  return `waiting ${wait} for Spotify's rate limit`;
}

/**
 * Say on the console that requests pause for Spotify's rate limit: the client's default
 * `onRateLimit`, for calls without a progress bar (a bar shows it in place).
 *
 * @param seconds How long the pause lasts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { announceRateLimit } from "./rate_limit_notice.ts";
 * const told: string[] = [];
 * const warn = console.warn;
 * console.warn = (line: string) => void told.push(line);
 * try {
 *   announceRateLimit(5);
 * } finally {
 *   console.warn = warn;
 * }
 * assert.deepEqual(told, [
 *   "Waiting 5 s for Spotify's rate limit (it answered 429); the call resumes by itself",
 * ]);
 * ```
 */
export function announceRateLimit(seconds: number): void {
  const note = rateLimitNote(seconds);
  console.warn(
    `${note[0]!.toUpperCase()}${note.slice(1)} (it answered 429); the call resumes by itself`,
  );
}
