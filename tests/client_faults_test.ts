/**
 * Faults the emulator cannot play, against a fake API on 127.0.0.1: a revoked token under
 * concurrency, token endpoint faults at renewal, a silent API against the overall deadline, 429
 * pauses told while they last, cancelled calls, bad `max` values and ids, and HTML error pages.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  ApiError,
  createClient,
  createTokenProvider,
  fetchDiscography,
  NetworkError,
  progressBar,
  type ProgressState,
} from "../lib/mod.ts";
import { fake, page } from "./_client_fake.ts";
import { manualClock } from "./_manual_clock.ts";

const ID = "abcdefghij0123456789AB";
const album = (id: string) => ({ id, name: id, tracks: { items: [], next: null, total: 0 } });

Deno.test("after a revocation, requests queued behind the limiter use the renewed token: one refresh", async () => {
  let valid = "token-1";
  await using f = fake({
    api: (path, request) => {
      const token = request.headers.get("authorization")?.slice(7);
      if (token !== valid) {
        return Response.json({ error: { status: 401, message: "The access token expired" } }, {
          status: 401,
        });
      }
      return Response.json(album(path.split("/").at(-1)!.replace(/\?.*/, "")));
    },
    client: { concurrency: 10 },
  });
  await f.client.album(ID);
  valid = "token-2"; // the first token is revoked; the next one issued works
  const ids = Array.from({ length: 60 }, (_, i) => `album${String(i).padStart(17, "0")}`);
  const albums = await Promise.all(ids.map((id) => f.client.album(id)));
  assert.equal(albums.length, 60);
  assert.equal(f.log.tokens, 2, "one token, then one refresh");
  const refused = f.log.api.filter((r) => r.token === "token-1").length - 1;
  assert.ok(refused <= 10, `${refused} requests went out with the revoked token`);
});

for (
  const [fault, respond] of [
    ["503", () => new Response("busy", { status: 503 })],
    ["429", () => new Response("slow down", { status: 429, headers: { "retry-after": "1" } })],
    ["500 HTML", () => new Response("<html><h1>Oops</h1></html>", { status: 500 })],
  ] as const
) {
  Deno.test(`a ${fault} from the token endpoint at renewal is retried, not the end of a crawl`, async () => {
    let failures = 2;
    const sleeps: number[] = [];
    await using f = fake({
      api: () => Response.json(album(ID)),
      token: (n) =>
        n > 1 && failures-- > 0
          ? respond()
          : Response.json({ access_token: `token-${n}`, token_type: "Bearer", expires_in: 3600 }),
    });
    const tokens = createTokenProvider({
      clientId: "fakeclientid",
      clientSecret: "fakeclientsecret",
      accountsUrl: f.origin,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    await tokens.getToken();
    const renewed = await tokens.getToken({ refresh: true });
    assert.equal(renewed.value.reveal(), "token-4");
    assert.equal(sleeps.length, 2);
    if (fault === "429") assert.ok(sleeps.every((ms) => ms >= 1000));
  });
}

Deno.test("a dropped connection to the token endpoint is retried", async () => {
  let drops = 2;
  const flaky: typeof fetch = (input, init) =>
    drops-- > 0 ? Promise.reject(new TypeError("connection reset")) : fetch(input, init);
  await using f = fake({ api: () => Response.json(album(ID)) });
  const tokens = createTokenProvider({
    clientId: "fakeclientid",
    clientSecret: "fakeclientsecret",
    accountsUrl: f.origin,
    fetch: flaky,
    sleep: () => Promise.resolve(),
  });
  assert.equal((await tokens.getToken()).value.reveal(), "token-1");
});

Deno.test("a silent API fails by the overall deadline, not after every try's full timeout", async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  // Every try's timer fires as soon as it is armed: time passes on the client's clock only.
  const clock = manualClock({ instant: true });
  await using f = fake({
    api: async () => {
      await held;
      return new Response("late");
    },
    client: { timeoutMs: 200, deadlineMs: 300, retry: { maxRetries: 10 }, clock },
  });
  await assert.rejects(f.client.album(ID), (error: unknown) => {
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.timeout, true);
    assert.match(
      error.message,
      /^Cannot fetch "GET \/v1\/albums\/\w+": no answer within 0\.3 s after [12] tr(y|ies)/,
    );
    return true;
  });
  assert.deepEqual(clock.armed.slice(0, 1), [200], "the first try gets its full timeout");
  assert.ok(clock.armed.length <= 2, `no try is started past the deadline: ${clock.armed}`);
  release();
});

