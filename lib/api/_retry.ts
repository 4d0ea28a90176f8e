/**
 * The retry step of the request path, written once: a try that met a passing fault (a 5xx, a
 * network error, a timeout, a truncated body) is tried again after an exponential backoff with
 * jitter, while the policy allows more tries and the request's deadline leaves time for the pause;
 * then the fault's own error is thrown. A try can also ask to go again at once (after a token
 * refresh or a 429 pause, each bounded by its own step).
 *
 * @module
 */
import { abortableSleep } from "./_abort.ts";
import { backoff, type RetryOptions } from "../core/retry_policy.ts";
import type { Deadline } from "./_deadline.ts";

/** What one try came to, as the retry step sees it. */
export type Try<T> =
  | { kind: "done"; value: T }
  | { kind: "again" }
  | {
    kind: "transient";
    /**
     * The error to throw when no try is left.
     *
     * @param tries The tries made.
     * @param overDeadline Whether the deadline, not the number of tries, ended the request.
     */
    fail(tries: number, overDeadline: boolean): Error;
  };

/** Options of {@linkcode retrying}. */
export interface RetryStepOptions {
  /** The retry policy. */
  policy: Pick<Required<RetryOptions>, "maxRetries" | "baseDelayMs" | "maxDelayMs">;
  /** Random in [0, 1), for jitter. */
  random: () => number;
  /** Waits; injectable so tests need not wait. */
  sleep: (ms: number) => Promise<void>;
  /** The request's deadline. */
  deadline: Deadline;
  /** The caller's cancellation, which cuts a backoff short. */
  signal?: AbortSignal | undefined;
  /** The request, for the message of a cancelled call. */
  what: string;
}

/** A try that asks to go again at once. */
export const AGAIN: Try<never> = { kind: "again" };

/**
 * Run tries until one is done, retrying passing faults with backoff.
 *
 * @param tryOnce One try.
 * @param options Policy, jitter, waits, deadline, cancellation.
 * @returns The value of the try that was done.
 * @throws The last fault's error when the tries or the deadline run out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createDeadline } from "./_deadline.ts";
 * import { retrying, type Try } from "./_retry.ts";
 * const pauses: number[] = [];
 * let tries = 0;
 * const value = await retrying(
 *   (): Promise<Try<string>> =>
 *     Promise.resolve(
 *       ++tries < 3
 *         ? { kind: "transient", fail: () => new Error("busy") }
 *         : { kind: "done", value: "ok" },
 *     ),
 *   {
 *     policy: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000 },
 *     random: () => 1,
 *     sleep: (ms) => Promise.resolve(void pauses.push(ms)),
 *     deadline: createDeadline(45_000, () => 0),
 *     what: "GET /v1/me",
 *   },
 * );
 * assert.deepEqual([value, pauses], ["ok", [250, 500]]);
 * ```
 */
export async function retrying<T>(
  tryOnce: () => Promise<Try<T>>,
  options: RetryStepOptions,
): Promise<T> {
  let failures = 0;
  while (true) {
    const outcome = await tryOnce();
    if (outcome.kind === "done") return outcome.value;
    if (outcome.kind === "again") continue;
    failures++;
    const pause = backoff(failures, options.policy, options.random);
    const triesLeft = failures <= options.policy.maxRetries;
    if (triesLeft && options.deadline.left() > pause) {
      await abortableSleep(options.sleep, pause, options.signal, options.what);
      continue;
    }
    throw outcome.fail(failures, triesLeft);
  }
}
