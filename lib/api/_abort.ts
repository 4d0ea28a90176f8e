/**
 * Cancellation of a call: the error it rejects with, and waits that a signal cuts short.
 *
 * @module
 */

/**
 * The error a cancelled call rejects with.
 *
 * @param what What was cancelled, e.g. `GET /v1/albums/x`.
 * @param signal The signal, whose reason becomes the `cause`.
 * @returns A `DOMException` named `AbortError`.
 */
export function abortError(what: string, signal?: AbortSignal): DOMException {
  const error = new DOMException(`Cannot fetch "${what}": the call was cancelled`, "AbortError");
  if (signal?.reason !== undefined && signal.reason !== error) {
    Object.defineProperty(error, "cause", { value: signal.reason, configurable: true });
  }
  return error;
}

/** `ms` of `sleep`, cut short by the signal (then rejecting with {@linkcode abortError}). */
export function abortableSleep(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
  what: string,
): Promise<void> {
  if (signal === undefined) return sleep(ms);
  if (signal.aborted) return Promise.reject(abortError(what, signal));
  return new Promise<void>((resolve, reject) => {
    const aborted = () => reject(abortError(what, signal));
    signal.addEventListener("abort", aborted, { once: true });
    sleep(ms).then(resolve, reject).finally(() => signal.removeEventListener("abort", aborted));
  });
}

/** `promise`, or a rejection with {@linkcode abortError} as soon as the signal aborts. */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
) {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const aborted = () => reject(abortError(what, signal));
    if (signal.aborted) return aborted();
    signal.addEventListener("abort", aborted, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", aborted));
  });
}
