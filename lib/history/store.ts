/**
 * The listening history store: one SQLite file (`node:sqlite`, built into Deno), in WAL mode, that
 * a collector and a notebook kernel can write at once, and that any SQLite tool, DuckDB or pandas
 * can open. Every row carries the account it belongs to; a {@linkcode HistoryStore} is opened for
 * one account and reads and writes only that account's rows.
 *
 * Opening checks the file before anything is written: a file that is not SQLite, a SQLite
 * database of another program, or one written by a newer version of this project is refused in
 * one sentence and left as it is. An older version is migrated (`_schema.ts` lists the versions).
 * Writes are short `BEGIN IMMEDIATE` transactions with a busy timeout, so that two writers wait
 * for each other instead of failing; a full disk or a damaged file is one sentence, and what was
 * stored before stays.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { dirname, join } from "node:path";
import { loadConfig } from "../core/config.ts";
import { SpotifyError } from "../core/errors.ts";
import type { SpotifyClient } from "../api/spotify_client.ts";
import type { TokenProvider } from "../auth/token_provider.ts";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_V1, SCHEMA_VERSION } from "./_schema.ts";

/** Options of {@linkcode openHistory}. */
export interface OpenHistoryOptions {
  /**
   * The store file.
   * @default {the session's `config.historyFile`, else SPOTIFY_HISTORY_DB, else data/history.sqlite}
   */
  path?: string;
  /**
   * How long a write waits for another process's write to finish, in ms.
   * @default {15000}
   */
  busyTimeoutMs?: number;
}

/** What an account can be named by: its Spotify user id, or a signed-in session. */
export type HistoryOwner = string | {
  client: SpotifyClient;
  tokens?: TokenProvider;
  config?: { historyFile?: string };
};

/** An open history store, for one account. Close it (or `using`) when done. */
export class HistoryStore implements Disposable {
  /** The store file. */
  readonly path: string;
  /** The Spotify user id whose plays this handle reads and writes. */
  readonly account: string;
  /** The SQLite connection (for this library's modules; read with `queryHistory`). */
  readonly db: DatabaseSync;
  /** How long a write waits for another process's, in ms. */
  readonly busyTimeoutMs: number;
  /** Ids of the rows of `items` and `facets` seen, by key (cleared when a write is rolled back). */
  readonly ids: Map<string, Map<string, number>> = new Map();

  /**
   * Wraps an open, checked connection (use {@linkcode openHistory}).
   *
   * @param db The connection.
   * @param init Its file, account and busy timeout.
   */
  constructor(db: DatabaseSync, init: { path: string; account: string; busyTimeoutMs: number }) {
    this.db = db;
    this.path = init.path;
    this.account = init.account;
    this.busyTimeoutMs = init.busyTimeoutMs;
  }

  /** Close the connection (a second call does nothing). */
  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** Close the connection. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Open (or create) the history store for one account.
 *
 * @param owner The account: a Spotify user id, or a session signed in as the user
 * (`connect({ user: true })`), whose account is asked once if not yet known.
 * @param options The file and the busy timeout.
 * @returns The open store.
 * @throws {SpotifyError} When the file is not a history store, is damaged or newer, or the
 * session is not signed in as a user.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openHistory } from "./store.ts";
 * const dir = await Deno.makeTempDir();
 * using store = await openHistory("someone", { path: `${dir}/history.sqlite` });
 * assert.equal(store.account, "someone");
 * assert.equal(store.db.prepare("PRAGMA journal_mode").get()?.journal_mode, "wal");
 * store.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function openHistory(
  owner: HistoryOwner,
  options: OpenHistoryOptions = {},
): Promise<HistoryStore> {
  const account = typeof owner === "string" ? owner : await accountOf(owner);
  if (account.trim() === "") throw new TypeError("Invalid account: give a Spotify user id");
  const path = options.path ??
    (typeof owner === "string" ? undefined : owner.config?.historyFile) ??
    loadConfig().historyFile;
  const busyTimeoutMs = options.busyTimeoutMs ?? 15_000;
  await Deno.mkdir(dirname(path), { recursive: true }).catch(() => {});
  const created = !(await checkFile(path));
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { timeout: busyTimeoutMs, enableForeignKeyConstraints: false });
  } catch (error) {
    throw storeError(path, error, "open");
  }
  try {
    prepare(db, path);
    if (created) await Deno.chmod(path, 0o600).catch(() => {});
  } catch (error) {
    db.close();
    throw error instanceof SpotifyError ? error : storeError(path, error, "open");
  }
  return new HistoryStore(db, { path, account, busyTimeoutMs });
}

