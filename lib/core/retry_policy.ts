/**
 * The retry policy of a request: its options and defaults, the backoff between tries, and how long
 * a 429's `Retry-After` asks to wait.
 *
 * @module
 */

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

/** The policy when the caller sets nothing. */
export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxRetries: 3,
  maxRetryAfter: 60,
  max429: 8,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

/**
 * The pause before try `failures + 1`: exponential from `baseDelayMs`, capped at `maxDelayMs`, with
 * "equal jitter" (half fixed, half random).
 *
 * @param failures Failed tries so far (1 after the first).
 * @param policy The retry policy.
 * @param random Random in [0, 1).
 * @returns The pause in ms.
 */
export function backoff(
  failures: number,
  policy: Pick<Required<RetryOptions>, "baseDelayMs" | "maxDelayMs">,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
  return ceiling / 2 + random() * ceiling / 2;
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
