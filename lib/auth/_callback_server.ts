/**
 * The one-shot callback server of a sign-in: it serves the redirect URI on 127.0.0.1 (or `[::1]`)
 * until Spotify's answer comes back, checks `state`, and hands over the code or the refusal. A
 * request that carries no answer at all (a link preview, a scanner, a page's script) gets an error
 * page and leaves the sign-in waiting.
 *
 * @module
 */
import { AuthError, excerpt } from "../core/errors.ts";
import { rememberSecret } from "../core/secret.ts";

/** What came back to the redirect URI: a code, or why there is none. */
export type Callback = { code: string } | { error: unknown };

/** A running callback server. */
export interface CallbackServer {
  /** The redirect URI to send, with the real port when the one asked for was 0. */
  redirectUri: string;
  /** Settles once, with the first answer that carries a code or an error (right `state` or not). */
  arrived: Promise<Callback>;
  /** End the wait with an error (a timeout, a failed opener). */
  fail(error: unknown): void;
  /** Stop serving and wait until the port is closed. */
  close(): Promise<void>;
}

/**
 * Read Spotify's answer from the redirect's query: the same checks for the callback server and for
 * an address the user pastes.
 *
 * @param query The redirect address's query.
 * @param state The `state` this sign-in sent.
 * @returns The code, the error that ends the sign-in (a refusal, or a code or error with a wrong
 *   `state`), or `undefined` when the query carries neither `code` nor `error` (nothing to act on).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCallback } from "./_callback_server.ts";
 * assert.deepEqual(readCallback(new URLSearchParams("code=AQx&state=s1"), "s1"), { code: "AQx" });
 * assert.equal(readCallback(new URLSearchParams("utm_source=preview"), "s1"), undefined);
 * assert.ok("error" in readCallback(new URLSearchParams("code=AQx&state=other"), "s1")!);
 * ```
 */
export function readCallback(query: URLSearchParams, state: string): Callback | undefined {
  const code = query.get("code") ?? "";
  const error = query.get("error") ?? "";
  if (code === "" && error === "") return undefined;
  if (code !== "") rememberSecret(code);
  if (query.get("state") !== state) {
    return {
      error: new AuthError(
        `Sign-in failed: the answer's state does not match this sign-in (a stale or forged link); run "deno task login" again`,
      ),
    };
  }
  if (error !== "") {
    return {
      error: new AuthError(
        `Sign-in failed: Spotify answered "${
          excerpt(error, 60)
        }" (the authorization was refused); run "deno task login" again and accept`,
        { code: error },
      ),
    };
  }
  return { code };
}

function page(title: string, text: string, status: number): Response {
  return new Response(
    `<!DOCTYPE html><meta charset="utf-8"><title>${title}</title>` +
      `<body style="font-family:system-ui;margin:3em"><h1>${title}</h1><p>${text}</p>`,
    {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    },
  );
}

/** The page for each kind of request to the redirect URI, and what it settles (if anything). */
function answer(request: Request, state: string): [Response, Callback | undefined] {
  if (request.method !== "GET") {
    return [
      page("Not a sign-in", "This address only takes Spotify's sign-in answer.", 405),
      undefined,
    ];
  }
  const outcome = readCallback(new URL(request.url).searchParams, state);
  if (outcome === undefined) {
    const text = "This address carries no answer from Spotify; the sign-in in progress goes on.";
    return [page("Not a sign-in answer", text, 400), undefined];
  }
  if ("code" in outcome) {
    return [
      page("Signed in", "You can close this tab and go back to your notebook.", 200),
      outcome,
    ];
  }
  const refused = outcome.error instanceof AuthError && outcome.error.code !== undefined;
  return refused ? [page("Sign-in refused", "You can close this tab.", 200), outcome] : [
    page("Sign-in failed", "This link does not belong to the sign-in in progress.", 400),
    outcome,
  ];
}

/**
 * Serve the redirect URI until the sign-in comes back.
 *
 * @param redirectUri The registered redirect URI (`http://127.0.0.1:PORT/PATH`; port 0: any free one).
 * @param state The `state` the answer must carry.
 * @returns The server.
 * @throws {AuthError} When the port is busy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { serveCallback } from "./_callback_server.ts";
 * const callback = serveCallback("http://127.0.0.1:0/callback", "s1");
 * const preview = await fetch(callback.redirectUri); // no code, no error: the sign-in goes on
 * assert.equal(preview.status, 400);
 * await preview.body?.cancel();
 * const back = await fetch(`${callback.redirectUri}?code=AQc0de&state=s1`);
 * await back.body?.cancel();
 * assert.deepEqual(await callback.arrived, { code: "AQc0de" });
 * await callback.close();
 * ```
 */
export function serveCallback(redirectUri: string, state: string): CallbackServer {
  const redirect = new URL(redirectUri);
  const controller = new AbortController();
  let settle!: (value: Callback) => void;
  const arrived = new Promise<Callback>((resolve) => settle = resolve);
  const handler = (request: Request) => {
    if (new URL(request.url).pathname !== redirect.pathname) {
      return new Response("Not found", { status: 404 });
    }
    const [response, outcome] = answer(request, state);
    if (outcome !== undefined) settle(outcome);
    return response;
  };
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: redirect.hostname.replace(/^\[|\]$/g, ""),
      port: Number(redirect.port),
      signal: controller.signal,
      onListen: () => {},
    }, handler);
  } catch (cause) {
    throw new AuthError(
      `Cannot sign in: port ${redirect.port} of ${redirect.hostname} is busy; close what uses it, register another port and set SPOTIFY_REDIRECT_URI, or sign in with "deno task login --paste"`,
      { cause },
    );
  }
  return {
    // Port 0 in the redirect URI: any free port (the offline emulator accepts any loopback port).
    redirectUri: redirect.port === "0"
      ? redirectUri.replace(":0/", `:${server.addr.port}/`)
      : redirectUri,
    arrived,
    fail: (error) => settle({ error }),
    close: async () => {
      controller.abort();
      await server.finished;
    },
  };
}