/** The signed-in account of a session: known by its tokens, else asked with `GET /me` once. */
async function accountOf(owner: Exclude<HistoryOwner, string>): Promise<string> {
  if (owner.tokens !== undefined && typeof owner.tokens.account !== "function") {
    throw new SpotifyError(
      "Cannot open the listening history: it belongs to a signed-in user; connect with connect({ user: true })",
    );
  }
  const known = await owner.tokens?.account?.() ?? (await owner.client.me()).id;
  if (typeof known !== "string") {
    throw new SpotifyError(
      "Cannot open the listening history: Spotify did not say who is signed in",
    );
  }
  return known;
}

const SQLITE_HEADER = "SQLite format 3\0";

/**
 * Whether a file is there with content; throws when that content is not SQLite. A missing or
 * empty file is a new store.
 */
async function checkFile(path: string): Promise<boolean> {
  let file: Deno.FsFile;
  try {
    if ((await Deno.stat(path)).isDirectory) {
      throw new SpotifyError(
        `Cannot open the history store "${path}": it is a folder; give the path of a file, such as "${
          join(path, "history.sqlite")
        }", or set SPOTIFY_HISTORY_DB to one (the folder is left as it is)`,
      );
    }
    file = await Deno.open(path, { read: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error instanceof SpotifyError ? error : storeError(path, error, "open");
  }
  try {
    const head = new Uint8Array(16);
    const read = (await file.read(head)) ?? 0;
    if (read === 0) return false;
    if (new TextDecoder().decode(head.subarray(0, read)) !== SQLITE_HEADER) {
      throw new SpotifyError(
        `Cannot open the history store "${path}": it is not a SQLite file; move it away or set SPOTIFY_HISTORY_DB to another path (the file is left as it is)`,
      );
    }
    return true;
  } finally {
    file.close();
  }
}

/** Check that the database is ours (or empty), then set WAL and migrate it to this version. */
function prepare(db: DatabaseSync, path: string): void {
  const { id, version, objects } = identity(db);
  if (id !== APPLICATION_ID && objects > 0) {
    throw new SpotifyError(
      `Cannot open the history store "${path}": it is the SQLite database of another program; move it away or set SPOTIFY_HISTORY_DB to another path (the file is left as it is)`,
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new SpotifyError(
      `Cannot open the history store "${path}": a newer version of this project wrote it (schema ${version}, this one reads up to ${SCHEMA_VERSION}); update the project`,
    );
  }
  checkPages(db, path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768");
  if (version < SCHEMA_VERSION) migrate(db);
}

/**
 * SQLite's `PRAGMA quick_check` of every page, so that a store damaged in its body is refused on
 * opening, before a sync or an import writes to it (about 0.2 s for 1,000,000 plays).
 */
function checkPages(db: DatabaseSync, path: string): void {
  const said = String(db.prepare("PRAGMA quick_check(1)").get()?.quick_check ?? "").replace(
    /\s+/g,
    " ",
  );
  if (said !== "ok") {
    throw new SpotifyError(
      `Cannot open the history store "${path}": the file is damaged; move it away or set SPOTIFY_HISTORY_DB to another path (the file is left as it is; SQLite's check found "${
        excerptOf(said)
      }")`,
    );
  }
}

function identity(db: DatabaseSync): { id: number; version: number; objects: number } {
  const id = Number(db.prepare("PRAGMA application_id").get()?.application_id ?? 0);
  const version = Number(db.prepare("PRAGMA user_version").get()?.user_version ?? 0);
  const objects = Number(db.prepare("SELECT count(*) AS n FROM sqlite_schema").get()?.n ?? 0);
  return { id, version, objects };
}

/**
 * Bring the schema to {@linkcode SCHEMA_VERSION} in one transaction: a new store gets the first
 * version and then every migration. Another process may have done it meanwhile: the version is
 * read again under the write lock.
 */
function migrate(db: DatabaseSync): void {
  db.exec("BEGIN IMMEDIATE");
  try {
    const { version, objects } = identity(db);
    if (version === 0) {
      if (objects > 0) throw new SpotifyError("Cannot migrate a store without a schema version");
      db.exec(SCHEMA_V1);
      db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    }
    for (let next = Math.max(version, 1) + 1; next <= SCHEMA_VERSION; next++) {
      db.exec(MIGRATIONS[next]!);
    }
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec("COMMIT");
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

/**
 * Run `fn` in one write transaction (`BEGIN IMMEDIATE`: the write lock is taken first, waiting
 * for another writer up to the busy timeout). On any error nothing of it is kept.
 *
 * @param store The store.
 * @param fn The writes.
 * @returns What `fn` returns.
 * @throws {SpotifyError} One sentence for a full disk, a damaged file or a lock held too long.
 */
export function transaction<T>(store: HistoryStore, fn: () => T): T {
  const db = store.db;
  try {
    db.exec("BEGIN IMMEDIATE");
  } catch (error) {
    throw storeError(store.path, error, "write", store.busyTimeoutMs);
  }
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    store.ids.clear();
    throw error instanceof SpotifyError
      ? error
      : storeError(store.path, error, "write", store.busyTimeoutMs);
  }
}

/**
 * One sentence for what SQLite reported: a full disk, a damaged file, a write lock held by another
 * program for longer than the busy timeout, a folder that cannot be written.
 *
 * @param path The store file.
 * @param error What SQLite (or the file system) threw.
 * @param doing What was being done.
 * @param busyMs The busy timeout, for the message.
 * @returns The error to throw (the original as its cause).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { storeError } from "./store.ts";
 * const full = Object.assign(new Error("database or disk is full"), { errcode: 13 });
 * assert.match(storeError("h.sqlite", full, "write").message, /the disk is full/);
 * ```
 */
export function storeError(
  path: string,
  error: unknown,
  doing: "open" | "read" | "write",
  busyMs = 15_000,
): SpotifyError {
  const said = excerptOf(error);
  // node:sqlite sets `errcode` on most errors, not all (or a generic 1): SQLite's own words tell.
  const raw = (error as { errcode?: unknown }).errcode;
  const code = /disk is full/.test(said)
    ? 13
    : /malformed|not a database/.test(said)
    ? 11
    : /database is locked|database table is locked/.test(said)
    ? 5
    : typeof raw === "number"
    ? raw & 0xff
    : -1;
  const where = `the history store "${path}"`;
  const message = code === 13
    ? `Cannot write to ${where}: the disk is full; free some space and run again (what was stored before is kept)`
    : code === 11 || code === 26
    ? `Cannot ${doing} ${where}: the file is damaged; move it away or set SPOTIFY_HISTORY_DB to another path (the file is left as it is)`
    : code === 5 || code === 6
    ? `Cannot write to ${where}: another program kept it busy for more than ${
      Math.round(busyMs / 1000)
    } s; try again`
    : code === 8 || code === 14 || error instanceof Deno.errors.PermissionDenied
    ? `Cannot ${doing} ${where}: the file or its folder cannot be written; check its permissions or set SPOTIFY_HISTORY_DB to another path`
    : `Cannot ${doing} ${where}: SQLite said "${said}"`;
  return new SpotifyError(message, { cause: error });
}

function excerptOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
