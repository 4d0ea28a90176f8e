/**
 * Sync: the plays that arrived since the last sync, from the API's recently played (`after` the
 * newest play the API gave before: one request, and none of it new when nothing is), merged into
 * the store with the rules of `_merge.ts`. Spotify keeps only the last 50 plays: when all 50 are
 * newer than anything stored, the plays between were missed, and the sync says so in one sentence
 * with the window and how often to sync. Each sync is recorded (what it saw, added and missed).
 *
 * @module
 */
import type { SQLInputValue } from "node:sqlite";
import { SpotifyError } from "../core/errors.ts";
import type { SpotifyClient } from "../api/spotify_client.ts";
import type { TokenProvider } from "../auth/token_provider.ts";
import type { PlayHistory } from "../api/types.ts";
import { mergePlays } from "./_merge.ts";
import type { PlayRecord } from "./_rows.ts";
import { type SnapshotReport, takeSnapshots } from "./snapshots.ts";
import { type HistoryStore, openHistory, transaction } from "./store.ts";

/** The most plays Spotify's recently played keeps. */
const WINDOW = 50;

/** Options of {@linkcode syncHistory}. */
export interface SyncHistoryOptions {
  /**
   * Also keep today's snapshots of the top artists and tracks (three time ranges) and the saved
   * tracks, at most one a day (`connect()` leaves them to the collector).
   * @default {false}
   */
  snapshots?: boolean;
  /** The clock, in ms. @default {Date.now} */
  now?: () => number;
  /** Cancels the requests. */
  signal?: AbortSignal;
}

/** A session to sync from: its client, and its tokens (whose account is checked when known). */
export interface SyncSource {
  /** The client, signed in as a user. */
  client: SpotifyClient;
  /** Its tokens: when they know their account, it must be the store's. */
  tokens?: TokenProvider;
}

/** What a sync did. */
export interface SyncReport {
  /** Plays the API returned. */
  seen: number;
  /** Plays added to the store. */
  added: number;
  /** Plays the store had from an export, now seen by the API too. */
  merged: number;
  /** The window of plays missed, when the API no longer had them. */
  missed: { from: Date; to: Date; everyHours: number } | undefined;
  /** The snapshots taken (when asked for). */
  snapshots: SnapshotReport | undefined;
  /** One line saying what was added. */
  summary: string;
  /** The missed window, in one sentence (or `undefined`). */
  warning: string | undefined;
}

/**
 * Add the plays that arrived since the last sync (and, when asked, today's snapshots).
 *
 * @param store The open store, for the account the session is signed in as.
 * @param source The session (`connect({ user: true })`), or its client.
 * @param options Snapshots, clock, cancellation.
 * @returns What was added and what was missed.
 * @throws {SpotifyError} When the session is signed in as another account, or a request fails.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { connect } from "../connect.ts";
 * import { openHistory } from "./store.ts";
 * import { syncHistory } from "./sync.ts";
 * const dir = await Deno.makeTempDir();
 * await using spotify = await connect({ env: {}, envFile: false, cacheDir: false, user: true, history: false });
 * using store = await openHistory(spotify, { path: `${dir}/h.sqlite` });
 * const first = await syncHistory(store, spotify);
 * assert.equal(first.added, 50);
 * const again = await syncHistory(store, spotify);
 * assert.equal(again.added, 0);
 * store.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function syncHistory(
  store: HistoryStore,
  source: SyncSource | SpotifyClient,
  options: SyncHistoryOptions = {},
): Promise<SyncReport> {
  const { client, tokens } = "client" in source ? source : { client: source, tokens: undefined };
  const signed = await tokens?.account?.();
  if (signed !== undefined && signed !== store.account) {
    throw new SpotifyError(
      `Cannot sync "${signed}"'s plays into the history of "${store.account}": open the history with this session (openHistory(spotify))`,
    );
  }
  const now = (options.now ?? Date.now)();
  const { cursor, newest } = stored(store);
  // One page: the 50 plays Spotify keeps, after the cursor (its `next` leads to older plays).
  const page = await client.get<{ items?: PlayHistory[] }>(
    "/me/player/recently-played",
    { limit: WINDOW, after: cursor ?? undefined },
    { fresh: true, ...(options.signal ? { signal: options.signal } : {}) },
  );
  const plays = page.items ?? [];
  const records = plays.map(recordOf).filter((r): r is PlayRecord => r !== undefined);
  const missed = gap(records, newest);
  const counts = transaction(store, () => {
    const counts = mergePlays(store, "api", records);
    logSync(store, { now, seen: records.length, added: counts.added, cursor, records, missed });
    return counts;
  });
  const snapshots = options.snapshots
    ? await takeSnapshots(store, client, {
      now,
      ...(options.signal ? { signal: options.signal } : {}),
    })
    : undefined;
  return {
    seen: records.length,
    added: counts.added,
    merged: counts.merged,
    missed,
    snapshots,
    summary: `${counts.added} new play${
      counts.added === 1 ? "" : "s"
    } added (${records.length} seen${
      counts.merged > 0 ? `, ${counts.merged} already in an export` : ""
    })${snapshots === undefined ? "" : `; ${snapshots.summary}`}`,
    warning: missed === undefined ? undefined : missedSentence(missed),
  };
}

/** The newest play the API gave (the `after` cursor) and the newest play stored. */
function stored(store: HistoryStore): { cursor: number | null; newest: number | null } {
  const row = store.db.prepare(
    "SELECT max(api_at) AS cursor, max(played_at) AS newest FROM plays WHERE account = ?",
  ).get(store.account);
  return { cursor: row?.cursor as number | null, newest: row?.newest as number | null };
}

