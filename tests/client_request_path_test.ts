/**
 * The request path as one composition, over real HTTP on 127.0.0.1: one request meeting every step
 * in turn (the 429 gate, retry with backoff, the one refresh, the cache), timeouts seen on the
 * client's clock (the test moves time, no test waits for one), the account of a signed-in user
 * resolved at sign-in rather than by the request path, and answers checked item by item.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  ApiError,
  createClient,
  createUserTokenProvider,
  NetworkError,
  signIn,
} from "../lib/mod.ts";
import { loadSampleCatalog, startEmulator } from "../emulator/mod.ts";
import { fake } from "./_client_fake.ts";
import { manualClock } from "./_manual_clock.ts";
import { setup } from "./_client_setup.ts";

const catalog = loadSampleCatalog();
const album = catalog.albums[0]!;
const ID = "abcdefghij0123456789AB";

Deno.test("one request meets every step in turn: a 429 pause, a 503, a dropped connection, a truncated body and an expired token, then answers; its re-run is served from the cache", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spotify-path-" });
  let emulatorTime = Date.now();
  const clock = manualClock();
  const slept: number[] = [];
  const told: number[] = [];
  let tries = 0;
  /** The API as seen from the client; the access token expires just before the fifth try. */
  const api: typeof fetch = (input, init) => {
    if (++tries === 5) emulatorTime += 2 * 3600_000;
    return fetch(input, init);
  };
  await using t = await setup({
    mode: "extended",
    now: () => emulatorTime,
    client: {
      cache: { dir },
      fetch: api,
      clock,
      sleep: (ms) => {
        slept.push(ms);
        clock.advance(ms); // the client's waits pass on its own clock
        return Promise.resolve();
      },
      onRateLimit: (seconds) => told.push(seconds),
    },
  });
  try {
    t.server.emulator.failNext("429", "503", "drop", "truncate");
    const got = await t.client.album(album.id);
    assert.equal(got.id, album.id);
    assert.deepEqual(t.requests().map((r) => r.status), [429, 503, 200, 200, 401, 200]);
    assert.equal(t.server.emulator.log.filter((r) => r.path === "/api/token").length, 2);
    assert.equal(slept.length, 4, `the 429 pause, then one backoff per passing fault: ${slept}`);
    assert.ok(slept[0]! >= 1000 && slept[0]! < 2000, `the pause follows Retry-After: ${slept}`);
    assert.ok(slept.slice(1).every((ms) => ms < 1000), `backoffs start small: ${slept}`);
    assert.deepEqual(told, [Math.ceil(slept[0]! / 1000)], "the pause is told once");
    await t.client.album(album.id);
    assert.equal(t.requests().length, 6, "the re-run makes no request");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a try with no answer times out on the client's clock: the test moves 45 s of timeouts without waiting for them", async () => {
  const clock = manualClock();
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  let arrived = 0;
  let onArrival = () => {};
  await using f = fake({
    api: async () => {
      arrived++;
      onArrival();
      await held; // never answers while the test runs
      return new Response("late");
    },
    client: { clock }, // the defaults: 20 s per try, 45 s in all, 3 retries
  });
  /** Resolves once the API has seen `n` tries. */
  const arrival = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => arrived >= n ? resolve() : void (onArrival = check);
      check();
    });
  const pending = f.client.album(ID);
  const settled = pending.then(() => undefined, () => undefined);
  // Each time a try is on the wire with its timer armed, move time past the timer; stop once the
  // request has settled.
  for (let i = 1; i <= 10; i++) {
    const ms = await Promise.race([clock.nextTimer(), settled]);
    if (ms === undefined) break;
    await arrival(i);
    clock.advance(ms);
  }
  await assert.rejects(pending, (error: unknown) => {
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.timeout, true);
    assert.match(
      error.message,
      /^Cannot fetch "GET \/v1\/albums\/\w+": no answer within 45 s after 3 tries/,
    );
    return true;
  });
  assert.deepEqual(clock.armed, [20_000, 20_000, 5_000], "each try gets what the deadline leaves");
  assert.equal(f.log.api.length, 3);
  release();
});

