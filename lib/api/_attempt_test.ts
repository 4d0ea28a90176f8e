import assert from "node:assert/strict";
import { attempt } from "./_attempt.ts";

const URL_ = new URL("https://api.example/v1/albums/x");

/** A `fetch` that never answers, but honours its signal, and shows what it was sent. */
function silent() {
  const sent: RequestInit[] = [];
  const fetch: typeof globalThis.fetch = (_url, init) => {
    sent.push(init!);
    return new Promise((_, reject) =>
      init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason))
    );
  };
  return { fetch, sent };
}

Deno.test("a try sends the bearer token, asks for JSON, and revalidates with If-None-Match", async () => {
  const sent: Headers[] = [];
  const outcome = await attempt(URL_, {
    fetch: (_url, init) => {
      sent.push(new Headers(init?.headers));
      return Promise.resolve(new Response('{"id":"x"}', { status: 200 }));
    },
    token: "BQC-token",
    etag: 'W/"7"',
    timeout: new AbortController().signal,
    what: "GET /v1/albums/x",
  });
  assert.ok(outcome.kind === "response" && outcome.text === '{"id":"x"}');
  assert.equal(sent[0]!.get("authorization"), "Bearer BQC-token");
  assert.equal(sent[0]!.get("accept"), "application/json");
  assert.equal(sent[0]!.get("if-none-match"), 'W/"7"');
});

Deno.test("a try is cut off by the timer it is given, and says it timed out", async () => {
  const api = silent();
  const timer = new AbortController();
  const pending = attempt(URL_, { fetch: api.fetch, token: "t", timeout: timer.signal, what: "x" });
  timer.abort(new DOMException("Signal timed out.", "TimeoutError"));
  const outcome = await pending;
  assert.ok(outcome.kind === "network");
  assert.equal(outcome.timeout, true);
});

Deno.test("a dropped connection is a network fault, not a timeout", async () => {
  const outcome = await attempt(URL_, {
    fetch: () => Promise.reject(new TypeError("connection reset")),
    token: "t",
    timeout: new AbortController().signal,
    what: "x",
  });
  assert.ok(outcome.kind === "network" && !outcome.timeout);
  assert.match(String(outcome.cause), /connection reset/);
});

Deno.test("a cancelled call rejects with an AbortError naming the request", async () => {
  const api = silent();
  const controller = new AbortController();
  const pending = attempt(URL_, {
    fetch: api.fetch,
    token: "t",
    timeout: new AbortController().signal,
    signal: controller.signal,
    what: "GET /v1/albums/x",
  });
  controller.abort();
  await assert.rejects(pending, {
    name: "AbortError",
    message: 'Cannot fetch "GET /v1/albums/x": the call was cancelled',
  });
});