/** A play as the API gave it (tracks; an episode when the API lists one). */
function recordOf(play: PlayHistory): PlayRecord | undefined {
  const at = Date.parse(play.played_at ?? "");
  const item = play.track as (PlayHistory["track"] & { type?: string; show?: { name?: string } });
  if (Number.isNaN(at) || item === undefined || item === null) return undefined;
  const episode = item.type === "episode";
  const text = (v: unknown) => typeof v === "string" ? v : null;
  return {
    at,
    ms_played: null,
    kind: episode ? "episode" : "track",
    track: episode ? null : text(item.name),
    artist: episode ? null : text(item.artists?.[0]?.name),
    album: episode ? null : text(item.album?.name),
    track_uri: episode ? null : text(item.uri),
    episode: episode ? text(item.name) : null,
    show: episode ? text(item.show?.name) : null,
    episode_uri: episode ? text(item.uri) : null,
    audiobook: null,
    audiobook_uri: null,
    chapter: null,
    chapter_uri: null,
    platform: null,
    country: null,
    reason_start: null,
    reason_end: null,
    shuffle: null,
    skipped: null,
    offline: null,
    incognito: null,
    file: null,
    context: text(play.context?.uri),
  };
}

/**
 * The plays missed: the API returned its whole window and even the oldest of it is newer than the
 * newest play stored, so what was played between is gone from the API.
 */
function gap(records: PlayRecord[], newest: number | null): SyncReport["missed"] {
  if (newest === null || records.length < WINDOW) return undefined;
  const times = records.map((r) => r.at);
  const oldest = Math.min(...times);
  if (oldest <= newest) return undefined;
  // The 50 plays Spotify keeps spanned this long: syncing twice as often leaves room for busier days.
  const span = (Math.max(...times) - oldest) / 3_600_000;
  return {
    from: new Date(newest),
    to: new Date(oldest),
    everyHours: Math.max(1, Math.floor(span / 2)),
  };
}

const shown = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The sentence that says which plays were missed. */
export function missedSentence(missed: NonNullable<SyncReport["missed"]>): string {
  return `Plays between ${shown(missed.from)} and ${
    shown(missed.to)
  } were not seen: sync at least every ${missed.everyHours} hour${
    missed.everyHours === 1 ? "" : "s"
  }`;
}

function logSync(
  store: HistoryStore,
  s: {
    now: number;
    seen: number;
    added: number;
    cursor: number | null;
    records: PlayRecord[];
    missed: SyncReport["missed"];
  },
): void {
  const times = s.records.map((r) => r.at);
  const oldest = times.length > 0 ? Math.min(...times) : s.cursor;
  const newest = times.length > 0 ? Math.max(...times) : s.cursor;
  // What the API answered for: from the last sync's newest play (or this one's oldest, when the
  // plays between were missed or there was no sync before) to this one's newest.
  const values: SQLInputValue[] = [
    store.account,
    s.now,
    s.seen,
    s.added,
    s.missed !== undefined ? oldest : s.cursor ?? oldest,
    newest,
    s.missed?.from.getTime() ?? null,
    s.missed?.to.getTime() ?? null,
  ];
  store.db.prepare(
    `INSERT INTO syncs (account, synced_at, seen, added, covered_from, covered_to, missed_from,
       missed_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...values);
}

/** Options of {@linkcode syncQuietly}. */
export interface SyncQuietlyOptions {
  /** The store file. @default {the session's `config.historyFile`} */
  path?: string;
  /** Where the one line of warning goes. @default {console.warn} */
  warn?: (line: string) => void;
}

/**
 * The sync `connect({ user: true })` runs: plays only, and it never fails the cell. A failed sync,
 * or a window of plays missed, is one line of warning; the notebook goes on with what is stored.
 *
 * @param session The signed-in session.
 * @param options The store file and where warnings go.
 * @returns What the sync did, or `undefined` when it failed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { syncQuietly } from "./sync.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/h.sqlite`, "not a database");
 * const lines: string[] = [];
 * const session = { client: {} as never, tokens: { account: async () => "someone" } as never };
 * const report = await syncQuietly(session, { path: `${dir}/h.sqlite`, warn: (l) => lines.push(l) });
 * assert.equal(report, undefined);
 * assert.equal(lines.length, 1);
 * assert.match(lines[0]!, /^Listening history not synced: .*not a SQLite file/);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function syncQuietly(
  session: SyncSource & { config?: { historyFile?: string } },
  options: SyncQuietlyOptions = {},
): Promise<SyncReport | undefined> {
  const warn = options.warn ?? ((line: string) => console.warn(line));
  try {
    using store = await openHistory(session, options.path ? { path: options.path } : {});
    const report = await syncHistory(store, session);
    if (report.warning !== undefined) warn(`Listening history: ${report.warning}`);
    return report;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    warn(`Listening history not synced: ${message.split("\n")[0]}`);
    return undefined;
  }
}
