/**
 * Credentials never leak: base URLs that would send them in clear are refused, and whatever a
 * server echoes back (the secret, base64(id:secret), access and refresh tokens, PKCE verifiers and
 * codes) is scrubbed from messages, bodies, `cause` chains and what a notebook shows of an error.
 * Fake servers on 127.0.0.1 play the hostile accounts service and API.
 */
import assert from "node:assert/strict";
import {
  ApiError,
  AuthError,
  createClient,
  createTokenProvider,
  createUserTokenProvider,
  signIn,
} from "../lib/mod.ts";

const ID = "clientid0123456789";
const SECRET = "secretCanary0123456789abcdef";
const BASIC = btoa(`${ID}:${SECRET}`);

/** Serve `handler` on 127.0.0.1 for the length of `fn`. */
async function serve(
  handler: (request: Request) => Response | Promise<Response>,
  fn: (url: string) => Promise<void>,
) {
  const controller = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: controller.signal, onListen: () => {} },
    handler,
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    controller.abort();
    await server.finished;
  }
}

/** Everything a user or a notebook can see of an error, down its cause chain. */
function everything(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    if (current instanceof Error) {
      parts.push(current.name, current.message, String(current.stack));
      const fields = current as unknown as Record<string, unknown>;
      for (const key of ["body", "description", "url", "code"]) {
        parts.push(JSON.stringify(fields[key] ?? null));
      }
      current = current.cause;
    } else {
      parts.push(JSON.stringify(current ?? null));
      current = undefined;
    }
  }
  parts.push(Deno.inspect(error, { depth: 10 }), String(error));
  return parts.join("\n");
}

function assertClean(error: unknown, ...secrets: string[]) {
  const text = everything(error);
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `"${secret}" leaked in:\n${text}`);
  }
}

for (
  const [option, make] of [
    [
      "apiUrl",
      (url: string) =>
        createClient({ apiUrl: url, tokenProvider: { getToken: () => Promise.reject() } }),
    ],
    [
      "accountsUrl",
      (url: string) =>
        createTokenProvider({ clientId: ID, clientSecret: SECRET, accountsUrl: url }),
    ],
    [
      "accountsUrl",
      (url: string) => createUserTokenProvider({ clientId: ID, accountsUrl: url, tokenFile: "x" }),
    ],
  ] as const
) {
  Deno.test(`${option}: plain http to a host that is not loopback is refused before any request`, () => {
    for (const url of ["http://api.example.com/v1", "http://10.0.0.1", "http://127.0.0.1.nip.io"]) {
      assert.throws(() => make(url), (error: unknown) => {
        assert.ok(error instanceof TypeError);
        assert.match(
          error.message,
          new RegExp(`^Invalid ${option} ".*": credentials would go out unencrypted`),
        );
        return true;
      });
    }
    for (
      const url of [
        "https://api.example.com/v1",
        "http://127.0.0.5:9/v1",
        "http://[::1]:9",
        "http://localhost:9",
      ]
    ) {
      make(url);
    }
  });
}

Deno.test("signIn() refuses an http accounts URL that is not loopback before it listens", async () => {
  await assert.rejects(
    signIn({
      clientId: ID,
      accountsUrl: "http://accounts.example.com",
      redirectUri: "http://127.0.0.1:0/callback",
      open: () => assert.fail("nothing may be opened"),
    }),
    /^TypeError: Invalid accountsUrl "http:\/\/accounts\.example\.com": credentials would go out unencrypted/,
  );
});

Deno.test("an accounts service that echoes the Basic header leaks neither the pair nor the secret", async () => {
  for (const status of [400, 401, 500]) {
    await serve(
      (request) =>
        Response.json({
          error: "invalid_client",
          error_description: `Bad header ${request.headers.get("authorization")} for ${SECRET}`,
        }, { status }),
      async (url) => {
        const tokens = createTokenProvider({
          clientId: ID,
          clientSecret: SECRET,
          accountsUrl: url,
          sleep: () => Promise.resolve(),
        });
        await assert.rejects(tokens.getToken(), (error: unknown) => {
          assert.ok(error instanceof AuthError);
          assert.match(error.message, /Basic \[redacted\]/);
          assertClean(error, SECRET, BASIC);
          return true;
        });
      },
    );
  }
});

