/**
 * The one-shot callback server of a sign-in: it serves the redirect URI once on 127.0.0.1 (or
 * `[::1]`), checks `state`, and hands over the code or the refusal.
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
  /** Settles once, with the first answer that carries the right `state` (or a wrong one). */
  arrived: Promise<Callback>;
  /** End the wait with an error (a timeout, a failed opener). */
  fail(error: unknown): void;
  /** Stop serving and wait until the port is closed. */
  close(): Promise<void>;
}

/**
 * Serve the redirect URI until the sign-in comes back.
 *
 * @param redirectUri The registered redirect URI (`http://127.0.0.1:PORT/PATH`; port 0: any free one).
 * @param state The `state` the answer must carry.
 * @returns The server.
 * @throws {AuthError} When the port is busy.
 */
export function serveCallback(redirectUri: string, state: string): CallbackServer {
  const redirect = new URL(redirectUri);
  const controller = new AbortController();
  let settle!: (value: Callback) => void;
  const arrived = new Promise<Callback>((resolve) => settle = resolve);
  const page = (title: string, text: string, status = 200) =>
    new Response(
      `<!DOCTYPE html><meta charset="utf-8"><title>${title}</title>` +
        `<body style="font-family:system-ui;margin:3em"><h1>${title}</h1><p>${text}</p>`,
      { status, headers: { "content-type": "text/html; charset=utf-8" } },
    );
  const handler = (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname !== redirect.pathname) return new Response("Not found", { status: 404 });
    const error = url.searchParams.get("error");
    if (url.searchParams.get("state") !== state) {
      settle({
        error: new AuthError(
          `Sign-in failed: the answer's state does not match this sign-in (a stale or forged link); run "deno task login" again`,
        ),
      });
      return page("Sign-in failed", "This link does not belong to the sign-in in progress.", 400);
    }
    if (error !== null) {
      settle({
        error: new AuthError(
          `Sign-in failed: Spotify answered "${
            excerpt(error, 60)
          }" (the authorization was refused); run "deno task login" again and accept`,
          { code: error },
        ),
      });
      return page("Sign-in refused", "You can close this tab.");
    }
    const code = url.searchParams.get("code") ?? "";
    rememberSecret(code);
    settle({ code });
    return page("Signed in", "You can close this tab and go back to your notebook.");
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
      `Cannot sign in: port ${redirect.port} of ${redirect.hostname} is busy; close what uses it, or register another port and set SPOTIFY_REDIRECT_URI`,
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
