/**
 * The overall deadline of one request: how long it may take through all its tries and backoffs.
 * Waiting out a 429's `Retry-After` does not count: that wait is bounded by the retry policy and
 * told while it lasts.
 *
 * @module
 */

/** The time one request has left. */
export interface Deadline {
  /** The whole budget, in ms (for messages). */
  readonly ms: number;
  /** The ms left now, 429 pauses excepted (0 or less once it is over). */
  left(): number;
  /** Leave `ms` of waiting out of the count (a 429 pause). */
  exclude(ms: number): void;
}

/**
 * Start a request's deadline.
 *
 * @param ms The budget, in ms.
 * @param now The clock, in ms since the epoch.
 * @returns The deadline, started now.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createDeadline } from "./_deadline.ts";
 * let time = 1_000;
 * const deadline = createDeadline(45_000, () => time);
 * time += 40_000;
 * assert.equal(deadline.left(), 5_000);
 * deadline.exclude(30_000); // a 429 pause
 * assert.equal(deadline.left(), 35_000);
 * ```
 */
export function createDeadline(ms: number, now: () => number): Deadline {
  const started = now();
  let paused = 0;
  return {
    ms,
    left: () => started + paused + ms - now(),
    exclude(wait) {
      paused += wait;
    },
  };
}