Deno.test("an API that echoes the bearer token in a 400 or 401 body leaks it nowhere", async () => {
  const token = "accessTokenCanary9876543210xyz";
  for (
    const [status, echo] of [[400, "json"], [401, "json"], [403, "text"], [404, "html"]] as const
  ) {
    await serve((request) => {
      if (request.url.endsWith("/api/token")) {
        return Response.json({ access_token: token, token_type: "Bearer", expires_in: 3600 });
      }
      const header = request.headers.get("authorization") ?? "";
      if (echo === "json") {
        return Response.json({ error: { status, message: `Bad token ${header} (${token})` } }, {
          status,
        });
      }
      if (echo === "text") return new Response(`refused: ${token}`, { status });
      return new Response(`<html><body><h1>Nope</h1><p>${header}</p></body></html>`, { status });
    }, async (url) => {
      const client = createClient({
        apiUrl: `${url}/v1`,
        tokenProvider: createTokenProvider({
          clientId: ID,
          clientSecret: SECRET,
          accountsUrl: url,
        }),
        mode: "extended",
        sleep: () => Promise.resolve(),
      });
      await assert.rejects(client.artist("abc123"), (error: unknown) => {
        assert.ok(error instanceof ApiError, String(error));
        assert.equal(error.status, status);
        assertClean(error, token, SECRET, BASIC);
        return true;
      });
    });
  }
});

Deno.test("a network failure whose cause names the token is scrubbed down the cause chain", async () => {
  const token = "accessTokenInCause0123456789";
  const inner = new Error(`socket closed while sending Bearer ${token}`);
  const failing: typeof fetch = (input) => {
    if (String(input).endsWith("/api/token")) {
      return Promise.resolve(
        Response.json({ access_token: token, token_type: "Bearer", expires_in: 3600 }),
      );
    }
    return Promise.reject(new TypeError(`fetch failed: ${token}`, { cause: inner }));
  };
  const client = createClient({
    apiUrl: "http://127.0.0.1:9/v1",
    tokenProvider: createTokenProvider({
      clientId: ID,
      clientSecret: SECRET,
      accountsUrl: "http://127.0.0.1:9",
      fetch: failing,
    }),
    fetch: failing,
    sleep: () => Promise.resolve(),
  });
  await assert.rejects(client.artist("abc123"), (error: unknown) => {
    assert.ok(error instanceof Error && error.cause instanceof Error);
    assertClean(error, token);
    return true;
  });
});

Deno.test("a code exchange whose refusal echoes the form leaks neither the PKCE verifier nor the code", async () => {
  let form = new URLSearchParams();
  await serve(async (request) => {
    const text = await request.text();
    form = new URLSearchParams(text);
    return Response.json({ error: "invalid_grant", error_description: `Bad form: ${text}` }, {
      status: 400,
    });
  }, async (url) => {
    await assert.rejects(
      signIn({
        clientId: ID,
        accountsUrl: url,
        redirectUri: "http://127.0.0.1:0/callback",
        open: async (authorize) => {
          const params = new URL(authorize).searchParams;
          const back = new URL(params.get("redirect_uri")!);
          back.search = new URLSearchParams({
            code: "authCodeCanary0123456789",
            state: params.get("state")!,
          }).toString();
          await (await fetch(back)).body?.cancel();
        },
      }),
      (error: unknown) => {
        assert.ok(error instanceof AuthError);
        assert.equal(error.code, "invalid_grant");
        assertClean(error, form.get("code_verifier")!, "authCodeCanary0123456789");
        return true;
      },
    );
  });
  assert.equal(form.get("code"), "authCodeCanary0123456789", "the exchange did happen");
});
