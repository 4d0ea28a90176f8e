/**
 * The emulator's request handler: a pure `(Request) => Promise<Response>` with the HTTP contract of
 * `api.spotify.com/v1` and `accounts.spotify.com` (`spotify-web-api.md` is the contract). Only
 * `server.ts` serves it; tests may call it directly.
 *
 * @module
 */
import { CatalogObjects, type DrawContext, type EmulatorMode, type Json } from "./objects.ts";
import type { Catalog } from "./catalog_types.ts";
import { loadSampleCatalog } from "./sample.ts";

/** Options of {@linkcode createEmulator}. */
export interface EmulatorOptions {
  /**
   * The app mode to emulate.
   * @default {"development"}
   */
  mode?: EmulatorMode;
  /** The client id the token endpoint accepts. */
  clientId: string;
  /** The client secret the token endpoint accepts. */
  clientSecret: string;
  /**
   * Access-token lifetime in seconds.
   * @default {3600}
   */
  tokenLifetime?: number;
  /**
   * The clock, in ms since the epoch.
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
  method: string;
  /** Path and query, e.g. `/v1/search?q=x&type=artist`. */
  path: string;
  status: number;
}

/** A running emulator's handler and what tests can read. */
export interface Emulator {
  /** The mode emulated. */
  readonly mode: EmulatorMode;
  /** Handle one request. */
  handler(request: Request): Promise<Response>;
  /** Every request handled, in order. */
  readonly log: LoggedRequest[];
  /** Count of requests per `"METHOD /route"` (ids replaced by `{id}`). */
  counts(): Record<string, number>;
}

const SEARCH_TYPES = ["album", "artist", "playlist", "track"] as const;

/**
 * Create the emulator's handler.
 *
 * @param options Mode, accepted credentials, token lifetime, clock.
 * @returns The handler with its request log.
 *
 * @example
 * ```ts
 * import { createEmulator } from "./handler.ts";
 * const emulator = createEmulator({ clientId: "sample-client", clientSecret: "sample-secret" });
 * const response = await emulator.handler(new Request("http://127.0.0.1/v1/artists/x"));
 * console.assert(response.status === 401);
 * await response.body?.cancel();
 * ```
 */
