/**
 * A counting semaphore: at most `n` tasks run at once, the rest wait in arrival order. A waiting
 * task whose signal aborts leaves the queue at once.
 *
 * @module
 */

/** Runs tasks with bounded concurrency. */
export interface Limiter {
  /**
   * Run `task` once a slot is free.
   *
   * @param task The work.
   * @param signal Abort the wait for a slot (the rejection is the signal's reason).
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * Create a limiter.
 *
 * @param concurrency How many tasks may run at once (at least 1).
 * @returns The limiter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createLimiter } from "./_limiter.ts";
 * const limiter = createLimiter(2);
 * let running = 0, peak = 0;
 * const task = async () => {
 *   peak = Math.max(peak, ++running);
 *   await new Promise((r) => setTimeout(r, 5));
 *   running--;
 * };
 * await Promise.all(Array.from({ length: 6 }, () => limiter.run(task)));
 * assert.equal(peak, 2);
 * ```
 */
export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`Invalid concurrency ${concurrency}: use a whole number of at least 1`);
  }
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(task, signal) {
      signal?.throwIfAborted();
      if (active >= concurrency) {
        await new Promise<void>((resolve, reject) => {
          const granted = () => {
            signal?.removeEventListener("abort", aborted);
            resolve();
          };
          const aborted = () => {
            const at = waiting.indexOf(granted);
            if (at >= 0) waiting.splice(at, 1);
            reject(signal!.reason);
          };
          waiting.push(granted);
          signal?.addEventListener("abort", aborted, { once: true });
        });
      } else {
        active++;
      }
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}
