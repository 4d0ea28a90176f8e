import assert from "node:assert/strict";
import { startEmulator } from "./server.ts";
import { appHeaders, call, emulator } from "./_test_helpers.ts";
import { loadSampleCatalog } from "./sample.ts";

const artist = loadSampleCatalog().artists[0]!.id;

Deno.test("a rolling-window rate limit answers 429 with the seconds left in the window", async () => {
  let now = 0;
  const em = emulator({ now: () => now, faults: { rateLimit: { requests: 3, windowMs: 30_000 } } });
  const headers = await appHeaders(em);
  for (let i = 0; i < 3; i++) {
    assert.equal((await call(em, `/v1/artists/${artist}`, { headers })).status, 200);
    now += 1000;
  }
  const limited = await call(em, `/v1/artists/${artist}`, { headers });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "27"); // oldest at 0 s leaves the window at 30 s; now is 3 s
  assert.deepEqual(limited.body, { error: { status: 429, message: "API rate limit exceeded" } });
  now = 30_001; // the first request has left the window
  assert.equal((await call(em, `/v1/artists/${artist}`, { headers })).status, 200);
});

Deno.test("a spent quota answers 429 QUOTA_EXCEEDED with a long Retry-After", async () => {
  const em = emulator({ faults: { quota: { after: 2, retryAfter: 13749 } } });
  const headers = await appHeaders(em);
  await call(em, `/v1/artists/${artist}`, { headers });
  await call(em, `/v1/artists/${artist}`, { headers });
  const spent = await call(em, `/v1/artists/${artist}`, { headers });
  assert.equal(spent.status, 429);
  assert.equal(spent.headers.get("retry-after"), "13749");
  assert.equal(spent.body.error.reason, "QUOTA_EXCEEDED");
});

Deno.test("queued faults hit the next requests exactly, then service resumes", async () => {
  const em = emulator();
  const headers = await appHeaders(em);
  em.failNext("503", "html");
  const first = await call(em, `/v1/artists/${artist}`, { headers });
  assert.deepEqual(first.body, { error: { status: 503, message: "Service unavailable" } });
  const second = await call(em, `/v1/artists/${artist}`, { headers });
  assert.equal(second.status, 502);
  assert.match(second.body, /<html>/);
  assert.equal((await call(em, `/v1/artists/${artist}`, { headers })).status, 200);
});

Deno.test("a share of 5xx is drawn from the seed: the same seed fails the same requests", async () => {
  const run = async () => {
    const em = emulator({ faults: { serverErrorRate: 0.3, seed: 7 } });
    const headers = await appHeaders(em);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await call(em, `/v1/artists/${artist}`, { headers })).status);
    }
    return statuses;
  };
  const a = await run();
  assert.deepEqual(a, await run());
  const failures = a.filter((s) => s >= 500).length;
  assert.ok(failures >= 5 && failures <= 20, `${failures} failures of 40`);
});

Deno.test("dropped connections and truncated bodies reach a real client as broken responses", async () => {
  await using server = await startEmulator({ clientId: "c1234567", clientSecret: "s1234567" });
  const token = await fetch(`${server.accountsUrl}/api/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa("c1234567:s1234567")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  }).then((r) => r.json());
  const headers = { authorization: `Bearer ${token.access_token}` };
  server.emulator.failNext("drop", "truncate");
  const dropped = await fetch(`${server.apiUrl}/artists/${artist}`, { headers });
  await assert.rejects(dropped.text());
  const truncated = await fetch(`${server.apiUrl}/artists/${artist}`, { headers });
  const text = await truncated.text();
  assert.throws(() => JSON.parse(text));
  const fine = await fetch(`${server.apiUrl}/artists/${artist}`, { headers });
  assert.equal((await fine.json()).id, artist);
});

Deno.test("added latency delays every response", async () => {
  const em = emulator({ faults: { latencyMs: 60 } });
  const headers = await appHeaders(em);
  const started = performance.now();
  await call(em, `/v1/artists/${artist}`, { headers });
  assert.ok(performance.now() - started >= 55);
});

Deno.test("responses carry an ETag and a matching If-None-Match gets 304 Not Modified", async () => {
  const em = emulator();
  const headers = await appHeaders(em);
  const first = await call(em, `/v1/artists/${artist}`, { headers });
  const etag = first.headers.get("etag");
  assert.match(etag ?? "", /^W\/"[0-9a-f]+"$/);
  const again = await call(em, `/v1/artists/${artist}`, {
    headers: { ...headers, "if-none-match": etag! },
  });
  assert.equal(again.status, 304);
  assert.equal(again.body, "");
  const other = await call(em, `/v1/artists/${artist}`, {
    headers: { ...headers, "if-none-match": 'W/"0"' },
  });
  assert.equal(other.status, 200);
});

Deno.test("the request log and counters see every request by route", async () => {
  const em = emulator();
  const headers = await appHeaders(em);
  await call(em, `/v1/artists/${artist}`, { headers });
  await call(em, `/v1/artists/${artist}/albums`, { headers });
  await call(em, `/v1/artists/${artist}/albums?offset=5`, { headers });
  assert.deepEqual(em.counts(), {
    "POST /api/token": 1,
    "GET /artists/{id}": 1,
    "GET /artists/{id}/albums": 2,
  });
  assert.equal(em.log.at(-1)?.status, 200);
});
