/**
 * Where a sign-in's answer comes from: the callback server on 127.0.0.1, or, when the browser is
 * on another machine (JupyterHub, SSH, a container, a cloud workspace), the address the user
 * pastes back: the page their browser ended on, which failed to load. Both go through the same
 * `state` check, and the code then goes through the same PKCE exchange.
 *
 * Rules for a pasted value: surrounding spaces, quotes and angle brackets are dropped; a whole
 * address or its query alone (`code=…&state=…`) is read; a value with no `code` or `error`, or
 * with no `state`, gets one sentence and the question again (three tries in all); a `state` that
 * differs ends the sign-in, as at the callback server. No message ever repeats what was pasted.
 *
 * @module
 */
import { AuthError } from "../core/errors.ts";
import { type Callback, readCallback } from "./_callback_server.ts";

/**
 * Reads the address the browser ended on: `prompt()` in a notebook (the Jupyter input box), a line
 * of standard input in `deno task login`. Answers `null` when nothing can be read (input ended,
 * or a front end that takes no input). `signal` aborts when the sign-in no longer needs the answer.
 */
export type AskAddress = (
  question: string,
  signal: AbortSignal,
) => string | null | Promise<string | null>;

/** Resolves after `ms`, or never once `signal` aborts (then it may reject). */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * The real {@linkcode Wait}: a timer, cleared when `signal` aborts.
 *
 * @param ms How long.
 * @param signal Stops the wait (the promise rejects with the abort reason).
 * @returns When the time has passed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realWait } from "./sign_in_answer.ts";
 * const stop = new AbortController();
 * const waiting = realWait(60_000, stop.signal);
 * stop.abort();
 * await assert.rejects(waiting); // and no timer is left behind
 * ```
 */
export function realWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/** A value that is not the answer: say why in one sentence, and ask again. */
export type Retry = { retry: string };

const NO_ANSWER =
  `That address carries no answer from Spotify (no "code" in it): paste the address your browser ended on after you agreed, not the page you opened`;

/**
 * Read a pasted value: the answer it carries, or why it is not one.
 *
 * @param text What the user pasted.
 * @param state The `state` this sign-in sent.
 * @returns The code, the error that ends the sign-in, or a {@linkcode Retry} sentence.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readPastedAddress } from "./sign_in_answer.ts";
 * const pasted = " http://127.0.0.1:8888/callback?code=AQc0de&state=s1 \n";
 * assert.deepEqual(readPastedAddress(pasted, "s1"), { code: "AQc0de" });
 * assert.ok("retry" in readPastedAddress("hello", "s1"));
 * assert.ok("retry" in readPastedAddress("http://127.0.0.1:8888/callback?code=AQc0de", "s1"));
 * assert.ok("error" in readPastedAddress("http://127.0.0.1:8888/callback?code=AQc0de&state=x", "s1"));
 * ```
 */
export function readPastedAddress(text: string, state: string): Callback | Retry {
  const value = text.trim().replace(/^["'<]+/, "").replace(/["'>]+$/, "").trim();
  if (value === "") {
    return { retry: "Nothing was pasted: copy the whole address from your browser's address bar" };
  }
  let query: URLSearchParams | undefined;
  try {
    query = new URL(value).searchParams;
  } catch {
    if (/^\??[\w.~-]+=/.test(value)) query = new URLSearchParams(value.replace(/^\?/, ""));
  }
  if (query === undefined) {
    return {
      retry:
        `That is not an address: copy the whole address from your browser's address bar, from "http" to its end`,
    };
  }
  if (!query.get("code") && !query.get("error")) return { retry: NO_ANSWER };
  if (!query.has("state")) {
    return { retry: `That address has no "state": copy the whole address, to its very end` };
  }
  return readCallback(query, state)!;
}

/** Options of {@linkcode awaitSignInAnswer}. */
export interface AnswerOptions {
  /** The `state` this sign-in sent. */
  state: string;
  /** The redirect URI sent to Spotify (named in the question). */
  redirectUri: string;
  /** Other sources of the answer: the callback server, a failed opener. */
  sources: Promise<Callback>[];
  /** How to read a pasted address; without it, only `sources` can answer. */
  ask?: AskAddress;
  /** Ask at once (`0`), or after this long without an answer from `sources`. */
  pasteAfterMs: number;
  /** Give up after this long. */
  timeoutMs: number;
  /** The waits. */
  wait: Wait;
  /** Aborted by the caller once the answer is in: stops the waits and the question. */
  signal: AbortSignal;
}

const never = new Promise<never>(() => {});

/**
 * Wait for the sign-in's answer: the first of `sources`, a pasted address, or the timeout.
 *
 * @param options The state, the sources, how and when to ask, the time limit.
 * @returns The code, or the error that ends the sign-in.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { awaitSignInAnswer, realWait } from "./sign_in_answer.ts";
 * const stop = new AbortController();
 * const answer = await awaitSignInAnswer({
 *   state: "s1",
 *   redirectUri: "http://127.0.0.1:8888/callback",
 *   sources: [],
 *   ask: () => "http://127.0.0.1:8888/callback?code=AQc0de&state=s1",
 *   pasteAfterMs: 0,
 *   timeoutMs: 300_000,
 *   wait: realWait,
 *   signal: stop.signal,
 * });
 * stop.abort();
 * assert.deepEqual(answer, { code: "AQc0de" });
 * ```
 */
export function awaitSignInAnswer(options: AnswerOptions): Promise<Callback> {
  const seconds = Math.round(options.timeoutMs / 1000);
  const pasting = options.ask !== undefined && options.pasteAfterMs === 0;
  const timedOut = new AuthError(
    pasting
      ? `Sign-in timed out: no address was pasted within ${seconds} s; run "deno task login" again`
      : `Sign-in timed out: nobody came back from Spotify's page within ${seconds} s; run "deno task login" again`,
  );
  const timeout = options.wait(options.timeoutMs, options.signal)
    .then(() => ({ error: timedOut }), () => never);
  const asking = options.ask === undefined ? never : askForAddress(options.ask, options);
  return Promise.race([...options.sources, asking, timeout]);
}

/** Ask (after `pasteAfterMs`) until a pasted value is an answer, three tries at most. */
async function askForAddress(ask: AskAddress, options: AnswerOptions): Promise<Callback> {
  const late = options.pasteAfterMs > 0;
  if (late) await options.wait(options.pasteAfterMs, options.signal).catch(() => never);
  if (options.signal.aborted) return never;
  const question = `Paste the address your browser ended on after you agreed (it starts with ${
    JSON.stringify(`${options.redirectUri}?code=`)
  } and the page fails to load), then press Enter:`;
  let asked = late
    ? `No answer has reached ${options.redirectUri} yet (is the browser on another machine?). ${question}`
    : question;
  for (let tries = 1; tries <= 3; tries++) {
    const text = await ask(asked, options.signal);
    if (options.signal.aborted) return never;
    if (text === null) {
      // Nothing can be read here: while the callback may still come, it is the only way left.
      return late ? never : {
        error: new AuthError(
          `Sign-in stopped: no address was pasted (the input ended, or this front end takes no input); run "deno task login --paste" in a terminal`,
        ),
      };
    }
    const read = readPastedAddress(text, options.state);
    if (!("retry" in read)) return read;
    asked = `${read.retry}\n${question}`;
  }
  return {
    error: new AuthError(
      `Sign-in failed: three pasted values were not the address your browser ended on; run "deno task login --paste" again`,
    ),
  };
}