Deno.test("while a 429 pause lasts, the progress bar and the console say how long", async () => {
  let first = true;
  const told: number[] = [];
  await using f = fake({
    api: () => {
      if (first) {
        first = false;
        return new Response("", { status: 429, headers: { "retry-after": "30" } });
      }
      return page(f.origin, [{ id: "t1" }], null, { total: 1 });
    },
    client: { onRateLimit: (seconds) => told.push(seconds) },
  });
  const states: ProgressState[] = [];
  const lines: string[] = [];
  const onProgress = progressBar("Fetching", {
    sink: { draw: (state) => states.push({ ...state }) },
  });
  await f.client.albumTracks(ID, { onProgress });
  const waiting = states.find((s) => s.waiting !== undefined);
  assert.ok(waiting, "the bar was told");
  assert.ok(waiting.waiting! >= 30 && waiting.waiting! <= 31);
  const { describe } = await import("../lib/show/progress.ts");
  lines.push(describe(waiting));
  assert.match(lines[0]!, /waiting 3\d s for Spotify's rate limit/);
  assert.equal(told.length, 0, "a call with a progress bar shows it there, not on the console");

  first = true;
  // Another client (its own pause): a call without a bar tells the console, once.
  const other = createClient({
    apiUrl: `${f.origin}/v1`,
    tokenProvider: f.tokens,
    sleep: () => Promise.resolve(),
    onRateLimit: (seconds) => told.push(seconds),
  });
  await other.album(ID);
  assert.equal(told.length, 1, `without a bar, the console is told once (${told})`);
  assert.ok(told[0]! >= 30 && told[0]! <= 31);
});

Deno.test("the default rate-limit notice is one console line saying how long", async () => {
  let first = true;
  await using f = fake({
    api: () => {
      if (first) {
        first = false;
        return new Response("", { status: 429, headers: { "retry-after": "5" } });
      }
      return Response.json(album(ID));
    },
  });
  const client = createClient({
    apiUrl: `${f.origin}/v1`,
    tokenProvider: f.tokens,
    sleep: () => Promise.resolve(),
  });
  const warned: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warned.push(args.join(" "));
  try {
    await client.album(ID);
  } finally {
    console.warn = original;
  }
  assert.equal(warned.length, 1);
  assert.match(warned[0]!, /^Waiting [56] s for Spotify's rate limit/);
});

Deno.test("an aborted call rejects promptly with an AbortError; the cache and the client stay usable", async () => {
  const dir = await Deno.makeTempDir();
  let slow = true;
  await using f = fake({
    api: async (path) => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 2000));
      return Response.json(album(path.split("/").at(-1)!.replace(/\?.*/, "")));
    },
    client: { cache: { dir } },
  });
  const controller = new AbortController();
  const pending = f.client.album(ID, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const started = performance.now();
  await assert.rejects(pending, (error: unknown) => {
    assert.equal((error as Error).name, "AbortError");
    assert.match((error as Error).message, /the call was cancelled/);
    return true;
  });
  assert.ok(performance.now() - started < 1000, "promptly");
  assert.deepEqual([...Deno.readDirSync(dir)].filter((e) => e.isFile), [], "nothing half-cached");
  slow = false;
  assert.equal((await f.client.album(ID)).id, ID, "the client still works");
  // Already aborted: no request at all.
  const before = f.log.api.length;
  await assert.rejects(f.client.album(ID, { signal: AbortSignal.abort() }), { name: "AbortError" });
  await assert.rejects(
    f.client.albumTracks(ID, { signal: AbortSignal.abort() }),
    { name: "AbortError" },
  );
  assert.equal(f.log.api.length, before);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an abort during a 429 pause, or of fetchDiscography, rejects promptly", async () => {
  await using f = fake({
    api: () => new Response("", { status: 429, headers: { "retry-after": "30" } }),
    client: { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  });
  for (
    const call of [
      (signal: AbortSignal) => f.client.album(ID, { signal }),
      (signal: AbortSignal) => fetchDiscography(f.client, [ID], { signal }),
    ]
  ) {
    const started = performance.now();
    await assert.rejects(call(AbortSignal.timeout(100)), (error: unknown) => {
      assert.equal((error as Error).name, "AbortError");
      return true;
    });
    assert.ok(performance.now() - started < 1000, "promptly");
  }
});

Deno.test("max of NaN, 0.5 or -1 is a RangeError naming the option, with no request", async () => {
  await using f = fake({ api: () => page(f.origin, [], null) });
  for (const max of [NaN, 0.5, -1]) {
    for (
      const call of [
        () => f.client.search("x", "artist", { max }),
        () => f.client.artistAlbums(ID, { max }),
        () => f.client.albumTracks(ID, { max }),
        () => f.client.playlistItems(ID, { max }),
        () => f.client.topTracks("all", { max }),
        () => f.client.savedTracks({ max }),
      ]
    ) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof RangeError, String(error));
        assert.match(error.message, /^Invalid max (NaN|0\.5|-1): use a whole number of at least 0/);
        return true;
      });
    }
  }
  assert.equal(f.log.api.length, 0);
});

