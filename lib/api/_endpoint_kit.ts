/**
 * What every endpoint of the client is built from: the request, paging and batching functions, the
 * mode's page sizes, and the checks of ids and answers. Endpoint files (`_catalog.ts`,
 * `_user_data.ts`, ...) take a kit and give methods, so that each endpoint is a few lines.
 *
 * @module
 */
import type { AppMode } from "../core/config.ts";
import type { Batch } from "./_batch.ts";
import type { Paginate } from "./_paging.ts";
import { object } from "./_checks.ts";
import type { Get, Params } from "./request_options.ts";
import type { FetchOptions, PaginateOptions } from "./spotify_client.ts";

// The checks of ids and answers, for the endpoint files.
export { id, looseId, object } from "./_checks.ts";

/** What endpoints are built from. */
export interface Kit {
  /** The client's request function. */
  get: Get;
  /** The client's paging function. */
  paginate: Paginate;
  /** The client's several-at-once function (batch endpoint, or one request per id). */
  several: Batch;
  /** The mode the client works in now. */
  mode(): AppMode;
  /** The base URL's path (`/v1`), for messages. */
  basePath: string;
}

/** A paged endpoint, as a key of {@linkcode PAGE_SIZES} (every other one pages by 50). */
export type PageKind = "search" | "artistAlbums";

/**
 * The largest page size of the endpoints whose limit depends on the mode, as
 * `[Development Mode, Extended Quota Mode]` (`spotify-web-api.md` §2.4); every other paged
 * endpoint takes 50 in both. `auto` pages as Development Mode does, which every mode accepts.
 */
const PAGE_SIZES: Record<PageKind, readonly [number, number]> = {
  search: [10, 50],
  artistAlbums: [10, 50],
};

/**
 * The largest page size of an endpoint in a mode.
 *
 * @param kind The endpoint, or `undefined` for one that pages by 50 in every mode.
 * @param mode The mode the client works in now.
 * @returns The page size.
 */
export function pageSize(kind: PageKind | undefined, mode: AppMode): number {
  if (kind === undefined) return 50;
  const [development, extended] = PAGE_SIZES[kind];
  return mode === "extended" ? extended : development;
}

/**
 * Every item of an endpoint that pages by 50 in every mode, read page after page as the caller
 * reads: `limit` first, then `params`.
 *
 * @param kit The endpoints' kit.
 * @param path The path under the base URL.
 * @param params The rest of its query.
 * @param options Paging, cache bypass, cancellation.
 * @returns The items.
 */
export function pages<T>(
  kit: Kit,
  path: string,
  params: Params,
  options: PaginateOptions | undefined,
): AsyncGenerator<T> {
  return kit.paginate<T>(path, { limit: pageSize(undefined, kit.mode()), ...params }, options);
}

/**
 * One object by path.
 *
 * @param kit The endpoints' kit.
 * @param path The path under the base URL.
 * @param params Its query.
 * @param options Cache bypass, cancellation.
 * @returns The object.
 */
export async function one<T>(
  kit: Kit,
  path: string,
  params: Params,
  { fresh, signal }: FetchOptions,
): Promise<T> {
  return object<T>(await kit.get(path, params, { fresh, signal }), path, kit.basePath);
}

/**
 * An array under `key` of an object answer (`{ tracks: [...] }`, `{ devices: [...] }`); an
 * absent key is an empty list.
 *
 * @param kit The endpoints' kit.
 * @param path The path under the base URL.
 * @param key The key of the array.
 * @param params Its query.
 * @param options Cache bypass, cancellation.
 * @returns The array.
 */
export async function listUnder<T>(
  kit: Kit,
  path: string,
  key: string,
  params: Params,
  options: FetchOptions,
): Promise<T[]> {
  const answer = await one<Record<string, unknown>>(kit, path, params, options);
  const list = answer[key];
  if (list !== undefined && !Array.isArray(list)) object(null, path, kit.basePath);
  return (list as T[] | undefined) ?? [];
}
