/**
 * What every route file shares: the route shape, path templates compiled to patterns, the mode rule
 * of Development Mode (`spotify-web-api.md` §3.2: 403 `Forbidden`), the user-token and scope check,
 * id lists and batch answers. Private to the emulator.
 *
 * @module
 */
import type { Grant } from "../auth.ts";
import { apiError, json } from "../http.ts";
import type { CatalogObjects, DrawContext, EmulatorMode, Json } from "../objects.ts";

/** What a route handler gets. */
export interface RouteContext {
  url: URL;
  grant: Grant;
  draw: DrawContext;
  objects: CatalogObjects;
}

/** A route handler: the path's match (groups are the `{...}` segments) and the context. */
export type Handle = (match: RegExpMatchArray, ctx: RouteContext) => Response;

/** A compiled route: a name for the counters, a path pattern (after `/v1`), a handler. */
export type Route = [name: string, pattern: RegExp, handle: Handle];

/** A declared route. */
export interface RouteSpec {
  /** The OpenAPI path template after `/v1`, e.g. `/shows/{id}/episodes`. */
  path: string;
  handle: Handle;
  /** `forbidden`: removed for Development Mode apps in 2026, answered 403 `Forbidden` there. */
  development?: "forbidden";
}

/**
 * Declare a `GET` route.
 *
 * @param path The path template after `/v1`.
 * @param handle The handler.
 * @param options `development: "forbidden"` for the endpoints Spotify removed for the mode.
 * @returns The declaration.
 */
export function get(
  path: string,
  handle: Handle,
  options: { development?: "forbidden" } = {},
): RouteSpec {
  return { path, handle, ...options };
}

/** The route of a declaration in one mode. */
export function compile(spec: RouteSpec, mode: EmulatorMode): Route {
  const pattern = new RegExp(
    `^${spec.path.replace(/\{[^}]+\}/g, "([^/]+)").replaceAll("/", "\\/")}$`,
  );
  const forbidden = mode === "development" && spec.development === "forbidden";
  // §3.5: the 2026 removals answer 403 {"error":{"status":403,"message":"Forbidden"}}.
  return [`GET ${spec.path}`, pattern, forbidden ? () => apiError(403, "Forbidden") : spec.handle];
}

/**
 * Wrap a handler that needs a user token and, when given, one of `scopes` (the real service
 * answers 401 for an app token and 403 "Insufficient client scope" for a missing scope).
 */
export function user(scopes: string[], handle: Handle): Handle {
  return (match, ctx) => {
    if (ctx.grant.userId === undefined) {
      return apiError(401, "This request requires user authentication.");
    }
    if (scopes.length > 0 && !scopes.some((s) => ctx.grant.scopes.has(s))) {
      return apiError(403, "Insufficient client scope");
    }
    return handle(match, ctx);
  };
}

/** The `ids` parameter: at most `max` base62 ids, or the 400 the real service gives. */
export function idsParam(url: URL, max: number, name = "ids"): string[] | Response {
  const ids = (url.searchParams.get(name) ?? "").split(",").filter(Boolean);
  if (ids.length === 0) return apiError(400, "invalid id");
  if (ids.length > max) return apiError(400, "Too many ids requested");
  if (ids.some((id) => !/^[0-9A-Za-z]{22}$/.test(id))) return apiError(400, "Invalid base62 id");
  return ids;
}

/**
 * `GET /{type}?ids=` (Extended only: declare with `development: "forbidden"`): unknown ids become
 * `null` entries, as the real service does.
 */
export function batch<T>(
  ctx: RouteContext,
  max: number,
  key: string,
  map: Map<string, T>,
  draw: (item: T) => Json,
): Response {
  const ids = idsParam(ctx.url, max);
  if (ids instanceof Response) return ids;
  return json({ [key]: ids.map((id) => (map.has(id) ? draw(map.get(id)!) : null)) });
}

/** `GET .../contains?ids=`: one boolean per id, in order. */
export function contains(ctx: RouteContext, max: number, has: (id: string) => boolean): Response {
  const ids = idsParam(ctx.url, max);
  return ids instanceof Response ? ids : json(ids.map(has));
}

/** The page sizes of the user's lists and most catalog pages (§2.4): 20 by default, 50 at most. */
export const PAGE_20_50 = { defaultLimit: 20, maxLimit: 50 } as const;
