/**
 * The whole PKCE sign-in against the emulator, headless: the test plays the browser by following
 * the authorize redirect to the one-shot callback server. Also a wrong state, stray requests to the
 * callback address, a reused code, a wrong verifier, refreshes that rotate and that do not, a
 * revoked refresh token, a sign-in past its six months, and the token file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  AuthError,
  connect,
  createClient,
  createUserTokenProvider,
  signIn,
  type SignInOptions,
} from "../lib/mod.ts";
import { startEmulator, type StartEmulatorOptions } from "../emulator/mod.ts";

const REDIRECT = "http://127.0.0.1:0/callback";
/** The browser: follow the authorize redirect to the callback, as "Agree" would. */
const follow = async (url: string) => void await (await fetch(url)).body?.cancel();

async function world(options: StartEmulatorOptions = {}) {
  const server = await startEmulator(options);
  const dir = await Deno.makeTempDir({ prefix: "spotify-login-" });
  const tokenFile = join(dir, ".spotify-token.json");
  const requests: { url: string; body: string }[] = [];
  /** A fetch that records token requests (to check what was sent, and to replay them). */
  const recording: typeof fetch = async (input, init) => {
    if (String(input).endsWith("/api/token")) {
      requests.push({ url: String(input), body: String(init?.body ?? "") });
    }
    return await fetch(input, init);
  };
  const base: SignInOptions = {
    clientId: server.clientId,
    accountsUrl: server.accountsUrl,
    redirectUri: REDIRECT,
    fetch: recording,
    open: follow,
  };
  return {
    server,
    tokenFile,
    requests,
    base,
    async [Symbol.asyncDispose]() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("sign-in with PKCE gets user tokens, stored in a 0600 file, that read the user's data", async () => {
  await using w = await world();
  const result = await signIn(w.base);
  const exchange = new URLSearchParams(w.requests[0]!.body);
  assert.equal(exchange.get("grant_type"), "authorization_code");
  assert.equal(exchange.get("code_verifier")?.length, 64);
  assert.equal(exchange.has("client_secret"), false, "PKCE sends no secret");
  assert.match(result.token.scope ?? "", /user-top-read/);
  const tokens = createUserTokenProvider({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    apiUrl: w.server.apiUrl,
    tokenFile: w.tokenFile,
  });
  await tokens.set(result);
  assert.equal(Deno.statSync(w.tokenFile).mode! & 0o777, 0o600);
  const client = createClient({
    apiUrl: w.server.apiUrl,
    tokenProvider: tokens,
    mode: "development",
  });
  const profile = await client.me();
  assert.equal(profile.id, "sample.listener");
  // A new process: the provider reads the file.
  const again = createUserTokenProvider({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    apiUrl: w.server.apiUrl,
    tokenFile: w.tokenFile,
  });
  assert.equal((await again.getToken()).value.reveal(), result.token.value.reveal());
});

Deno.test("a callback whose state does not match is refused", async () => {
  await using w = await world();
  await assert.rejects(
    signIn({
      ...w.base,
      open: (url) => {
        const forged = new URL(url);
        forged.searchParams.set("state", "forged");
        return follow(forged.href);
      },
    }),
    (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.match(error.message, /state does not match this sign-in/);
      return true;
    },
  );
  assert.equal(w.requests.length, 0, "no code was exchanged");
});

Deno.test("a code works once: replaying the exchange gets invalid_grant in one sentence", async () => {
  await using w = await world();
  await signIn(w.base);
  const { url, body } = w.requests[0]!;
  const { requestToken } = await import("../lib/auth/token_provider.ts");
  const code = new URLSearchParams(body).get("code")!;
  await assert.rejects(
    requestToken(
      { url, fetch, now: Date.now, timeoutMs: 5000, secrets: [code] },
      { body: new URLSearchParams(body) },
    ),
    (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.code, "invalid_grant");
      assert.match(error.message, /run "deno task login" to sign in again/);
      assert.ok(!error.message.includes(code), "the code is not in the message");
      return true;
    },
  );
});

Deno.test("a wrong verifier is refused with Spotify's description", async () => {
  await using w = await world();
  const tampering: typeof fetch = (input, init) => {
    const body = new URLSearchParams(String(init?.body ?? ""));
    if (body.has("code_verifier")) body.set("code_verifier", "x".repeat(64));
    return fetch(input, { ...init, body });
  };
  await assert.rejects(signIn({ ...w.base, fetch: tampering }), (error: unknown) => {
    assert.ok(error instanceof AuthError);
    assert.equal(error.code, "invalid_grant");
    assert.match(error.message, /code_verifier was incorrect/);
    return true;
  });
});

for (const rotate of [false, true]) {
  Deno.test(`a refresh ${rotate ? "that rotates" : "without a new refresh token"} keeps a working refresh token`, async () => {
    await using w = await world({ rotateRefreshTokens: rotate });
    let now = Date.now();
    const tokens = createUserTokenProvider({
      clientId: w.server.clientId,
      accountsUrl: w.server.accountsUrl,
      apiUrl: w.server.apiUrl,
      tokenFile: w.tokenFile,
      fetch: w.base.fetch!,
      now: () => now,
    });
    await tokens.set(await signIn(w.base));
    const first = JSON.parse(await Deno.readTextFile(w.tokenFile));
    now += 3600_000; // the access token is due for renewal
    const renewed = await tokens.getToken();
    assert.notEqual(renewed.value.reveal(), first.access_token);
    const second = JSON.parse(await Deno.readTextFile(w.tokenFile));
    assert.equal(second.refresh_token === first.refresh_token, !rotate);
    const refreshBody = new URLSearchParams(w.requests.at(-1)!.body);
    assert.equal(refreshBody.get("grant_type"), "refresh_token");
    assert.equal(refreshBody.get("refresh_token"), first.refresh_token);
    // And the kept (or new) refresh token works again.
    now += 3600_000;
    await tokens.getToken();
    assert.equal(Deno.statSync(w.tokenFile).mode! & 0o777, 0o600);
  });
}

Deno.test("a revoked refresh token asks to run deno task login again, without any token in the message", async () => {
  await using w = await world();
  let now = Date.now();
  const tokens = createUserTokenProvider({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    apiUrl: w.server.apiUrl,
    tokenFile: w.tokenFile,
    now: () => now,
  });
  await tokens.set(await signIn(w.base));
  const file = JSON.parse(await Deno.readTextFile(w.tokenFile));
  w.server.emulator.revokeRefreshTokens();
  now += 3600_000;
  await assert.rejects(tokens.getToken(), (error: unknown) => {
    assert.ok(error instanceof AuthError);
    assert.equal(
      error.message,
      `Cannot renew your Spotify sign-in: Spotify answered 400 "invalid_grant" ("Refresh token revoked"), as it does six months after you signed in or once the app's access is removed; run "deno task login" to sign in again (your cached answers and listening history are kept)`,
    );
    for (const secret of [file.access_token, file.refresh_token]) {
      assert.ok(!error.message.includes(secret));
    }
    return true;
  });
  const logged = w.server.emulator.log.map((r) => r.path).join("\n");
  assert.ok(!logged.includes(file.access_token) && !logged.includes(file.refresh_token));
});

Deno.test("without a token file, user data asks to sign in first", async () => {
  const tokens = createUserTokenProvider({
    clientId: "abcdefgh",
    tokenFile: "/nonexistent/t.json",
  });
  await assert.rejects(tokens.getToken(), /^AuthError: Not signed in: run "deno task login"/);
});

Deno.test("a redirect URI on localhost is refused before anything starts", async () => {
  await assert.rejects(
    signIn({ clientId: "abcdefgh", redirectUri: "http://localhost:8888/callback", open: follow }),
    /use http:\/\/127\.0\.0\.1:PORT\/callback \(Spotify rejects localhost\)/,
  );
});

Deno.test("connect({ user: true }) offline signs the sample listener in", async () => {
  await using spotify = await connect({ env: {}, envFile: false, cacheDir: false, user: true });
  assert.equal(spotify.user, true);
  assert.equal((await spotify.client.me()).display_name, "Sample Listener");
  assert.match(spotify.banner.text, /signed in as its sample listener/);
});

Deno.test("a kernel's renewal never writes its older sign-in over a newer deno task login", async () => {
  await using w = await world();
  let now = Date.now();
  const provider = (clock: () => number) =>
    createUserTokenProvider({
      clientId: w.server.clientId,
      accountsUrl: w.server.accountsUrl,
      apiUrl: w.server.apiUrl,
      tokenFile: w.tokenFile,
      now: clock,
    });
  const login = provider(() => now);
  await login.set(await signIn(w.base));
  const kernel = provider(() => now);
  await kernel.getToken(); // the kernel reads the first sign-in
  now += 1000;
  await provider(() => now).set(await signIn(w.base)); // deno task login again, in a terminal
  const newer = JSON.parse(await Deno.readTextFile(w.tokenFile));
  now += 3600_000; // the kernel's token is due for renewal
  const token = await kernel.getToken();
  const after = JSON.parse(await Deno.readTextFile(w.tokenFile));
  assert.equal(after.signed_in_at, newer.signed_in_at, "the newer sign-in is still in the file");
  assert.equal(after.refresh_token, newer.refresh_token);
  assert.equal(token.value.reveal(), after.access_token, "the kernel moved to the newer sign-in");
});

Deno.test("with rotation, a second process re-reads the file instead of failing on invalid_grant", async () => {
  await using w = await world({ rotateRefreshTokens: true });
  let now = Date.now();
  const provider = () =>
    createUserTokenProvider({
      clientId: w.server.clientId,
      accountsUrl: w.server.accountsUrl,
      apiUrl: w.server.apiUrl,
      tokenFile: w.tokenFile,
      now: () => now,
    });
  const first = provider();
  await first.set(await signIn(w.base));
  const second = provider();
  await second.getToken(); // both processes hold the same refresh token
  now += 3600_000;
  const renewed = await first.getToken(); // rotates: the old refresh token is spent
  const got = await second.getToken({ refresh: true });
  assert.equal(got.value.reveal(), renewed.value.reveal(), "the second process took the renewal");
  now += 3600_000;
  await second.getToken(); // and it can renew with the rotated refresh token
});

Deno.test("sign-in never hangs on a browser opener that never returns: the timeout fires and the port closes", async () => {
  await using w = await world();
  let port = 0;
  const started = performance.now();
  await assert.rejects(
    signIn({
      ...w.base,
      timeoutMs: 200,
      open: (url) => {
        port = Number(new URL(new URL(url).searchParams.get("redirect_uri")!).port);
        return new Promise(() => {}); // never settles
      },
    }),
    (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.match(error.message, /^Sign-in timed out/);
      return true;
    },
  );
  assert.ok(performance.now() - started < 2000);
  assert.ok(port > 0);
  const listener = Deno.listen({ hostname: "127.0.0.1", port }); // the callback port is free again
  listener.close();
});

Deno.test("an opener that fails ends the sign-in with its error and closes the port", async () => {
  await using w = await world();
  await assert.rejects(
    signIn({
      ...w.base,
      open: () => {
        throw new Error("no browser here");
      },
    }),
    /no browser here/,
  );
});

Deno.test("a request to the callback address with neither code nor error gets an error page and the sign-in goes on", async () => {
  await using w = await world();
  const pages: [number, string][] = [];
  const result = await signIn({
    ...w.base,
    open: async (url) => {
      const redirect = new URL(url).searchParams.get("redirect_uri")!;
      const state = new URL(url).searchParams.get("state")!;
      // A link preview, a scanner, a page's script: no answer from Spotify in any of them.
      for (const stray of [redirect, `${redirect}?utm_source=chat`, `${redirect}?state=${state}`]) {
        const response = await fetch(stray);
        pages.push([response.status, await response.text()]);
      }
      const head = await fetch(`${redirect}?code=AQx&state=${state}`, { method: "HEAD" });
      pages.push([head.status, ""]);
      await follow(url); // and then the real answer
    },
  });
  assert.match(result.token.scope ?? "", /user-top-read/, "the sign-in went on to the real answer");
  assert.deepEqual(pages.map(([status]) => status), [400, 400, 400, 405]);
  for (const [, page] of pages.slice(0, 3)) {
    assert.match(page, /<h1>Not a sign-in answer<\/h1>.*the sign-in in progress goes on/);
  }
});

Deno.test("after a stray request, a code with a wrong state still ends the sign-in with an error page", async () => {
  await using w = await world();
  let forgedPage: Promise<number> | undefined;
  await assert.rejects(
    signIn({
      ...w.base,
      open: async (url) => {
        const redirect = new URL(url).searchParams.get("redirect_uri")!;
        await (await fetch(redirect)).body?.cancel();
        const forged = new URL(url);
        forged.searchParams.set("state", "forged");
        forgedPage = fetch(forged).then(async (page) => { // follows to the callback with a code
          await page.body?.cancel();
          return page.status;
        });
        await forgedPage;
      },
    }),
    /^AuthError: Sign-in failed: the answer's state does not match this sign-in/,
  );
  assert.equal(await forgedPage, 400);
  assert.equal(w.requests.length, 0, "no code was exchanged");
});

Deno.test("a sign-in past its six months says to sign in again and keeps the token file, the cache and the history store", async () => {
  let clock = Date.now();
  await using w = await world({ now: () => clock });
  const tokens = createUserTokenProvider({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    apiUrl: w.server.apiUrl,
    tokenFile: w.tokenFile,
  });
  await tokens.set(await signIn(w.base));
  const dir = join(w.tokenFile, "..");
  const cacheDir = join(dir, "cache");
  const env = {
    SPOTIFY_CLIENT_ID: w.server.clientId,
    SPOTIFY_CLIENT_SECRET: w.server.clientSecret,
    SPOTIFY_API_URL: w.server.apiUrl,
    SPOTIFY_ACCOUNTS_URL: w.server.accountsUrl,
    SPOTIFY_TOKEN_FILE: w.tokenFile,
  };
  {
    await using spotify = await connect({ env, envFile: false, cacheDir, user: true });
    await spotify.client.me(); // fills the cache, records the account
  }
  await Deno.writeTextFile(join(dir, "history.sqlite"), "plays");
  const before = await Deno.readTextFile(w.tokenFile);
  const cached = [...Deno.readDirSync(cacheDir)].map((entry) => entry.name);
  clock += 181 * 24 * 3600_000; // Spotify's side: the access token and the sign-in have expired
  await using spotify = await connect({ env, envFile: false, cacheDir, user: true });
  await assert.rejects(spotify.client.recentlyPlayed({ fresh: true }), (error: unknown) => {
    assert.ok(error instanceof AuthError, String(error));
    assert.match(
      error.message,
      /^Cannot renew your Spotify sign-in: .*six months after you signed in.*; run "deno task login" to sign in again \(your cached answers and listening history are kept\)$/,
    );
    return true;
  });
  assert.equal(await Deno.readTextFile(w.tokenFile), before, "the token file is as it was");
  assert.equal(await Deno.readTextFile(join(dir, "history.sqlite")), "plays");
  assert.deepEqual([...Deno.readDirSync(cacheDir)].map((entry) => entry.name), cached);
  assert.ok(cached.length > 0);
});
