/**
 * The response cache behind re-run cells: one file per request under `data/cache/`, keyed by method
 * and URL (never by token), kept for a time-to-live that depends on the kind of resource, and
 * revalidated with `ETag`/`If-None-Match` once stale. Answers fetched with a signed-in user's token
 * are kept apart, in a folder of that account (`user-<hash>`), so they never cross accounts and
 * `deno task logout` can remove them. Files are written atomically (a temporary file, then a
 * rename) with mode 0600. The cache is an optimisation, never a failure: an entry that cannot be
 * read is a miss, and a cache that cannot be written warns once and the session carries on uncached.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { writeAtomic } from "../core/files.ts";

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
  /**
   * Told once when the cache cannot be written (the session then carries on uncached).
   * @default {console.warn}
   */
  onWarning?: (message: string) => void;
}

/** One cached answer. */
export interface CacheEntry {
  /** `GET` and the URL relative to the API base. */
  key: string;
  /** The signed-in account the answer belongs to, or `undefined` for an app token's answer. */
  account?: string | undefined;
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
  /**
   * The entry for `key` (of `account`, for a user's answers), or `undefined`: a corrupt entry is
   * deleted and counts as missing, and so does one whose body is `null`.
   */
  read(key: string, account?: string): Promise<CacheEntry | undefined>;
  /** Store an answer (`text` is its JSON, as received); never throws. */
  write(key: string, etag: string | undefined, text: string, account?: string): Promise<void>;
  /** Mark an entry as revalidated now; never throws. */
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
  const save = createSaver(dir, options.onWarning ?? ((message) => console.warn(message)));
  const fileOf = async (key: string, account: string | undefined) => {
    const name = `${(await sha256(key)).slice(0, 40)}.json`;
    return account === undefined ? join(dir, name) : join(dir, await accountFolder(account), name);
  };

  return {
    dir,
    read: async (key, account) => readEntry(await fileOf(key, account), key, account),
    async write(key, etag, text, account) {
      // The body goes in as received: one JSON document, parsed once when read.
      const head = JSON.stringify({
        key,
        account: account ?? null,
        etag: etag ?? null,
        storedAt: now(),
      });
      await save(await fileOf(key, account), `${head.slice(0, -1)},"body":${text}}`);
    },
    async touch(entry) {
      const content = JSON.stringify({
        ...entry,
        account: entry.account ?? null,
        etag: entry.etag ?? null,
        storedAt: now(),
      });
      await save(await fileOf(entry.key, entry.account), content);
    },
    isFresh(entry) {
      const path = entry.key.replace(/^GET /, "");
      const age = now() - entry.storedAt;
      // An entry stamped in the future (a clock set back, a hand edit) is stale, not fresh for long.
      return age >= 0 && age < ttl[kindOf(path)] * 1000;
    },
  };
}

/** The entry in `file` if it is whole and of `key` and `account`; a corrupt one is removed. */
async function readEntry(
  file: string,
  key: string,
  account: string | undefined,
): Promise<CacheEntry | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch {
    return undefined; // missing, unreadable or a folder: a miss
  }
  try {
    const entry = JSON.parse(text) as Partial<CacheEntry>;
    if (
      entry.key !== key || typeof entry.storedAt !== "number" || !("body" in entry) ||
      entry.body === null || (entry.account ?? undefined) !== account
    ) {
      throw new Error("not an entry of this key");
    }
    const etag = typeof entry.etag === "string" ? entry.etag : undefined;
    return { key, account, etag, storedAt: entry.storedAt, body: entry.body };
  } catch {
    // Corrupt (a crash mid-write elsewhere, a hand edit): discard it and refetch.
    await Deno.remove(file).catch(() => {});
    return undefined;
  }
}

/**
 * The writer of a cache's files: each folder made once (mode 0700, its leftovers swept), each file
 * written atomically with mode 0600. A folder that cannot be written warns once, and the session
 * carries on uncached; an entry shaped like a folder spoils only itself.
 */
function createSaver(
  dir: string,
  warn: (message: string) => void,
): (file: string, content: string) => Promise<void> {
  const made = new Map<string, Promise<void>>();
  let broken = false;
  let warned = false;
  return async function save(file, content) {
    if (broken) return;
    try {
      const folder = dirname(file);
      let ready = made.get(folder);
      if (ready === undefined) {
        ready = Deno.mkdir(folder, { recursive: true, mode: 0o700 }).then(() => sweep(folder));
        made.set(folder, ready);
      }
      await ready;
      await writeAtomic(file, content, { mode: 0o600 });
    } catch (error) {
      const folderWide = !(error instanceof Deno.errors.IsADirectory);
      if (folderWide) broken = true;
      if (warned) return;
      warned = true;
      const why = (error instanceof Error ? error.message : String(error)).split(":")[0];
      warn(
        `Cannot write the response cache in "${dir}" (${why}): this session carries on without ${
          folderWide ? "caching" : "caching that answer"
        }; fix the folder, or set SPOTIFY_CACHE_DIR=off`,
      );
    }
  };
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The folder, inside a cache, of one signed-in account's answers. */
async function accountFolder(account: string): Promise<string> {
  return `user-${(await sha256(`account:${account}`)).slice(0, 24)}`;
}

/** Temporary files older than this are left over from a killed write. */
const ORPHAN_AGE_MS = 10 * 60_000;

/** Remove temporary files a killed write left in `folder`. */
async function sweep(folder: string): Promise<void> {
  try {
    for await (const entry of Deno.readDir(folder)) {
      if (!entry.isFile || !entry.name.endsWith(".tmp")) continue;
      const path = join(folder, entry.name);
      const info = await Deno.stat(path).catch(() => undefined);
      if (info?.mtime && Date.now() - info.mtime.getTime() > ORPHAN_AGE_MS) {
        await Deno.remove(path).catch(() => {});
      }
    }
  } catch {
    // Sweeping is a courtesy: never a failure.
  }
}

/**
 * Remove the cached answers of one signed-in account (every API's folder under `root`), or of
 * every account when `account` is `undefined`. `deno task logout` calls it.
 *
 * @param root The cache root (`SPOTIFY_CACHE_DIR`), holding one folder per API.
 * @param account The account id, when known.
 * @returns How many account folders were removed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { createCache, forgetAccount } from "./cache.ts";
 * const root = await Deno.makeTempDir();
 * const cache = createCache({ dir: join(root, "api.spotify.com") });
 * await cache.write("GET /me", undefined, '{"id":"alice"}', "alice");
 * assert.equal(await forgetAccount(root, "alice"), 1);
 * assert.equal(await cache.read("GET /me", "alice"), undefined);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function forgetAccount(root: string, account?: string): Promise<number> {
  const target = account === undefined ? undefined : await accountFolder(account);
  let removed = 0;
  async function walk(folder: string, depth: number): Promise<void> {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(folder));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory) continue;
      const path = join(folder, entry.name);
      if (target === undefined ? /^user-[0-9a-f]{24}$/.test(entry.name) : entry.name === target) {
        await Deno.remove(path, { recursive: true });
        removed++;
      } else if (depth > 0) {
        await walk(path, depth - 1);
      }
    }
  }
  await walk(root, 1);
  return removed;
}
