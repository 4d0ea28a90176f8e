/**
 * A fake Spotify (accounts and Web API) on 127.0.0.1 whose API answers are given by the test, for
 * the faults the emulator cannot play: hostile pages, echoes, silences, revocations.
 *
 * @module
 */
import { type ClientOptions, createClient, createTokenProvider } from "../lib/mod.ts";

/** What the fake saw. */
export interface FakeLog {
  /** API requests: path and query, and the bearer token. */
  api: { path: string; token: string }[];
  /** Token requests. */
  tokens: number;
}

/** Options of {@linkcode fake}. */
export interface FakeOptions {
  /** The API's answer to each request (path after the origin, e.g. `/v1/albums/x?limit=10`). */
  api: (path: string, request: Request, log: FakeLog) => Response | Promise<Response>;
  /** The token endpoint's answer; by default a new token `token-N` each time. */
  token?: (n: number, request: Request) => Response | Promise<Response>;
  /** Client options on top of the defaults (extended mode, no waiting). */
  client?: Partial<ClientOptions>;
}

/** Start the fake and a client of it; dispose to stop. */
export function fake(options: FakeOptions) {
  const controller = new AbortController();
  const log: FakeLog = { api: [], tokens: 0 };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: controller.signal, onListen: () => {} },
    (request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/token") {
        const n = ++log.tokens;
        return options.token?.(n, request) ??
          Response.json({ access_token: `token-${n}`, token_type: "Bearer", expires_in: 3600 });
      }
      const path = url.pathname + url.search;
      log.api.push({ path, token: request.headers.get("authorization")?.slice(7) ?? "" });
      return options.api(path, request, log);
    },
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const tokens = createTokenProvider({
    clientId: "fakeclientid",
    clientSecret: "fakeclientsecret",
    accountsUrl: origin,
    sleep: () => Promise.resolve(),
  });
  const client = createClient({
    apiUrl: `${origin}/v1`,
    tokenProvider: tokens,
    mode: "extended",
    sleep: () => Promise.resolve(),
    onRateLimit: () => {},
    ...options.client,
  });
  return {
    origin,
    client,
    tokens,
    log,
    async [Symbol.asyncDispose]() {
      controller.abort();
      await server.finished;
    },
  };
}

/** A page of `items` with a `next` link. */
export function page(
  origin: string,
  items: unknown[],
  next: string | null,
  extra: Record<string, unknown> = {},
): Response {
  return Response.json({
    href: `${origin}/v1/x`,
    items,
    limit: 10,
    offset: 0,
    next: next === null ? null : `${origin}${next}`,
    previous: null,
    total: 1000,
    ...extra,
  });
}
