import assert from "node:assert/strict";
import { startEmulator } from "../../emulator/mod.ts";
import { AuthError, NetworkError } from "../core/errors.ts";
import { connect } from "../connect.ts";
import { createTokenProvider } from "./token_provider.ts";

const SECRET = "canarySecretValue0123456789";

/** A local server whose answer to the token request is given by `respond`. */
async function withServer(
  respond: (request: Request) => Response | Promise<Response>,
  fn: (url: string) => Promise<void>,
) {
  const controller = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: controller.signal, onListen: () => {} },
    respond,
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    controller.abort();
    await server.finished;
  }
}

Deno.test("createTokenProvider() sends the Basic header of base64(id:secret) and a form body", async () => {
  let seen: { auth: string | null; type: string | null; body: string } | undefined;
  await withServer(async (request) => {
    seen = {
      auth: request.headers.get("authorization"),
      type: request.headers.get("content-type"),
      body: await request.text(),
    };
    return Response.json({ access_token: "tok", token_type: "Bearer", expires_in: 3600 });
  }, async (url) => {
    const tokens = createTokenProvider({
      clientId: "clientid123",
      clientSecret: SECRET,
      accountsUrl: url,
    });
    await tokens.getToken();
  });
  assert.equal(seen?.auth, `Basic ${btoa(`clientid123:${SECRET}`)}`);
  assert.equal(seen?.type, "application/x-www-form-urlencoded");
  assert.equal(seen?.body, "grant_type=client_credentials");
});

Deno.test("createTokenProvider() gets a Bearer token from the emulator that never prints", async () => {
  await using server = await startEmulator({ clientId: "clientid123", clientSecret: SECRET });
  const tokens = createTokenProvider({
    clientId: "clientid123",
    clientSecret: SECRET,
    accountsUrl: server.accountsUrl,
  });
  const token = await tokens.getToken();
  assert.equal(token.type, "Bearer");
  assert.ok(token.value.reveal().length > 10);
  assert.ok(token.expiresAt.getTime() > Date.now() + 3500_000);
  assert.ok(!token.describe().includes(token.value.reveal()));
  assert.ok(!Deno.inspect(token).includes(token.value.reveal()));
  assert.ok(!JSON.stringify(token).includes(token.value.reveal()));
});

Deno.test("createTokenProvider() shares one in-flight request between concurrent callers", async () => {
  await using server = await startEmulator({ clientId: "clientid123", clientSecret: SECRET });
  const tokens = createTokenProvider({
    clientId: "clientid123",
    clientSecret: SECRET,
    accountsUrl: server.accountsUrl,
  });
  const all = await Promise.all(Array.from({ length: 10 }, () => tokens.getToken()));
  assert.equal(new Set(all.map((t) => t.value.reveal())).size, 1);
  assert.equal(server.emulator.log.filter((r) => r.path === "/api/token").length, 1);
});

Deno.test("createTokenProvider() renews the token 60 s before it expires", async () => {
  await using server = await startEmulator({ clientId: "clientid123", clientSecret: SECRET });
  let now = 1_000_000;
  const tokens = createTokenProvider({
    clientId: "clientid123",
    clientSecret: SECRET,
    accountsUrl: server.accountsUrl,
    now: () => now,
  });
  const first = await tokens.getToken();
  now += 3540_000 - 1; // just before expiry minus 60 s: still the same token
  assert.equal((await tokens.getToken()).value.reveal(), first.value.reveal());
  now += 1;
  const second = await tokens.getToken();
  assert.notEqual(second.value.reveal(), first.value.reveal());
  assert.equal(server.emulator.log.filter((r) => r.path === "/api/token").length, 2);
});

Deno.test("createTokenProvider() turns invalid_client into one sentence without the secret, naming its options or the advice given", async () => {
  await using server = await startEmulator({
    clientId: "clientid123",
    clientSecret: "theRightOne99",
  });
  const tokens = createTokenProvider({
    clientId: "clientid123",
    clientSecret: SECRET,
    accountsUrl: server.accountsUrl,
  });
  await assert.rejects(tokens.getToken(), (error: unknown) => {
    assert.ok(error instanceof AuthError);
    assert.equal(error.code, "invalid_client");
    assert.equal(error.status, 400);
    assert.match(
      error.message,
      /^Cannot get a token: .*check the "clientId" and "clientSecret" options/,
    );
    assert.doesNotMatch(error.message, /\.env/);
    assert.ok(!error.message.includes(SECRET) && !String(error.stack).includes(SECRET));
    return true;
  });
  const advised = createTokenProvider({
    clientId: "clientid123",
    clientSecret: SECRET,
    accountsUrl: server.accountsUrl,
    advice: { credentials: "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in .env" },
  });
  await assert.rejects(
    advised.getToken(),
    /^AuthError: Cannot get a token: .*check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in \.env against/,
  );
});

