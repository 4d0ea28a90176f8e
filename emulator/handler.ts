/**
 * The emulator's request handler: a pure `(Request) => Promise<Response>` with the HTTP contract of
 * `api.spotify.com/v1` and `accounts.spotify.com` (`spotify-web-api.md` is the contract). Only
 * `server.ts` serves it; tests may call it directly.
 *
 * Every API request goes through the same steps: faults (rate limit, quota, 5xx, drops), the
 * bearer token, the route, then `ETag`/`304 Not Modified`, the added latency and the request log.
 *
 * @module
 */
import { Accounts } from "./auth.ts";
import type { Catalog } from "./catalog_types.ts";
import { type FaultKind, type FaultOptions, Faults } from "./faults.ts";
import { apiError } from "./http.ts";
import { CatalogObjects, type DrawContext, type EmulatorMode } from "./objects.ts";
import { type Route, routes } from "./routes.ts";
import { SampleListener } from "./listener.ts";
import { loadSampleCatalog } from "./sample.ts";

/** Options of {@linkcode createEmulator}. */
export interface EmulatorOptions {
  /**
   * The app mode to emulate.
   * @default {"development"}
   */
  mode?: EmulatorMode;
  /** The client id the accounts service accepts. */
  clientId: string;
  /** The client secret the accounts service accepts. */
  clientSecret: string;
  /**
   * Access-token lifetime in seconds.
   * @default {3600}
   */
  tokenLifetime?: number;
  /**
   * Refresh-token lifetime in seconds from the user's authorization.
   * @default {15552000 (180 days)}
   */
  refreshLifetime?: number;
  /**
   * Whether refreshing returns a new refresh token and revokes the old one.
   * @default {false (the 2026 behaviour)}
   */
  rotateRefreshTokens?: boolean;
  /** Extra redirect URIs the authorize endpoint accepts, besides `http://127.0.0.1:*`. */
  redirectUris?: string[];
  /** Faults to inject from the start. */
  faults?: FaultOptions;
  /**
   * The clock, in ms since the epoch. The sample listener's time is the catalog's `now` plus the
   * time this clock has moved since the emulator was made: move it a day, and a day of new plays
   * shows in recently played.
   * @default {Date.now}
   */
  now?: () => number;
  /**
   * The catalog to serve.
   * @default {the bundled sample in data/sample/catalog.json}
   */
  catalog?: Catalog;
}

/** One line of the request log. */
export interface LoggedRequest {
  /** The HTTP method, e.g. `GET`. */
  method: string;
  /** Path and query, e.g. `/v1/search?q=x&type=artist`. */
  path: string;
  /** The status the emulator answered. */
  status: number;
}

/** A running emulator's handler and what tests can read and steer. */
export interface Emulator {
  /** The mode emulated. */
  readonly mode: EmulatorMode;
  /** Handle one request. */
  handler(request: Request): Promise<Response>;
  /** Every request handled, in order. */
  readonly log: LoggedRequest[];
  /** Count of requests per route, e.g. `{"GET /albums/{id}": 12, "POST /api/token": 1}`. */
  counts(): Record<string, number>;
  /** Replace the fault settings. */
  setFaults(faults: FaultOptions): void;
  /** Queue exact faults for the next API requests. */
  failNext(...kinds: FaultKind[]): void;
  /** Revoke every refresh token issued so far. */
  revokeRefreshTokens(): void;
}

/**
 * Create the emulator's handler.
 *
 * @param options Mode, accepted credentials, token lifetimes, faults, clock.
 * @returns The handler with its request log and controls.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createEmulator } from "./handler.ts";
 * const emulator = createEmulator({ clientId: "sample-client", clientSecret: "sample-secret" });
 * const response = await emulator.handler(new Request("http://127.0.0.1/v1/artists/x"));
 * assert.equal(response.status, 401);
 * await response.body?.cancel();
 * ```
 */
export function createEmulator(options: EmulatorOptions): Emulator {
  const mode = options.mode ?? "development";
  const now = options.now ?? Date.now;
  const catalog = options.catalog ?? loadSampleCatalog();
  const objects = new CatalogObjects(catalog);
  const listener = new SampleListener(catalog, now);
  const accounts = new Accounts({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokenLifetime: options.tokenLifetime ?? 3600,
    refreshLifetime: options.refreshLifetime ?? 180 * 24 * 3600,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    userId: catalog.user.id,
    redirectUris: options.redirectUris ?? [],
    now,
  });
  const faults = new Faults(options.faults ?? {}, now);
  const table: Route[] = routes(mode);
  const log: LoggedRequest[] = [];

  async function api(request: Request, url: URL): Promise<Response> {
    const fault = faults.before();
    if (fault instanceof Response) return fault;
    const grant = accounts.authenticate(request);
    if (grant instanceof Response) return grant;
    if (request.method !== "GET") return apiError(405, "Method not allowed");
    const market = url.searchParams.get("market") ?? undefined;
    if (market !== undefined && market !== "from_token" && !catalog.markets.includes(market)) {
      return apiError(400, "Invalid market code");
    }
    const draw: DrawContext = {
      base: `${url.origin}/v1`,
      mode,
      market: market === "from_token" ? objects.users.get(grant.userId ?? "")?.country : market,
      // `resume_point` is the signed-in user's, for tokens with `user-read-playback-position`.
      resumePoints:
        grant.userId === catalog.user.id && grant.scopes.has("user-read-playback-position")
          ? objects.resumePoints
          : undefined,
    };
    const path = url.pathname.slice(3);
    let response: Response | undefined;
    for (const [, pattern, handle] of table) {
      const match = path.match(pattern);
      if (match) {
        response = handle(match, { url, grant, draw, objects, listener });
        break;
      }
    }
    response ??= apiError(404, "Service not found");
    if (response.status === 200) response = await withEtag(request, response);
    return typeof fault === "function" ? fault(response) : response;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/api/token") {
      return request.method === "POST"
        ? await accounts.token(request)
        : apiError(405, "Method not allowed");
    }
    if (url.pathname === "/authorize" && request.method === "GET") return accounts.authorize(url);
    if (!url.pathname.startsWith("/v1/")) return apiError(404, "Service not found");
    return await api(request, url);
  }

  return {
    mode,
    log,
    async handler(request) {
      const url = new URL(request.url);
      const response = await handle(request);
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      log.push({
        method: request.method,
        path: url.pathname + url.search,
        status: response.status,
      });
      return response;
    },
    counts() {
      const counts: Record<string, number> = {};
      for (const { method, path } of log) {
        const bare = path.split("?")[0]!;
        const api = bare.replace(/^\/v1/, "");
        const route = bare.startsWith("/v1/")
          ? table.find(([, pattern]) => pattern.test(api))?.[0] ?? `${method} ${api}`
          : `${method} ${bare}`;
        counts[route] = (counts[route] ?? 0) + 1;
      }
      return counts;
    },
    setFaults: (settings) => faults.set(settings),
    failNext: (...kinds) => faults.next(...kinds),
    revokeRefreshTokens: () => accounts.revokeAll(),
  };
}

/** Adds a weak `ETag` from the body, and answers `304` when `If-None-Match` holds it. */
async function withEtag(request: Request, response: Response): Promise<Response> {
  const body = await response.text();
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-1", new TextEncoder().encode(body)),
  );
  const etag = `W/"${
    Array.from(digest.slice(0, 10), (b) => b.toString(16).padStart(2, "0")).join("")
  }"`;
  const headers = new Headers(response.headers);
  headers.set("etag", etag);
  if (request.headers.get("if-none-match") === etag) {
    headers.delete("content-type");
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers });
}
