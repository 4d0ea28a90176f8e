/**
 * The rate-limit gate of the request path. A 429 that may be waited out closes the gate for every
 * request of the client until its `Retry-After` has passed (plus up to a second of jitter, so that
 * the requests do not all come back at once); each request then waits at the gate before its next
 * try, told to its own `onWait` or, once per pause, to the client's `onRateLimit`. A quota 429, a
 * `Retry-After` beyond `maxRetryAfter` or more than `max429` of them in a row fail instead.
 *
 * @module
 */
import { abortableSleep } from "./_abort.ts";
import type { RetryOptions } from "../core/retry_policy.ts";

/** Options of {@linkcode createRateLimitGate}. */
export interface RateLimitGateOptions {
  /** The clock, in ms since the epoch. */
  now: () => number;
  /** Random in [0, 1), for jitter. */
  random: () => number;
  /** Waits; injectable so tests need not wait. */
  sleep: (ms: number) => Promise<void>;
  /** Told when a pause starts and the request has no `onWait` of its own. */
  onRateLimit: (seconds: number) => void;
  /** The longest `Retry-After` waited out (s), and how many 429s in a row one request waits out. */
  retry: Pick<Required<RetryOptions>, "maxRetryAfter" | "max429">;
}

/** A 429 as the gate weighs it. */
export interface Limited {
  /** Seconds the answer asks to wait. */
  retryAfter: number;
  /** Whether it is a quota 429 (`QUOTA_EXCEEDED`), which is not waited out. */
  quota: boolean;
}

/** The gate as one request goes through it. */
export interface Throttle {
  /** Wait, before a try, until the gate reopens; resolves with the ms waited. */
  wait(): Promise<number>;
  /** After a 429: whether to wait it out (the gate is then closed for it) or fail. */
  waitOut(limited: Limited): boolean;
}

/** The rate-limit gate of a client. */
export interface RateLimitGate {
  /**
   * The gate for one request.
   *
   * @param signal The caller's cancellation, which cuts a wait short.
   * @param what The request, for the message of a cancelled call.
   * @param onWait Told of a pause instead of the client's `onRateLimit`.
   */
  forRequest(
    signal: AbortSignal | undefined,
    what: string,
    onWait: ((seconds: number) => void) | undefined,
  ): Throttle;
}

/**
 * Create the rate-limit gate shared by every request of a client.
 *
 * @param options Clock, jitter, waits, whom to tell, and the policy.
 * @returns The gate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRateLimitGate } from "./_rate_limit_gate.ts";
 * const slept: number[] = [];
 * const told: number[] = [];
 * const gate = createRateLimitGate({
 *   now: () => 0,
 *   random: () => 0,
 *   sleep: (ms) => {
 *     slept.push(ms);
 *     return Promise.resolve();
 *   },
 *   onRateLimit: (seconds) => void told.push(seconds),
 *   retry: { maxRetryAfter: 60, max429: 8 },
 * });
 * const throttle = gate.forRequest(undefined, "GET /v1/me", undefined);
 * assert.equal(throttle.waitOut({ retryAfter: 5, quota: false }), true);
 * assert.equal(await throttle.wait(), 5_000);
 * assert.deepEqual([slept, told], [[5_000], [5]]);
 * assert.equal(throttle.waitOut({ retryAfter: 7200, quota: true }), false, "a quota fails");
 * ```
 */
export function createRateLimitGate(options: RateLimitGateOptions): RateLimitGate {
  /** When requests may go again (ms since the epoch). */
  let resumeAt = 0;
  /** The pause last told to `onRateLimit`, so that concurrent requests tell it once. */
  let announced = 0;

  return {
    forRequest(signal, what, onWait) {
      let throttled = 0;
      return {
        async wait() {
          const wait = resumeAt - options.now();
          if (wait <= 0) return 0;
          if (onWait) onWait(Math.ceil(wait / 1000));
          else if (announced !== resumeAt) {
            announced = resumeAt;
            options.onRateLimit(Math.ceil(wait / 1000));
          }
          await abortableSleep(options.sleep, wait, signal, what);
          return wait;
        },
        waitOut({ retryAfter, quota }) {
          if (quota || retryAfter > options.retry.maxRetryAfter) return false;
          if (throttled++ >= options.retry.max429) return false;
          const jitter = options.random() * 1000;
          resumeAt = Math.max(resumeAt, options.now() + retryAfter * 1000 + jitter);
          return true;
        },
      };
    },
  };
}
