/**
 * Paging: follow a paged endpoint's `next` links, page after page as the caller reads, until the
 * last page, `max` items, or a paging fault (a `next` that leads back, more pages than `total`
 * allows, a link off the base URL) that would otherwise loop for ever.
 *
 * @module
 */
import { ApiError, excerpt } from "../core/errors.ts";
import { abortError } from "./_abort.ts";
import type { Requester } from "./_request.ts";
import type { Params } from "./request_options.ts";
import type { PaginateOptions } from "./spotify_client.ts";
import type { Paging } from "./types.ts";

/** `paginate(path, params, options)`: every item of a paged endpoint. */
export type Paginate = <T>(
  path: string,
  params?: Params,
  options?: PaginateOptions,
) => AsyncGenerator<T>;

/**
 * Create the paging function of a client.
 *
 * @param requester The client's requester (its `get` and its base-URL check).
 * @returns `paginate`.
 */
export function createPaginator(requester: Requester): Paginate {
  const { get, within, basePath } = requester;

  /** A `next` link as a path under the base path (whatever host it names: see `within`). */
  function relative(next: string, endpoint: string): string {
    const path = within(next);
    if (path === undefined) {
      throw new ApiError(
        `Cannot read every page of "${endpoint}": Spotify's "next" link "${
          excerpt(next, 80)
        }" is not under "${basePath}"; try again in a minute, or report it if it persists`,
        { status: 200, method: "GET", url: excerpt(next, 200) },
      );
    }
    return path;
  }

  return async function* paginate<T>(
    path: string,
    params: Params = {},
    { key, max = Infinity, onProgress, fresh, signal }: PaginateOptions = {},
  ): AsyncGenerator<T> {
    checkMax(max);
    if (max <= 0) return;
    let url: string | null | undefined = path.startsWith("http") ? relative(path, path) : path;
    const endpoint = `GET ${excerpt(basePath + url.replace(/\?.*/, ""), 100)}`;
    let query: Params = params;
    let done = 0;
    let total: number | undefined;
    /** Pages read, to stop a `next` that leads back; and how many pages `total` allows. */
    const seen = new Set<string>();
    let pages = 0;
    let allowed = Infinity;
    const fault = (why: string, body?: unknown) =>
      new ApiError(
        `Cannot read every page of "${endpoint}": Spotify answered 200 with ${why}; try again in a minute, or report it if it persists`,
        { status: 200, method: "GET", url: excerpt(url ?? path, 200), body },
      );
    while (url) {
      seen.add(url + new URLSearchParams(query as Record<string, string>).toString());
      if (++pages > allowed) {
        throw fault(`more pages than its total of ${total} items allows (a paging loop)`);
      }
      const answer: unknown = await get(url, query, {
        fresh,
        signal,
        onWait: onProgress ? (seconds) => onProgress(done, total, { waiting: seconds }) : undefined,
      });
      const page = key ? (isObject(answer) ? answer[key] : undefined) : answer;
      if (!isObject(page) || !Array.isArray(page.items)) {
        throw fault(
          `a body that is not a page of items`,
          excerpt(JSON.stringify(answer) ?? "", 200),
        );
      }
      const typed = page as Paging<T>;
      const items = page.items as (T | null)[];
      if (typeof typed.total === "number" && typed.total >= 0) {
        total = Math.min(typed.total, max);
        const limit = typeof typed.limit === "number" && typed.limit > 0
          ? typed.limit
          : Number(params.limit) || 50;
        // Totals may move while a listing is read (a track saved meanwhile): two pages of slack.
        if (allowed === Infinity) allowed = Math.ceil(typed.total / limit) + 2;
      }
      query = {};
      for (const item of items) {
        if (item === null) continue;
        yield item;
        if (++done >= max) break;
      }
      onProgress?.(done, total);
      if (done >= max || items.length === 0) return;
      const next: unknown = typed.next;
      if (next === null || next === undefined || next === "") return;
      if (typeof next !== "string") throw fault(`a "next" link that is not a URL`);
      url = relative(next, endpoint);
      if (seen.has(url)) {
        throw fault(`a "next" link that leads back to a page already read (a paging loop)`);
      }
      if (signal?.aborted) throw abortError(endpoint, signal);
    }
  };
}

/** Whether a value is a plain object (not `null`, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `max` of a collecting call: a whole number of at least 0, or `Infinity`.
 *
 * @param max The value given.
 * @throws {RangeError} For anything else.
 */
export function checkMax(max: unknown): void {
  if (max === Infinity || (typeof max === "number" && Number.isInteger(max) && max >= 0)) return;
  throw new RangeError(
    `Invalid max ${
      typeof max === "number" ? max : `"${excerpt(String(max), 20)}"`
    }: use a whole number of at least 0, or Infinity for every item`,
  );
}

/**
 * Every item of an async iterable, in order.
 *
 * @param iterable The items.
 * @returns Them, as an array.
 */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
