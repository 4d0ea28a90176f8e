/**
 * What every endpoint of the client is built from: the request, paging and batching functions, the
 * mode's page sizes, and the checks of ids and answers. Endpoint files (`_catalog.ts`,
 * `_user_data.ts`, ...) take a kit and give methods, so that each endpoint is a few lines.
 *
 * @module
 */
import type { AppMode } from "../core/config.ts";
import { ApiError, excerpt } from "../core/errors.ts";
import type { Batch } from "./_batch.ts";
import { isObject, type Paginate } from "./_paging.ts";
import type { Get, Params } from "./request_options.ts";
import type { FetchOptions } from "./spotify_client.ts";

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
 * An id for a path, checked: letters and digits only, so that nothing can change the path.
 *
 * @param value The id given.
 * @param what What it names (`artist`), for the message.
 * @returns The id.
 * @throws {TypeError} When it is not an id.
 */
export function id(value: string, what: string): string {
  if (typeof value !== "string" || !/^[0-9A-Za-z]{1,64}$/.test(value)) {
    throw new TypeError(
      `Invalid ${what} id "${excerpt(String(value), 40)}": use the 22-character id from its URL`,
    );
  }
  return value;
}

/**
 * A user or category id for a path: those are not always base62 (older accounts chose their own
 * user names), so any short text without spaces or path characters, escaped.
 *
 * @param value The id given.
 * @param what What it names (`user`), for the message.
 * @returns The id, escaped for a path.
 * @throws {TypeError} When it is not such an id.
 */
export function looseId(value: string, what: string): string {
  if (typeof value !== "string" || !/^[^\s/?#,:]{1,128}$/.test(value)) {
    throw new TypeError(
      `Invalid ${what} id "${excerpt(String(value), 40)}": use the id from its URL`,
    );
  }
  return encodeURIComponent(value);
}

/**
 * A 200 answer that must be one object: anything else is an `ApiError` naming the endpoint.
 *
 * @param answer The parsed answer.
 * @param endpoint The path asked for (`/albums/x`).
 * @param basePath The base URL's path, for the message.
 * @returns The answer, typed.
 */
export function object<T>(answer: unknown, endpoint: string, basePath: string): T {
  if (!isObject(answer)) {
    throw new ApiError(
      `Cannot fetch "GET ${
        excerpt(basePath + endpoint, 100)
      }": Spotify answered 200 with a body that is not an object; try again in a minute, or report it if it persists`,
      {
        status: 200,
        method: "GET",
        url: excerpt(endpoint, 200),
        body: excerpt(JSON.stringify(answer) ?? "", 200),
      },
    );
  }
  return answer as T;
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
