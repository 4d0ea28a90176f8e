/**
 * The cache step of the request path: which partition a request uses (the shared one for an app
 * token, the signed-in account's for a user's token, none while that account is unknown), a fresh
 * entry answered without a request, a stale one revalidated with its `ETag` (a 304 reuses it),
 * and a new answer kept. The cache is an optimisation: this step never fails a request.
 *
 * @module
 */
import type { ResponseCache } from "./cache.ts";
import type { TokenProvider } from "../auth/token_provider.ts";

/** What the cache holds for one request, and how to keep its answer. */
export interface CachedRead {
  /** Whether the entry is fresh: answer it without any request. */
  readonly fresh: boolean;
  /** The entry's body (when `fresh`), else `undefined`. */
  readonly body: unknown;
  /** The stale entry's `ETag`, to send as `If-None-Match`; `undefined` when nothing to revalidate. */
  readonly etag: string | undefined;
  /** Whether a 304 can be answered from the entry. */
  readonly revalidating: boolean;
  /** Keep a new answer (its JSON text as received). */
  store(etag: string | undefined, text: string): Promise<void>;
  /** After a 304: mark the entry revalidated now and give its body. */
  reuse(): Promise<unknown>;
}

/** `open(key, fresh)`: the cache's entry for a request (`GET /albums/x`), read once. */
export type CacheStep = (key: string, fresh: boolean) => Promise<CachedRead>;

/**
 * Create the cache step of a client.
 *
 * @param cache The client's cache, or `undefined` for none.
 * @param provider The token provider: a signed-in user's names the account (`account()`).
 * @returns `open(key, fresh)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCache } from "./cache.ts";
 * import { createCacheStep } from "./_cache_step.ts";
 * const dir = await Deno.makeTempDir();
 * const open = createCacheStep(createCache({ dir }), { getToken: () => Promise.reject() });
 * await (await open("GET /albums/x", false)).store('"1"', '{"id":"x"}');
 * const again = await open("GET /albums/x", false);
 * assert.deepEqual([again.fresh, again.body], [true, { id: "x" }]);
 * assert.equal((await open("GET /albums/x", true)).etag, undefined, "fresh: true fetches whole");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function createCacheStep(
  cache: ResponseCache | undefined,
  provider: TokenProvider,
): CacheStep {
  /** The partition: `false` for none, `undefined` for the shared one, else the account. */
  async function partition(): Promise<string | undefined | false> {
    if (cache === undefined) return false;
    if (typeof provider.account !== "function") return undefined;
    return (await provider.account()) ?? false;
  }

  return async function open(key, fresh) {
    const account = await partition();
    if (account === false) return NO_CACHE;
    const entry = await cache!.read(key, account);
    const hit = entry !== undefined && !fresh && cache!.isFresh(entry);
    const etag = fresh ? undefined : entry?.etag;
    return {
      fresh: hit,
      body: hit ? entry.body : undefined,
      etag,
      revalidating: entry !== undefined,
      store: (tag, text) => cache!.write(key, tag, text, account),
      async reuse() {
        await cache!.touch(entry!);
        return entry!.body;
      },
    };
  };
}

/** A request that is not cached. */
const NO_CACHE: CachedRead = {
  fresh: false,
  body: undefined,
  etag: undefined,
  revalidating: false,
  store: () => Promise.resolve(),
  reuse: () => Promise.reject(new Error("No cached entry to reuse")),
};