export function createEmulator(options: EmulatorOptions): Emulator {
  const mode = options.mode ?? "development";
  const now = options.now ?? Date.now;
  const lifetime = options.tokenLifetime ?? 3600;
  const objects = new CatalogObjects(options.catalog ?? loadSampleCatalog());
  const tokens = new Map<string, { expiresAt: number }>();
  const log: LoggedRequest[] = [];

  const routes: [string, RegExp, (m: RegExpMatchArray, url: URL, ctx: DrawContext) => Response][] =
    [
      ["GET /search", /^\/search$/, (_m, url, ctx) => search(objects, url, ctx)],
      ["GET /artists/{id}/albums", /^\/artists\/([^/]+)\/albums$/, (m, url, ctx) => {
        const artist = lookup(objects.artists, m[1]!);
        if (artist instanceof Response) return artist;
        const groups =
          (url.searchParams.get("include_groups") ?? "album,single,compilation,appears_on")
            .split(",");
        const rows = objects.artistAlbums.get(artist.id)!.filter((row) =>
          groups.includes(row.group)
        );
        return paged(
          url,
          ctx,
          rows,
          5,
          10,
          (row) => objects.albumSimple(row.album, ctx, row.group),
        );
      }],
      ["GET /artists/{id}", /^\/artists\/([^/]+)$/, (m, _url, ctx) => {
        const artist = lookup(objects.artists, m[1]!);
        return artist instanceof Response ? artist : json(objects.artistFull(artist, ctx));
      }],
      ["GET /albums/{id}/tracks", /^\/albums\/([^/]+)\/tracks$/, (m, url, ctx) => {
        const album = lookup(objects.albums, m[1]!);
        if (album instanceof Response) return album;
        return paged(url, ctx, album.tracks, 20, 50, (t) => objects.trackSimple(t, album, ctx));
      }],
      ["GET /albums/{id}", /^\/albums\/([^/]+)$/, (m, _url, ctx) => {
        const album = lookup(objects.albums, m[1]!);
        if (album instanceof Response) return album;
        const tracksUrl = new URL(`${ctx.base}/albums/${album.id}/tracks?offset=0&limit=50`);
        const first = page(
          tracksUrl,
          album.tracks,
          0,
          50,
          (t) => objects.trackSimple(t, album, ctx),
        );
        return json(objects.albumFull(album, ctx, first));
      }],
      ["GET /tracks/{id}", /^\/tracks\/([^/]+)$/, (m, _url, ctx) => {
        const found = lookup(objects.tracks, m[1]!);
        return found instanceof Response
          ? found
          : json(objects.trackFull(found.track, found.album, ctx));
      }],
    ];

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/api/token") {
      if (request.method !== "POST") return apiError(405, "Method not allowed");
      return await token(request);
    }
    if (!url.pathname.startsWith("/v1/")) return apiError(404, "Service not found");
    const auth = request.headers.get("authorization");
    if (!auth) return apiError(401, "No token provided");
    if (!auth.startsWith("Bearer ")) {
      return apiError(400, "Only valid bearer authentication supported");
    }
    const entry = tokens.get(auth.slice(7));
    if (!entry) return apiError(401, "Invalid access token");
    if (now() >= entry.expiresAt) return apiError(401, "The access token expired");
    if (request.method !== "GET") return apiError(405, "Method not allowed");
    const market = url.searchParams.get("market") ?? undefined;
    if (market !== undefined && !objects.catalog.markets.includes(market)) {
      return apiError(400, "Invalid market code");
    }
    const ctx: DrawContext = { base: `${url.origin}/v1`, mode, market };
    const path = url.pathname.slice(3);
    for (const [, pattern, route] of routes) {
      const match = path.match(pattern);
      if (match) return route(match, url, ctx);
    }
    return apiError(404, "Service not found");
  }

  async function token(request: Request): Promise<Response> {
    const type = request.headers.get("content-type") ?? "";
    const form = type.includes("application/x-www-form-urlencoded")
      ? new URLSearchParams(await request.text())
      : (await request.body?.cancel(), new URLSearchParams());
    const grant = form.get("grant_type");
    if (!grant) return oauthError("unsupported_grant_type", "grant_type parameter is missing");
    let id = form.get("client_id");
    let secret = form.get("client_secret");
    const basic = request.headers.get("authorization");
    if (basic?.startsWith("Basic ")) {
      const decoded = decodeBasic(basic.slice(6));
      if (decoded === undefined) return oauthError("invalid_client", "Invalid client");
      [id, secret] = decoded;
    }
    if (grant !== "client_credentials") {
      return oauthError("unsupported_grant_type", `grant_type ${grant} is not supported`);
    }
    if (id !== options.clientId) return oauthError("invalid_client", "Invalid client");
    if (secret !== options.clientSecret) {
      return oauthError("invalid_client", "Invalid client secret");
    }
    const accessToken = `BQ${crypto.randomUUID().replaceAll("-", "")}emu`;
    tokens.set(accessToken, { expiresAt: now() + lifetime * 1000 });
    return json({ access_token: accessToken, token_type: "Bearer", expires_in: lifetime });
  }

  return {
    mode,
    log,
    async handler(request) {
      const response = await handle(request);
      const url = new URL(request.url);
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
        const bare = path.split("?")[0]!.replace(/^\/v1/, "");
        const route = routes.find(([, pattern]) => pattern.test(bare))?.[0] ??
          `${method} ${bare}`;
        counts[route] = (counts[route] ?? 0) + 1;
      }
      return counts;
    },
  };
}

// ----- searching -------------------------------------------------------------------------------

