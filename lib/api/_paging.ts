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
  return <T>(path: string, params: Params = {}, options: PaginateOptions = {}) =>
    paginate<T>(requester, path, { ...options, params });
}

/** Every item of a paged endpoint, page after page as the caller reads. */
async function* paginate<T>(
  requester: Requester,
  path: string,
  options: PaginateOptions & { params: Params },
): AsyncGenerator<T> {
  const { params, key, max = Infinity, onProgress, fresh, signal } = options;
  checkMax(max);
  if (max <= 0) return;
  const first = path.startsWith("http") ? nextPath(path, path, requester) : path;
  const endpoint = `GET ${excerpt(requester.basePath + first.replace(/\?.*/, ""), 100)}`;
  const guard = createPageGuard(endpoint, requester);
  let url: string | undefined = first;
  let query: Params = params;
  let done = 0;
  while (url) {
    guard.visit(url, query);
    const answer: unknown = await requester.get(url, query, {
      fresh,
      signal,
      onWait: onProgress
        ? (seconds) => onProgress(done, guard.total, { waiting: seconds })
        : undefined,
    });
    const page = guard.page<T>(answer, key);
    guard.count(page, max, params.limit);
    query = {};
    const items = page.items as (T | null)[];
    for (const item of items) {
      if (item === null) continue;
      yield item;
      if (++done >= max) break;
    }
    onProgress?.(done, guard.total);
    if (done >= max || items.length === 0) return;
    url = guard.next(page.next);
    if (url !== undefined && signal?.aborted) throw abortError(endpoint, signal);
  }
}

/**
 * The checks that stop a listing that would otherwise loop for ever: a `next` that leads back,
 * more pages than `total` allows, a body that is not a page, a link off the base URL.
 */
function createPageGuard(endpoint: string, requester: Pick<Requester, "within" | "basePath">) {
  /** Pages read, to stop a `next` that leads back; and how many pages `total` allows. */
  const seen = new Set<string>();
  let pages = 0;
  let allowed = Infinity;
  let total: number | undefined;
  let current = "";
  const fault = (why: string, body?: unknown) =>
    new ApiError(
      `Cannot read every page of "${endpoint}": Spotify answered 200 with ${why}; try again in a minute, or report it if it persists`,
      { status: 200, method: "GET", url: excerpt(current, 200), body },
    );
  return {
    /** Items in all, as far as the pages read say (at most `max`). */
    get total() {
      return total;
    },
    visit(url: string, query: Params) {
      current = url;
      seen.add(url + new URLSearchParams(query as Record<string, string>).toString());
      if (++pages > allowed) {
        throw fault(`more pages than its total of ${total} items allows (a paging loop)`);
      }
    },
    page<T>(answer: unknown, key: string | undefined): Paging<T> {
      const page = key ? (isObject(answer) ? answer[key] : undefined) : answer;
      if (!isObject(page) || !Array.isArray(page.items)) {
        throw fault(
          "a body that is not a page of items",
          excerpt(JSON.stringify(answer) ?? "", 200),
        );
      }
      return page as unknown as Paging<T>;
    },
    count(page: Paging<unknown>, max: number, limit: Params[string]) {
      if (typeof page.total !== "number" || page.total < 0) return;
      total = Math.min(page.total, max);
      const size = typeof page.limit === "number" && page.limit > 0
        ? page.limit
        : Number(limit) || 50;
      // Totals may move while a listing is read (a track saved meanwhile): two pages of slack.
      if (allowed === Infinity) allowed = Math.ceil(page.total / size) + 2;
    },
    /** The path of the next page, or `undefined` after the last. */
    next(link: unknown): string | undefined {
      if (link === null || link === undefined || link === "") return undefined;
      if (typeof link !== "string") throw fault(`a "next" link that is not a URL`);
      const path = nextPath(link, endpoint, requester);
      if (seen.has(path)) {
        throw fault(`a "next" link that leads back to a page already read (a paging loop)`);
      }
      return path;
    },
  };
}

/** A `next` link as a path under the base path (whatever host it names: see `within`). */
function nextPath(
  next: string,
  endpoint: string,
  { within, basePath }: Pick<Requester, "within" | "basePath">,
): string {
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
