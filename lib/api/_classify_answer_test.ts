import assert from "node:assert/strict";
import { ApiError, NetworkError, RateLimitError } from "../core/errors.ts";
import { CLIENT_ADVICE } from "./_classify.ts";
import { type AnswerContext, classifyAnswer, type Verdict } from "./_classify_answer.ts";

const NOW = Date.UTC(2026, 10, 20, 12);
const context: AnswerContext = {
  what: "GET /v1/albums/x",
  url: new URL("https://api.spotify.com/v1/albums/x?market=SE"),
  revalidating: false,
  timeoutMs: 20_000,
  deadlineMs: 45_000,
  maxRetryAfter: 60,
  max429: 8,
  advice: CLIENT_ADVICE,
  now: () => NOW,
};

function answer(
  status: number,
  text = "",
  headers: HeadersInit = {},
  more: Partial<AnswerContext> = {},
): Verdict {
  const response = new Response(status === 204 || status === 304 ? null : text, {
    status,
    headers,
  });
  return classifyAnswer({ kind: "response", response, text }, { ...context, ...more });
}

function thrown(verdict: Verdict): Error {
  switch (verdict.kind) {
    case "transient":
      return verdict.fail(4, false);
    case "unauthorized":
    case "rate-limited":
    case "refused":
      return verdict.error();
  }
  throw new Error(`no error in a verdict of kind ${verdict.kind}`);
}

Deno.test("a JSON answer is kept with its ETag; a 204 or an empty body is nothing to keep", () => {
  const ok = answer(200, '{"id":"x"}', { etag: 'W/"1"' });
  assert.deepEqual(ok, { kind: "ok", body: { id: "x" }, etag: 'W/"1"', text: '{"id":"x"}' });
  assert.deepEqual(answer(204), { kind: "empty" });
  assert.deepEqual(answer(200, ""), { kind: "empty" });
});

Deno.test("a 304 is answered from the cache only when a cached entry was revalidated", () => {
  assert.deepEqual(answer(304, "", {}, { revalidating: true }), { kind: "not-modified" });
  assert.equal(answer(304).kind, "refused");
});

Deno.test("a body that is not JSON is a passing fault, named after the tries", () => {
  const verdict = answer(200, '{"id": "x", "na');
  assert.equal(verdict.kind, "transient");
  const error = thrown(verdict);
  assert.ok(error instanceof ApiError);
  assert.match(error.message, /answered 200 with a body that is not JSON after 4 tries/);
});

Deno.test("a 5xx is a passing fault whose error reads an HTML page's title", () => {
  const verdict = answer(502, "<html><title>Bad gateway</title><h1>x</h1></html>");
  assert.equal(verdict.kind, "transient");
  const error = thrown(verdict);
  assert.ok(error instanceof ApiError && error.status === 502);
  assert.match(
    error.message,
    /^Cannot fetch "GET \/v1\/albums\/x": Spotify answered 502 "Bad gateway" \(Spotify is having trouble/,
  );
});

Deno.test("a network fault says whether it was the deadline, a try's timeout, or no route", () => {
  const fault = (timeout: boolean) =>
    classifyAnswer({ kind: "network", timeout, cause: new TypeError("reset") }, context);
  const timedOut = fault(true);
  const unreachable = fault(false);
  assert.ok(timedOut.kind === "transient" && unreachable.kind === "transient");
  const late = timedOut.fail(1, false);
  assert.ok(late instanceof NetworkError && late.timeout);
  assert.match(late.message, /no answer within 20 s after 1 try;/);
  assert.match(timedOut.fail(3, true).message, /no answer within 45 s after 3 tries;/);
  const down = unreachable.fail(4, false);
  assert.ok(down instanceof NetworkError && !down.timeout);
  assert.match(
    down.message,
    /"https:\/\/api\.spotify\.com" is unreachable after 4 tries; .*"apiUrl" option/,
  );
  assert.equal((down as NetworkError).url, "https://api.spotify.com/v1/albums/x");
});

Deno.test("a 401 is final only after a renewal, and says a fresh token was refused too", () => {
  const verdict = answer(401, '{"error":{"status":401,"message":"Invalid access token"}}');
  assert.equal(verdict.kind, "unauthorized");
  assert.match(
    thrown(verdict).message,
    /"Invalid access token" \(a fresh token was refused too; check/,
  );
});

Deno.test("a 429 carries its wait; its sentence says a quota, a wait past the cap, or too many in a row", () => {
  const quota = answer(429, '{"error":{"status":429,"message":"x","reason":"QUOTA_EXCEEDED"}}', {
    "retry-after": "7200",
  });
  assert.ok(quota.kind === "rate-limited" && quota.quota && quota.retryAfter === 7200);
  const quotaError = quota.error();
  assert.ok(quotaError instanceof RateLimitError && quotaError.reason === "QUOTA_EXCEEDED");
  assert.match(quotaError.message, /quota is spent; it comes back in 2\.0 h/);
  const long = answer(429, "", { "retry-after": "600" });
  assert.match(thrown(long).message, /asks to wait 10 min, longer than the client waits \(60 s\)/);
  const again = answer(429, "", { "retry-after": "2" });
  assert.match(
    thrown(again).message,
    /again after the client waited out 8 in a row; try again later/,
  );
  const dated = answer(429, "", { "retry-after": new Date(NOW + 30_000).toUTCString() });
  assert.ok(
    dated.kind === "rate-limited" && dated.retryAfter === 30,
    "a date counts from the clock",
  );
});

Deno.test("any other status is a refusal carrying its body, for the mode gate to read", () => {
  const verdict = answer(403, '{"error":{"status":403,"message":"Forbidden"}}');
  assert.ok(verdict.kind === "refused" && verdict.status === 403);
  assert.deepEqual(verdict.body, { error: { status: 403, message: "Forbidden" } });
  const error = verdict.error();
  assert.equal(error.url, "/v1/albums/x?market=SE");
  assert.match(error.message, /Spotify answered 403 "Forbidden" \(this endpoint is not available/);
});
