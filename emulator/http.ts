/**
 * Response and paging helpers shared by the emulator's routes, shaped as the real service answers.
 *
 * @module
 */
import type { Json } from "./objects.ts";

/** A JSON response. */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** The Web API's regular error object (`spotify-web-api.md` §2.1). */
export function apiError(status: number, message?: string, extra: Json = {}): Response {
  return json(
    { error: { status, ...(message === undefined ? {} : { message }), ...extra } },
    status,
  );
}

/** The accounts service's OAuth error object (§1.2). */
export function oauthError(error: string, description: string, status = 400): Response {
  return json({ error, error_description: description }, status);
}

/** An integer query parameter: the fallback when absent, `undefined` when not a whole number. */
export function intParam(url: URL, name: string, fallback: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** Limits of one paged endpoint. */
export interface PageLimits {
  /** `limit` when none is given. */
  defaultLimit: number;
  /** The largest `limit` accepted; above it, 400 "Invalid limit". */
  maxLimit: number;
  /** The largest `offset` accepted. */
  maxOffset?: number;
}

/**
 * An offset paging object for `rows`, reading `limit` and `offset` from the request, or the error
 * response the real service gives for bad ones.
 *
 * @param url The request URL (its other parameters are kept in `href`/`next`/`previous`).
 * @param rows Every row.
 * @param limits The endpoint's limits.
 * @param draw Turns a row into its JSON object.
 * @returns The page, or a 400 response.
 */
export function pageOf<T>(
  url: URL,
  rows: readonly T[],
  limits: PageLimits,
  draw: (row: T) => unknown,
): Json | Response {
  const limit = intParam(url, "limit", limits.defaultLimit);
  const offset = intParam(url, "offset", 0);
  if (limit === undefined || limit < 1 || limit > limits.maxLimit) {
    return apiError(400, "Invalid limit");
  }
  if (offset === undefined || offset > (limits.maxOffset ?? 100_000)) {
    return apiError(400, "Invalid offset");
  }
  return page(url, rows, offset, limit, draw);
}

/**
 * An offset paging object for a known offset and limit.
 *
 * @param url The page's URL; `offset` and `limit` are set on it for `href`, `next`, `previous`.
 * @param rows Every row.
 * @param offset First row.
 * @param limit Rows per page.
 * @param draw Turns a row into its JSON object.
 * @returns The paging object.
 */
export function page<T>(
  url: URL,
  rows: readonly T[],
  offset: number,
  limit: number,
  draw: (row: T) => unknown,
): Json {
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

/** A response from a JSON body or an error response. */
export function respond(body: Json | Response): Response {
  return body instanceof Response ? body : json(body);
}

/** Look up a catalog id: 400 for a malformed one, 404 for an unknown one. */
export function lookup<T>(map: Map<string, T>, id: string): T | Response {
  if (!/^[0-9A-Za-z]{22}$/.test(id)) return apiError(400, "Invalid base62 id");
  return map.get(id) ?? apiError(404, "Resource not found");
}
