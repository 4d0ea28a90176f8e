/**
 * The response cache behind re-run cells: one file per request under `data/cache/`, keyed by method
 * and URL (never by token), kept for a time-to-live that depends on the kind of resource, and
 * revalidated with `ETag`/`If-None-Match` once stale. Files are written atomically (a temporary
 * file, then a rename) with mode 0600; an entry that cannot be read is discarded, never a crash.
 *
 * @module
 */
import { join } from "node:path";
import { writeAtomic } from "./files.ts";

/** Time-to-live in seconds per kind of resource. */
export interface CacheTtl {
  /** Artists, albums, tracks by id, and album tracks. @default {86400} */
  catalog: number;
  /** An artist's albums (new releases appear). @default {21600} */
  listing: number;
  /** Search results. @default {3600} */
  search: number;
  /** Playlists and their items. @default {600} */
  playlist: number;
  /** The user's profile, top items, saved items and playlists. @default {600} */
  user: number;
  /** Recently played. @default {60} */
  recent: number;
}

/** The default time-to-live per kind, in seconds. */
export const DEFAULT_TTL: Readonly<CacheTtl> = Object.freeze({
  catalog: 86_400,
  listing: 21_600,
  search: 3_600,
  playlist: 600,
  user: 600,
  recent: 60,
});

/** Options of {@linkcode createCache}. */
export interface CacheOptions {
  /** The folder of the cache files (created with mode 0700 when missing). */
  dir: string;
  /** Time-to-live per kind, in seconds; unset kinds keep {@linkcode DEFAULT_TTL}. */
  ttl?: Partial<CacheTtl>;
  /**
   * The clock, in ms since the epoch.
   * @default {Date.now}
   */
  now?: () => number;
}

/** One cached answer. */
export interface CacheEntry {
  /** `GET` and the URL relative to the API base. */
  key: string;
  /** The answer's `ETag`, if it had one. */
  etag: string | undefined;
  /** When the answer was fetched or last revalidated, in ms since the epoch. */
  storedAt: number;
  /** The parsed JSON answer. */
  body: unknown;
}

/** The cache of one client. */
export interface ResponseCache {
  /** The folder it writes to. */
  readonly dir: string;
  /** The entry for `key`, or `undefined` (a corrupt entry is deleted and counts as missing). */
  read(key: string): Promise<CacheEntry | undefined>;
  /** Store an answer (`text` is its JSON, as received). */
  write(key: string, etag: string | undefined, text: string): Promise<void>;
  /** Mark an entry as revalidated now. */
  touch(entry: CacheEntry): Promise<void>;
  /** Whether an entry is within its time-to-live. */
  isFresh(entry: CacheEntry): boolean;
}

/**
 * The kind of resource a request path reads, which sets its time-to-live.
 *
 * @param path The path after the API base, e.g. `/albums/x/tracks`.
 * @returns Its kind.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kindOf } from "./cache.ts";
 * assert.ok(kindOf("/me/player/recently-played") === "recent");
 * assert.ok(kindOf("/albums/x") === "catalog");
 * ```
 */
export function kindOf(path: string): keyof CacheTtl {
  if (path.startsWith("/me/player/recently-played")) return "recent";
  if (path.startsWith("/me")) return "user";
  if (path.startsWith("/search")) return "search";
  if (path.startsWith("/playlists")) return "playlist";
  if (/^\/artists\/[^/]+\/albums/.test(path)) return "listing";
  return "catalog";
}

/**
 * Create a cache over a folder.
 *
 * @param options The folder, the time-to-live per kind, the clock.
 * @returns The cache.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCache } from "./cache.ts";
 * const cache = createCache({ dir: await Deno.makeTempDir() });
 * await cache.write("GET /albums/x", 'W/"1"', '{"id":"x"}');
 * const entry = await cache.read("GET /albums/x");
 * assert.ok(cache.isFresh(entry!) && (entry!.body as { id: string }).id === "x");
 * ```
 */
export function createCache(options: CacheOptions): ResponseCache {
  const ttl = { ...DEFAULT_TTL, ...options.ttl };
  const now = options.now ?? Date.now;
  const dir = options.dir;
  let made: Promise<void> | undefined;

  async function fileOf(key: string): Promise<string> {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    return join(dir, `${hex.slice(0, 40)}.json`);
  }

  async function save(file: string, content: string): Promise<void> {
    made ??= Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    await made;
    await writeAtomic(file, content, { mode: 0o600 });
  }

  return {
    dir,
    async read(key) {
      const file = await fileOf(key);
      let text: string;
      try {
        text = await Deno.readTextFile(file);
      } catch {
        return undefined;
      }
      try {
        const entry = JSON.parse(text) as Partial<CacheEntry>;
        if (entry.key !== key || typeof entry.storedAt !== "number" || !("body" in entry)) {
          throw new Error("not an entry of this key");
        }
        return {
          key,
          etag: typeof entry.etag === "string" ? entry.etag : undefined,
          storedAt: entry.storedAt,
          body: entry.body,
        };
      } catch {
        // Corrupt (a crash mid-write elsewhere, a hand edit): discard it and refetch.
        await Deno.remove(file).catch(() => {});
        return undefined;
      }
    },
    async write(key, etag, text) {
      // The body goes in as received: one JSON document, parsed once when read.
      const head = JSON.stringify({ key, etag: etag ?? null, storedAt: now() });
      await save(await fileOf(key), `${head.slice(0, -1)},"body":${text}}`);
    },
    async touch(entry) {
      const content = JSON.stringify({ ...entry, etag: entry.etag ?? null, storedAt: now() });
      await save(await fileOf(entry.key), content);
    },
    isFresh(entry) {
      const path = entry.key.replace(/^GET /, "");
      return now() - entry.storedAt < ttl[kindOf(path)] * 1000;
    },
  };
}