function search(objects: CatalogObjects, url: URL, ctx: DrawContext): Response {
  const q = url.searchParams.get("q")?.trim();
  if (!q) return apiError(400, "No search query");
  const types = (url.searchParams.get("type") ?? "").split(",").filter(Boolean);
  if (types.length === 0) return apiError(400, "Missing parameter type");
  if (types.some((t) => !(SEARCH_TYPES as readonly string[]).includes(t))) {
    return apiError(400, "Bad search type field");
  }
  const words = q.toLowerCase().split(/\s+/);
  const matches = (...texts: string[]) => {
    const hay = texts.join(" ").toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  const artistName = (id: string) => objects.artists.get(id)?.name ?? "";
  const byName = <T extends { name: string }>(rows: T[], rank: (row: T) => number) =>
    rows.sort((a, b) =>
      Number(b.name.toLowerCase() === q.toLowerCase()) -
        Number(a.name.toLowerCase() === q.toLowerCase()) ||
      rank(b) - rank(a) ||
      a.name.localeCompare(b.name)
    );
  const body: Json = {};
  const max = ctx.mode === "development" ? 10 : 50;
  const def = ctx.mode === "development" ? 5 : 20;
  for (const type of types) {
    let response: Response | Json;
    if (type === "artist") {
      const rows = byName(
        objects.catalog.artists.filter((a) => matches(a.name)),
        (a) => a.popularity,
      );
      response = pagedBody(url, ctx, rows, def, max, (a) => objects.artistFull(a, ctx), 1000);
    } else if (type === "album") {
      const rows = byName(
        objects.catalog.albums.filter((a) => matches(a.name, ...a.artist_ids.map(artistName))),
        (a) => a.popularity,
      );
      response = pagedBody(url, ctx, rows, def, max, (a) => objects.albumSimple(a, ctx), 1000);
    } else if (type === "track") {
      const rows = byName(
        [...objects.tracks.values()].filter(({ track }) =>
          matches(track.name, ...track.artist_ids.map(artistName))
        ).map((row) => ({ ...row, name: row.track.name })),
        (row) => row.track.popularity,
      );
      response = pagedBody(
        url,
        ctx,
        rows,
        def,
        max,
        (row) => objects.trackFull(row.track, row.album, ctx),
        1000,
      );
    } else {
      const rows = byName(objects.catalog.playlists.filter((p) => matches(p.name)), () => 0);
      response = pagedBody(url, ctx, rows, def, max, (p) =>
        objects.playlist(p, ctx, {
          href: `${ctx.base}/playlists/${p.id}/${ctx.mode === "extended" ? "tracks" : "items"}`,
          total: p.items.length,
        }), 1000);
    }
    if (response instanceof Response) return response;
    body[`${type}s`] = response;
  }
  return json(body);
}

// ----- paging and helpers ------------------------------------------------------------------------

function paged<T>(
  url: URL,
  ctx: DrawContext,
  rows: T[],
  defaultLimit: number,
  maxLimit: number,
  draw: (row: T) => Json,
): Response {
  const body = pagedBody(url, ctx, rows, defaultLimit, maxLimit, draw);
  return body instanceof Response ? body : json(body);
}

function pagedBody<T>(
  url: URL,
  ctx: DrawContext,
  rows: T[],
  defaultLimit: number,
  maxLimit: number,
  draw: (row: T) => Json,
  maxOffset = 100_000,
): Response | Json {
  const limit = intParam(url, "limit", defaultLimit);
  const offset = intParam(url, "offset", 0);
  // Extended apps keep the old, larger page sizes (50) on search and artist albums.
  const cap = ctx.mode === "extended" ? Math.max(maxLimit, 50) : maxLimit;
  if (limit === undefined || limit < 1 || limit > cap) return apiError(400, "Invalid limit");
  if (offset === undefined || offset < 0 || offset > maxOffset) {
    return apiError(400, "Invalid offset");
  }
  const pageUrl = new URL(url);
  pageUrl.protocol = new URL(ctx.base).protocol;
  return page(pageUrl, rows, offset, limit, draw);
}

function page<T>(url: URL, rows: T[], offset: number, limit: number, draw: (row: T) => Json): Json {
  const at = (o: number) => {
    const u = new URL(url);
    u.searchParams.set("offset", String(o));
    u.searchParams.set("limit", String(limit));
    return u.href;
  };
  return {
    href: at(offset),
    items: rows.slice(offset, offset + limit).map(draw),
    limit,
    next: offset + limit < rows.length ? at(offset + limit) : null,
    offset,
    previous: offset > 0 ? at(Math.max(0, offset - limit)) : null,
    total: rows.length,
  };
}

function intParam(url: URL, name: string, fallback: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function lookup<T>(map: Map<string, T>, id: string): T | Response {
  if (!/^[0-9A-Za-z]{22}$/.test(id)) return apiError(400, "Invalid base62 id");
  return map.get(id) ?? apiError(404, "Resource not found");
}

function decodeBasic(encoded: string): [string, string] | undefined {
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
    const colon = text.indexOf(":");
    return colon < 0 ? undefined : [text.slice(0, colon), text.slice(colon + 1)];
  } catch {
    return undefined;
  }
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** The Web API's regular error object. */
export function apiError(status: number, message?: string, extra: Json = {}): Response {
  return json(
    { error: { status, ...(message === undefined ? {} : { message }), ...extra } },
    status,
  );
}

/** The accounts service's OAuth error object. */
export function oauthError(error: string, description: string, status = 400): Response {
  return json({ error, error_description: description }, status);
}