Deno.test("signing in records the account GET /me names in the token file, before any client asks", async () => {
  await using server = await startEmulator();
  const dir = await Deno.makeTempDir({ prefix: "spotify-account-" });
  try {
    const tokenFile = join(dir, ".spotify-token.json");
    const tokens = createUserTokenProvider({
      clientId: server.clientId,
      accountsUrl: server.accountsUrl,
      apiUrl: server.apiUrl,
      tokenFile,
    });
    await tokens.set(
      await signIn({
        clientId: server.clientId,
        accountsUrl: server.accountsUrl,
        redirectUri: "http://127.0.0.1:0/callback",
        open: async (url) => void await (await fetch(url)).body?.cancel(),
      }),
    );
    assert.equal(JSON.parse(await Deno.readTextFile(tokenFile)).account, catalog.user.id);
    assert.equal(await tokens.account!(), catalog.user.id);
    assert.deepEqual(
      server.emulator.log.filter((r) => r.path.startsWith("/v1/")).map((r) => r.path),
      [
        "/v1/me",
      ],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a token file without an account is looked up once, however many requests ask at once, and kept", async () => {
  await using server = await startEmulator();
  const dir = await Deno.makeTempDir({ prefix: "spotify-account-" });
  try {
    const tokenFile = join(dir, ".spotify-token.json");
    const options = {
      clientId: server.clientId,
      accountsUrl: server.accountsUrl,
      apiUrl: server.apiUrl,
      tokenFile,
    };
    const result = await signIn({
      ...options,
      redirectUri: "http://127.0.0.1:0/callback",
      open: async (url) => void await (await fetch(url)).body?.cancel(),
    });
    // A file written before accounts were recorded: no "account".
    await Deno.writeTextFile(
      tokenFile,
      JSON.stringify({
        access_token: result.token.value.reveal(),
        token_type: "Bearer",
        scope: result.token.scope,
        expires_at: result.token.expiresAt.getTime(),
        renew_at: result.renewAt,
        refresh_token: result.refreshToken?.reveal() ?? null,
        signed_in_at: 1,
      }),
      { mode: 0o600 },
    );
    const session = () =>
      createClient({
        apiUrl: server.apiUrl,
        tokenProvider: createUserTokenProvider(options),
        mode: "development",
        cache: { dir: join(dir, "cache") },
      });
    const client = session();
    await Promise.all([
      client.topTracks("short_term", { max: 5 }),
      client.topArtists("short_term", { max: 5 }),
      client.savedAlbums({ max: 5 }),
    ]);
    const me = () => server.emulator.log.filter((r) => r.path === "/v1/me").length;
    assert.equal(me(), 1, "one lookup for three requests");
    assert.equal(JSON.parse(await Deno.readTextFile(tokenFile)).account, catalog.user.id);
    // The next session (another process) reads it from the file, and its answers from the cache.
    const before = server.emulator.log.length;
    await session().topTracks("short_term", { max: 5 });
    assert.equal(server.emulator.log.length, before);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("Extended mode: a several-at-once answer with items that are not objects is an error naming the endpoint", async () => {
  const ids = ["show0000000000000000001", "show0000000000000000002"];
  await using f = fake({ api: () => Response.json({ shows: ["abc", 5] }) });
  await assert.rejects(f.client.shows(ids), (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.match(
      error.message,
      /^Cannot fetch "GET \/v1\/shows": Spotify answered 200 with item 1 of 2 not an object; /,
    );
    assert.equal(error.body, '"abc"');
    return true;
  });
  assert.equal(f.log.api.length, 1, "no second try, and no quiet fallback per id");
});

Deno.test("Extended mode: a several-at-once answer keeps null for an unknown id, as the one-per-id path does", async () => {
  const ids = ["show0000000000000000001", "show0000000000000000002"];
  await using f = fake({
    api: () => Response.json({ shows: [{ id: ids[0], name: "One" }, null] }),
  });
  const shows = await f.client.shows(ids);
  assert.deepEqual(shows.map((show) => show?.id ?? null), [ids[0], null]);
});

Deno.test("a 204 where an object was expected is described as 204, not 200", async () => {
  await using f = fake({ api: () => new Response(null, { status: 204 }) });
  await assert.rejects(f.client.album(ID), (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, 204);
    assert.match(
      error.message,
      /Spotify answered 204 with no content where an object was expected/,
    );
    assert.doesNotMatch(error.message, /answered 200/);
    return true;
  });
});
