/**
 * Error classification, the last step of a try: what an answer (or its absence) means for the
 * request. A body to keep, nothing to keep, a 304 to answer from the cache, a 401, a 429, a passing
 * fault to retry (a 5xx, a network error, a timeout, a truncated body), or a refusal; each failure
 * with the one sentence that names it (`_classify.ts` words them).
 *
 * @module
 */
import { ApiError, excerpt, NetworkError, RateLimitError } from "../core/errors.ts";
import {
  apiErrorMessage,
  duration,
  errorMessage,
  errorReason,
  parseBody,
  seconds,
  stripMarkup,
} from "./_classify.ts";
import { parseRetryAfter } from "../core/retry_policy.ts";
import type { Advice } from "./request_options.ts";
import type { Attempt } from "./_attempt.ts";

/** What one try's outcome means. */
export type Verdict =
  | { kind: "ok"; body: unknown; etag: string | undefined; text: string }
  | { kind: "empty" }
  | { kind: "not-modified" }
  | { kind: "unauthorized"; error: () => ApiError }
  | { kind: "rate-limited"; retryAfter: number; quota: boolean; error: () => RateLimitError }
  | { kind: "transient"; fail: (tries: number, overDeadline: boolean) => Error }
  | { kind: "refused"; status: number; body: unknown; error: () => ApiError };

/** What classification needs to know of the request. */
export interface AnswerContext {
  /** The request, for messages (`GET /v1/albums/x`). */
  what: string;
  /** Its URL. */
  url: URL;
  /** Whether a cached entry can answer a 304. */
  revalidating: boolean;
  /** The per-try timeout, in ms, for messages. */
  timeoutMs: number;
  /** The overall deadline, in ms, for messages. */
  deadlineMs: number;
  /** The longest `Retry-After` waited out, in s, for messages. */
  maxRetryAfter: number;
  /** How many 429s in a row one request waits out, for messages. */
  max429: number;
  /** How messages name the settings a caller can change. */
  advice: Advice;
  /** The clock, in ms since the epoch (a `Retry-After` may be a date). */
  now: () => number;
}

/**
 * Classify one try's outcome.
 *
 * @param outcome The answer, or the network fault.
 * @param context The request.
 * @returns The verdict.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyAnswer } from "./_classify_answer.ts";
 * import { CLIENT_ADVICE } from "./_classify.ts";
 * const context = {
 *   what: "GET /v1/albums/x",
 *   url: new URL("https://api.spotify.com/v1/albums/x"),
 *   revalidating: false,
 *   timeoutMs: 20_000,
 *   deadlineMs: 45_000,
 *   maxRetryAfter: 60,
 *   max429: 8,
 *   advice: CLIENT_ADVICE,
 *   now: Date.now,
 * };
 * const response = new Response("no", { status: 404 });
 * const verdict = classifyAnswer({ kind: "response", response, text: "no" }, context);
 * assert.equal(verdict.kind, "refused");
 * assert.match(verdict.kind === "refused" ? verdict.error().message : "", /answered 404 "no"/);
 * ```
 */
export function classifyAnswer(outcome: Attempt, context: AnswerContext): Verdict {
  if (outcome.kind === "network") return networkFault(outcome, context);
  const { response, text } = outcome;
  if (response.status === 304 && context.revalidating) return { kind: "not-modified" };
  if (response.ok) return success(response, text, context);
  return failure(response, text, context);
}

function networkFault(
  fault: { timeout: boolean; cause: unknown },
  { what, url, timeoutMs, deadlineMs, advice }: AnswerContext,
): Verdict {
  return {
    kind: "transient",
    fail(tries, overDeadline) {
      const timeout = overDeadline || fault.timeout;
      const within = seconds(overDeadline ? deadlineMs : Math.min(timeoutMs, deadlineMs));
      return new NetworkError(
        timeout
          ? `Cannot fetch "${what}": no answer within ${within} s after ${tries} ${
            tries === 1 ? "try" : "tries"
          }; check your network connection and try again`
          : `Cannot fetch "${what}": "${url.origin}" is unreachable after ${tries} tries; check your network connection, or ${advice.apiUrl}`,
        { url: `${url.origin}${url.pathname}`, timeout, cause: fault.cause },
      );
    },
  };
}

function success(response: Response, text: string, { what, url }: AnswerContext): Verdict {
  const status = response.status;
  if (status === 204 || text === "") return { kind: "empty" };
  try {
    return {
      kind: "ok",
      body: JSON.parse(text),
      etag: response.headers.get("etag") ?? undefined,
      text,
    };
  } catch (cause) {
    return {
      kind: "transient",
      fail: (tries) =>
        new ApiError(
          `Cannot fetch "${what}": Spotify answered ${status} with a body that is not JSON after ${tries} tries; try again in a minute`,
          {
            status,
            method: "GET",
            url: url.pathname + url.search,
            body: excerpt(stripMarkup(text), 200),
            cause,
          },
        ),
    };
  }
}

function failure(response: Response, text: string, context: AnswerContext): Verdict {
  const { what, url, advice } = context;
  const status = response.status;
  const body = parseBody(text);
  const message = errorMessage(body);
  const reason = errorReason(body);
  const details = {
    status,
    method: "GET",
    url: url.pathname + url.search,
    body,
    ...(reason === undefined ? {} : { reason }),
  };
  // A 401 is final only after the token was renewed once, so its sentence says so.
  const error = () =>
    new ApiError(apiErrorMessage(what, status, message, text, status === 401, advice), details);
  if (status === 401) return { kind: "unauthorized", error };
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"), context.now());
    const quota = reason === "QUOTA_EXCEEDED";
    const said = quota
      ? `Spotify answered 429 "QUOTA_EXCEEDED" (your developer account's quota is spent; it comes back in ${
        duration(retryAfter)
      })`
      : retryAfter > context.maxRetryAfter
      ? `Spotify answered 429 "${message ?? "Too many requests"}" and asks to wait ${
        duration(retryAfter)
      }, longer than the client waits (${context.maxRetryAfter} s); try again later`
      : `Spotify answered 429 "${
        message ?? "Too many requests"
      }" again after the client waited out ${context.max429} in a row; try again later`;
    return {
      kind: "rate-limited",
      retryAfter,
      quota,
      error: () =>
        new RateLimitError(`Cannot fetch "${what}": ${said}`, { ...details, retryAfter }),
    };
  }
  if (status >= 500) return { kind: "transient", fail: error };
  return { kind: "refused", status, body, error };
}
