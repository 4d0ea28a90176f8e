/**
 * The POST of a form to a token endpoint, tried again through the endpoint's faults. Like the
 * API's faults, the token endpoint's are retried: a 5xx, a 429 (for its Retry-After, up to a
 * minute), a dropped connection or a timeout must not lose a whole crawl at renewal.
 *
 * @module
 */
import { parseRetryAfter } from "../core/retry_policy.ts";

/** Where to POST: the endpoint, the `fetch` to use, the timeout of each try. */
export interface TokenPost {
  /** The full token endpoint URL. */
  url: string;
  /** The `fetch` to use. */
  fetch: typeof fetch;
  /** Timeout in ms, per try. */
  timeoutMs: number;
}

/** The form and extra headers of a token request. */
export interface TokenForm {
  /** Extra headers (the client's `authorization`). */
  headers?: Record<string, string>;
  /** The form. */
  body: URLSearchParams;
}

/** How often to try and how to wait between tries. */
export interface TokenRetry {
  /** Retries after a fault. */
  maxRetries: number;
  /** Waits between tries. */
  sleep: (ms: number) => Promise<void>;
}

/** What the endpoint answered, with the text of its body. */
export interface TokenAnswer {
  /** The answer. */
  response: Response;
  /** Its body. */
  text: string;
}

/** No answer after `tries` tries: the last try's error. */
export interface NoAnswer {
  /** What the last try threw (a timeout is a `TimeoutError` `DOMException`). */
  failure: unknown;
  /** How many tries were made. */
  tries: number;
}

/**
 * POST the form until an answer that is not a fault, or the retries run out.
 *
 * @param post Where to POST.
 * @param form The form and extra headers.
 * @param retry How often to try and how to wait.
 * @returns The last answer (a fault once the retries run out), or why there was none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { postForm } from "./_token_post.ts";
 * const answers = [new Response("busy", { status: 503 }), new Response("{}", { status: 200 })];
 * const waits: number[] = [];
 * const answer = await postForm(
 *   { url: "http://127.0.0.1:9/api/token", fetch: async () => answers.shift()!, timeoutMs: 1000 },
 *   { body: new URLSearchParams({ grant_type: "client_credentials" }) },
 *   { maxRetries: 3, sleep: async (ms) => void waits.push(ms) },
 * );
 * assert.ok("response" in answer && answer.response.status === 200 && answer.text === "{}");
 * assert.deepEqual(waits, [250]);
 * ```
 */
export async function postForm(
  post: TokenPost,
  form: TokenForm,
  { maxRetries, sleep }: TokenRetry,
): Promise<TokenAnswer | NoAnswer> {
  for (let tries = 1;; tries++) {
    const outcome = await postOnce(post, form);
    if ("failure" in outcome) {
      if (tries > maxRetries) return { failure: outcome.failure, tries };
      await sleep(backoffMs(tries));
      continue;
    }
    const pause = tries > maxRetries ? undefined : retryPause(outcome.response, tries);
    if (pause === undefined) return outcome;
    await sleep(pause);
  }
}

/** One try: the answer and its text, or why there is none. */
async function postOnce(
  post: TokenPost,
  form: TokenForm,
): Promise<TokenAnswer | { failure: unknown }> {
  try {
    const response = await post.fetch(post.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...form.headers },
      body: form.body,
      signal: AbortSignal.timeout(post.timeoutMs),
    });
    return { response, text: await response.text() };
  } catch (error) {
    return { failure: error };
  }
}

/** The pause after try `tries`: doubling from 250 ms, at most 8 s. */
function backoffMs(tries: number): number {
  return Math.min(8_000, 250 * 2 ** (tries - 1));
}

/**
 * How long to wait before trying again after an answer, or `undefined` to keep it: a 5xx or a 429
 * is tried again, unless the 429's Retry-After asks for more than a minute.
 */
function retryPause(response: Response, tries: number): number | undefined {
  const status = response.status;
  if (status < 500 && status !== 429) return undefined;
  const retryAfter = status === 429
    ? parseRetryAfter(response.headers.get("retry-after")) * 1000
    : 0;
  if (retryAfter > 60_000) return undefined;
  return Math.max(retryAfter, backoffMs(tries));
}
