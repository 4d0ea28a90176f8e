/**
 * The time as a client sees it: the current instant and the per-try timer. Injected through
 * `createClient({ clock })`, so that a test moves time itself instead of waiting for a timeout.
 *
 * @module
 */

/** The current time, and timers on it. */
export interface Clock {
  /** Now, in ms since the epoch. */
  now(): number;
  /**
   * A signal that aborts `ms` from now with a `TimeoutError`, as `AbortSignal.timeout` does.
   *
   * @param ms How long, in ms.
   */
  timeout(ms: number): AbortSignal;
}

/**
 * The system's clock: `Date.now` and `AbortSignal.timeout`. The default of `createClient`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { systemClock } from "./clock.ts";
 * assert.ok(Math.abs(systemClock.now() - Date.now()) < 1000);
 * const signal = systemClock.timeout(1);
 * await new Promise((resolve) => signal.addEventListener("abort", resolve));
 * assert.equal((signal.reason as DOMException).name, "TimeoutError");
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  timeout: (ms) => AbortSignal.timeout(Math.max(1, Math.ceil(ms))),
};