Deno.test("every endpoint returns a rejected promise for a bad argument, never a synchronous throw", async () => {
  await using f = fake({ api: () => Response.json({}) });
  const bad = "x".repeat(5000);
  const c = f.client;
  const calls: [string, () => Promise<unknown>][] = [
    ["search", () => c.search("", "artist")],
    ["artist", () => c.artist(bad)],
    ["artists", () => c.artists([bad])],
    ["artists(not an array)", () => c.artists(bad as unknown as string[])],
    ["artistAlbums", () => c.artistAlbums(bad)],
    ["artistTopTracks", () => c.artistTopTracks(bad, { market: "SE" })],
    ["album", () => c.album(bad)],
    ["albums", () => c.albums([bad])],
    ["albumTracks", () => c.albumTracks(bad)],
    ["track", () => c.track(bad)],
    ["tracks", () => c.tracks([bad])],
    ["playlist", () => c.playlist(bad)],
    ["playlistItems", () => c.playlistItems(bad)],
    ["get", () => c.get("https://elsewhere.example/v1/x")],
    ["fetchDiscography", () => fetchDiscography(c, [bad])],
  ];
  for (const [name, call] of calls) {
    let promise: Promise<unknown> | undefined;
    assert.doesNotThrow(() => void (promise = call()), name);
    assert.ok(promise instanceof Promise, name);
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof TypeError, `${name}: ${error}`);
      assert.ok(
        error.message.length < 200,
        `${name}: a readable sentence (${error.message.length})`,
      );
      return true;
    });
  }
  const iterator = c.iterate.albumTracks(bad);
  await assert.rejects(iterator.next(), TypeError);
  assert.equal(f.log.api.length, 0);
});

Deno.test("a long query echoed in an error message is cut to a readable length", async () => {
  await using f = fake({
    api: () => Response.json({ error: { status: 400, message: "Bad search" } }, { status: 400 }),
  });
  await assert.rejects(f.client.search("q".repeat(3000), "artist"), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.ok(error.message.length < 400, `${error.message.length} characters`);
    assert.match(error.message, /q…"/);
    return true;
  });
});

Deno.test("an HTML error page becomes a one-line excerpt without markup", async () => {
  const html = `<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title>
<style>body { color: red }</style></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>\n${"<p>padding</p>\n".repeat(200)}</body>\n</html>`;
  for (const status of [404, 502]) {
    await using f = fake({
      api: () => new Response(html, { status, headers: { "content-type": "text/html" } }),
    });
    await assert.rejects(f.client.album(ID), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.match(error.message, /Spotify answered (404|502) "502 Bad Gateway"/);
      for (const text of [error.message, String(error.body)]) {
        assert.ok(!/[<>]/.test(text), text);
        assert.ok(!text.includes("\n"), text);
        assert.ok(text.length < 600, `${text.length} characters`);
      }
      return true;
    });
  }
});

Deno.test("a 200 answer of an HTML page, after the retries, is one line without markup", async () => {
  await using f = fake({
    api: () => new Response("<html><title>Portal</title><body>Log in to the Wi-Fi</body></html>"),
  });
  await assert.rejects(f.client.album(ID), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.match(error.message, /a body that is not JSON after 4 tries/);
    assert.equal(error.body, "Portal");
    return true;
  });
});

Deno.test("a cache that cannot be written warns once, and every call still makes one request", async () => {
  const dir = await Deno.makeTempDir();
  const blocker = join(dir, "not-a-folder");
  await Deno.writeTextFile(blocker, "");
  const warned: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warned.push(args.join(" "));
  try {
    await using f = fake({
      api: (path) => Response.json(album(path.split("/").at(-1)!)),
      client: { cache: { dir: join(blocker, "cache") } },
    });
    for (const id of [ID, ID, "other00000000000000000"]) {
      assert.equal((await f.client.album(id)).id, id);
    }
    assert.equal(f.log.api.length, 3, "one request per call, never four");
  } finally {
    console.warn = original;
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(warned.length, 1);
  assert.match(warned[0]!, /carries on without caching/);
});

Deno.test("an abort while the token endpoint is silent rejects promptly", async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  await using f = fake({
    api: () => Response.json(album(ID)),
    token: async () => {
      await held;
      return Response.json({ access_token: "late", token_type: "Bearer", expires_in: 3600 });
    },
  });
  const started = performance.now();
  await assert.rejects(f.client.album(ID, { signal: AbortSignal.timeout(100) }), {
    name: "AbortError",
  });
  assert.ok(performance.now() - started < 1000, "promptly");
  release();
});
