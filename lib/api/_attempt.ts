/**
 * One try of a request: the GET with its bearer token (and `If-None-Match` when revalidating), cut
 * off by the per-try timer of the client's clock or by the caller's signal. It never throws for a
 * network fault: that is an outcome the retry step weighs. Only a cancelled call throws.
 *
 * @module
 */
import { abortError } from "./_abort.ts";

/** What one try came to: an answer (any status), or no answer. */
export type Attempt =
  | { kind: "response"; response: Response; text: string }
  | { kind: "network"; timeout: boolean; cause: unknown };

/** Options of {@linkcode attempt}. */
export interface AttemptOptions {
  /** The `fetch` to use. */
  fetch: typeof fetch;
  /** The access token's text. */
  token: string;
  /** The cached answer's `ETag`, to revalidate it. */
  etag?: string | undefined;
  /** Aborts when the try has taken too long (from the client's clock). */
  timeout: AbortSignal;
  /** The caller's cancellation. */
  signal?: AbortSignal | undefined;
  /** The request, for the message of a cancelled call (`GET /v1/albums/x`). */
  what: string;
}

/**
 * Send one try and read its whole body.
 *
 * @param url The URL.
 * @param options Token, `ETag`, timer, signal.
 * @returns The answer and its text, or a network fault (`timeout` when the timer cut it off).
 * @throws {DOMException} An `AbortError` when the caller's signal aborted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { attempt } from "./_attempt.ts";
 * const silent: typeof fetch = (_url, init) =>
 *   new Promise((_, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)));
 * const timer = new AbortController();
 * const pending = attempt(new URL("https://api.example/v1/me"), {
 *   fetch: silent,
 *   token: "t",
 *   timeout: timer.signal,
 *   what: "GET /v1/me",
 * });
 * timer.abort(new DOMException("late", "TimeoutError")); // the clock says time is up
 * const outcome = await pending;
 * assert.equal(outcome.kind === "network" && outcome.timeout, true);
 * ```
 */
export async function attempt(url: URL, options: AttemptOptions): Promise<Attempt> {
  const { timeout, signal } = options;
  try {
    const response = await options.fetch(url, {
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: "application/json",
        ...(options.etag === undefined ? {} : { "if-none-match": options.etag }),
      },
      signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
    });
    return { kind: "response", response, text: await response.text() };
  } catch (cause) {
    if (signal?.aborted) throw abortError(options.what, signal);
    return { kind: "network", timeout: timeout.aborted, cause };
  }
}
