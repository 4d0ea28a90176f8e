/**
 * A counting semaphore: at most `n` tasks run at once, the rest wait in arrival order.
 *
 * @module
 */

/** Runs tasks with bounded concurrency. */
export interface Limiter {
  /** Run `task` once a slot is free. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Create a limiter.
 *
 * @param concurrency How many tasks may run at once (at least 1).
 * @returns The limiter.
 */
export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`Invalid concurrency ${concurrency}: use a whole number of at least 1`);
  }
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(task) {
      if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
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
