/**
 * The client's one request path against the emulator's faults, in both modes: 401 refresh, 429 with
 * `Retry-After`, a quota 429, 5xx, dropped connections, truncated bodies, timeouts, the shared
 * concurrency limit, and the response cache.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ApiError, NetworkError, RateLimitError } from "../lib/mod.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";
import { MODES, setup } from "./_client_setup.ts";
import { manualClock } from "./_manual_clock.ts";

const catalog = loadSampleCatalog();
const album = catalog.albums[0]!;
const artist = catalog.artists[0]!;

for (const mode of MODES) {
  Deno.test(`${mode}: a 429 is waited out for its Retry-After, with jitter, then the request succeeds`, async () => {
    await using t = await setup({ mode });
    t.server.emulator.failNext("429", "429");
    const got = await t.client.album(album.id);
    assert.equal(got.id, album.id);
    assert.deepEqual(t.requests().map((r) => r.status), [429, 429, 200]);
    assert.equal(t.sleeps.length, 2);
    // Retry-After is 1 s; up to 1 s of jitter is added (less the few ms the test itself took).
    assert.ok(t.sleeps.every((ms) => ms >= 900 && ms < 2000), `slept ${t.sleeps}`);
  });

  Deno.test(`${mode}: a quota 429 fails fast with retryAfter and a sentence saying how long`, async () => {
    await using t = await setup({ mode, faults: { quota: { after: 0, retryAfter: 7200 } } });
    await assert.rejects(t.client.artist(artist.id), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.retryAfter, 7200);
      assert.equal(error.reason, "QUOTA_EXCEEDED");
      assert.match(error.message, /quota is spent; it comes back in 2\.0 h/);
      return true;
    });
    assert.equal(t.sleeps.length, 0, "no waiting on a quota");
  });

  Deno.test(`${mode}: a Retry-After beyond the cap fails fast instead of hanging the notebook`, async () => {
    await using t = await setup({
      mode,
      faults: { rateLimit: { requests: 1, windowMs: 600_000 } },
      client: { retry: { maxRetryAfter: 30 } },
    });
    await t.client.artist(artist.id);
    await assert.rejects(t.client.album(album.id), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.ok(error.retryAfter > 30);
      assert.match(error.message, /asks to wait 10 min, longer than the client waits \(30 s\)/);
      return true;
    });
    assert.equal(t.sleeps.length, 0);
  });

  Deno.test(`${mode}: 5xx, dropped connections and truncated bodies are retried with backoff`, async () => {
    await using t = await setup({ mode });
    t.server.emulator.failNext("503", "drop", "truncate");
    const got = await t.client.album(album.id);
    assert.equal(got.name, album.name);
    assert.equal(t.requests().length, 4);
    assert.equal(t.sleeps.length, 3);
    assert.ok(t.sleeps[2]! > t.sleeps[0]! / 2, "the backoff grows");
  });

  Deno.test(`${mode}: retries are bounded: a persistent 500 ends in one sentence`, async () => {
    await using t = await setup({ mode, faults: { serverErrorRate: 1 } });
    await assert.rejects(t.client.track(album.tracks[0]!.id), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.ok(error.status >= 500);
      assert.match(error.message, /^Cannot fetch "GET \/v1\/tracks\/\w+": Spotify answered 50\d/);
      assert.match(error.message, /try again in a minute/);
      return true;
    });
    assert.equal(t.requests().length, 4, "one try and three retries");
  });

  Deno.test(`${mode}: a try slower than timeoutMs on the client's clock times out, is retried, then fails naming the wait`, async () => {
    await using t = await setup({
      mode,
      // Every try's timer fires as soon as it is armed: the emulator answers at once, yet on the
      // client's clock each try took 50 ms too long. No test waits on real time for a timeout.
      client: { timeoutMs: 50, retry: { maxRetries: 1 }, clock: manualClock({ instant: true }) },
    });
    await assert.rejects(t.client.artist(artist.id), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(error.timeout, true);
      assert.match(error.message, /no answer within 0\.05 s after 2 tries/);
      return true;
    });
  });

  Deno.test(`${mode}: every call of a client shares one concurrency limit`, async () => {
    let inFlight = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      peak = Math.max(peak, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    await using t = await setup({
      mode,
      faults: { latencyMs: 20 },
      client: { concurrency: 3, fetch: counting },
    });
    const ids = catalog.albums.slice(0, 12).map((a) => a.id);
    await Promise.all([
      t.client.albums(ids),
      ...ids.map((id) => t.client.albumTracks(id)),
    ]);
    assert.equal(peak, 3);
  });
}

/** A client with a cache in a fresh folder and a clock the test moves. */
async function cached(mode: (typeof MODES)[number]) {
  const dir = await Deno.makeTempDir({ prefix: "spotify-cache-" });
  const clock = { now: Date.now() };
  const t = await setup({ mode, client: { cache: { dir, now: () => clock.now } } });
  return {
    ...t,
    dir,
    clock,
    async [Symbol.asyncDispose]() {
      await t.server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

for (const mode of MODES) {
  Deno.test(`${mode}: a re-run within the time-to-live makes no request`, async () => {
    await using t = await cached(mode);
    const first = await t.client.artistAlbums(artist.id);
    const before = t.requests().length;
    const again = await t.client.artistAlbums(artist.id);
    assert.deepEqual(again, first);
    assert.equal(t.requests().length, before);
  });

  Deno.test(`${mode}: a stale entry is revalidated with If-None-Match and a 304 reuses it`, async () => {
    await using t = await cached(mode);
    await t.client.album(album.id);
    t.clock.now += 2 * 86_400_000;
    const again = await t.client.album(album.id);
    assert.equal(again.id, album.id);
    assert.deepEqual(t.requests().map((r) => r.status), [200, 304]);
    await t.client.album(album.id);
    assert.equal(t.requests().length, 2, "revalidated entries count as fresh again");
  });

  Deno.test(`${mode}: fresh: true refetches even within the time-to-live`, async () => {
    await using t = await cached(mode);
    await t.client.search("the", "artist", { max: 5 });
    await t.client.search("the", "artist", { max: 5, fresh: true });
    assert.deepEqual(t.requests().map((r) => r.status), [200, 200]);
  });

  Deno.test(`${mode}: a corrupt cache entry is discarded and refetched, never a crash`, async () => {
    await using t = await cached(mode);
    await t.client.album(album.id);
    const [file] = [...Deno.readDirSync(t.dir)].map((e) => join(t.dir, e.name));
    await Deno.writeTextFile(file!, '{"key": "GET /albums/');
    const again = await t.client.album(album.id);
    assert.equal(again.id, album.id);
    assert.deepEqual(t.requests().map((r) => r.status), [200, 200]);
    assert.equal(JSON.parse(await Deno.readTextFile(file!)).body.id, album.id, "rewritten whole");
  });

  Deno.test(`${mode}: cache files are 0600, whole, keyed by URL, and hold no token or secret`, async () => {
    await using t = await cached(mode);
    await t.client.albums(catalog.albums.slice(0, 5).map((a) => a.id));
    await t.client.search("the", "track", { max: 30 });
    const token = (await t.tokens.getToken()).value.reveal();
    const files = [...Deno.readDirSync(t.dir)].map((e) => join(t.dir, e.name));
    assert.ok(files.length >= 2);
    for (const file of files) {
      assert.match(file, /\/[0-9a-f]{40}\.json$/, "no temporary file left behind");
      assert.equal(Deno.statSync(file).mode! & 0o777, 0o600);
      const text = await Deno.readTextFile(file);
      const entry = JSON.parse(text);
      assert.match(entry.key, /^GET \/(albums|search)/);
      for (const secret of [token, t.server.clientSecret]) assert.ok(!text.includes(secret));
    }
  });
}
