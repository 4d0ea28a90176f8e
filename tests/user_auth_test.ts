/**
 * The whole PKCE sign-in against the emulator, headless: the test plays the browser by following
 * the authorize redirect to the one-shot callback server. Also a wrong state, a reused code, a wrong
 * verifier, refreshes that rotate and that do not, a revoked refresh token, and the token file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  AuthError,
  connect,
  createClient,
  createUserTokenProvider,
  me,
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
    tokenFile: w.tokenFile,
  });
  await tokens.set(result);
  assert.equal(Deno.statSync(w.tokenFile).mode! & 0o777, 0o600);
  const client = createClient({
    apiUrl: w.server.apiUrl,
    tokenProvider: tokens,
    mode: "development",
  });
  const profile = await me(client);
  assert.equal(profile.id, "sample.listener");
  // A new process: the provider reads the file.
  const again = createUserTokenProvider({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
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
  const { requestToken } = await import("../lib/token_provider.ts");
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
    tokenFile: w.tokenFile,
    now: () => now,
  });
  await tokens.set(await signIn(w.base));
  const file = JSON.parse(await Deno.readTextFile(w.tokenFile));
  w.server.emulator.revokeRefreshTokens();
  now += 3600_000;
  await assert.rejects(tokens.getToken(), (error: unknown) => {
    assert.ok(error instanceof AuthError);
    assert.match(
      error.message,
      /^Cannot get a token: Spotify refused the grant .*run "deno task login"/,
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
  assert.equal((await me(spotify.client)).display_name, "Sample Listener");
  assert.match(spotify.banner.text, /signed in as its sample listener/);
});