Deno.test("createTokenProvider() reports unsupported_grant_type with its OAuth code", async () => {
  await withServer(
    () =>
      Response.json({
        error: "unsupported_grant_type",
        error_description: "grant_type parameter is missing",
      }, {
        status: 400,
      }),
    async (url) => {
      const tokens = createTokenProvider({
        clientId: "id123456",
        clientSecret: SECRET,
        accountsUrl: url,
      });
      await assert.rejects(
        tokens.getToken(),
        (error: unknown) =>
          error instanceof AuthError && error.code === "unsupported_grant_type" &&
          error.description === "grant_type parameter is missing",
      );
    },
  );
});

Deno.test("createTokenProvider() reports a non-JSON error body, and scrubs an echoed secret", async () => {
  await withServer(
    () => new Response(`<html>Bad Gateway ${SECRET}</html>`, { status: 502 }),
    async (url) => {
      const tokens = createTokenProvider({
        clientId: "id123456",
        clientSecret: SECRET,
        accountsUrl: url,
        sleep: () => Promise.resolve(),
      });
      await assert.rejects(tokens.getToken(), (error: unknown) => {
        assert.ok(error instanceof AuthError);
        assert.equal(error.code, undefined);
        assert.match(error.message, /502 with a non-JSON body.*try again/);
        assert.ok(!error.message.includes(SECRET));
        return true;
      });
    },
  );
  await withServer(
    () =>
      Response.json({ error: "invalid_request", error_description: `bad ${SECRET}` }, {
        status: 400,
      }),
    async (url) => {
      const tokens = createTokenProvider({
        clientId: "id123456",
        clientSecret: SECRET,
        accountsUrl: url,
      });
      await assert.rejects(
        tokens.getToken(),
        (error: unknown) =>
          error instanceof AuthError && !error.message.includes(SECRET) &&
          !String(error.description).includes(SECRET),
      );
    },
  );
});

Deno.test("createTokenProvider() gives a NetworkError naming its accountsUrl option when the accounts service is unreachable", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close(); // nothing listens there any more
  const tokens = createTokenProvider({
    clientId: "id123456",
    clientSecret: SECRET,
    accountsUrl: `http://127.0.0.1:${port}`,
    sleep: () => Promise.resolve(),
  });
  await assert.rejects(
    tokens.getToken(),
    (error: unknown) =>
      error instanceof NetworkError && !error.timeout &&
      /unreachable .*, or the "accountsUrl" option$/.test(error.message),
  );
});

Deno.test("createTokenProvider() gives up after its timeout when the service does not answer", async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  await withServer(
    async () => {
      await held;
      return new Response("late");
    },
    async (url) => {
      const tokens = createTokenProvider({
        clientId: "id123456",
        clientSecret: SECRET,
        accountsUrl: url,
        timeoutMs: 200,
        maxRetries: 0,
      });
      await assert.rejects(
        tokens.getToken(),
        (error: unknown) =>
          error instanceof NetworkError && error.timeout &&
          /did not answer within 0.2 s/.test(error.message),
      );
      release();
    },
  );
});

Deno.test("connect() names the .env variables when Spotify rejects the app's credentials", async () => {
  await using server = await startEmulator({
    clientId: "clientid123",
    clientSecret: "theRightOne99",
  });
  await using spotify = await connect({
    env: {
      SPOTIFY_CLIENT_ID: "clientid123",
      SPOTIFY_CLIENT_SECRET: SECRET,
      SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
      SPOTIFY_API_URL: server.apiUrl,
    },
    envFile: false,
    cacheDir: false,
  });
  await assert.rejects(spotify.client.me(), (error: unknown) => {
    assert.ok(error instanceof AuthError);
    assert.match(
      error.message,
      /check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in \.env against/,
    );
    return true;
  });
});
