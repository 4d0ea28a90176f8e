/**
 * Dated snapshots, at most one a day: the top artists and tracks for each of the three time ranges,
 * and the saved tracks with when they were saved. The API shows only the present; kept day after
 * day, they show how the top lists move. A list the app's mode does not allow is left out.
 *
 * @module
 */
import pl from "nodejs-polars";
import { ModeError } from "../core/errors.ts";
import type { SpotifyClient } from "../api/spotify_client.ts";
import { TIME_RANGES } from "../api/types.ts";
import { type HistoryStore, storeError, transaction } from "./store.ts";

/** The lists kept. */
export type SnapshotList = "top_artists" | "top_tracks" | "saved_tracks";

/** What {@linkcode takeSnapshots} did. */
export interface SnapshotReport {
  /** The lists taken now, e.g. `top_artists/short_term`. */
  taken: string[];
  /** The lists already taken today. */
  already: string[];
  /** The lists the app's mode does not allow. */
  unavailable: string[];
  /** One line saying it. */
  summary: string;
}

interface Row {
  id: string | null;
  name: string | null;
  artist: string | null;
  added_at: number | null;
}

/**
 * Take today's snapshots (UTC date) that are not taken yet.
 *
 * @param store The open store.
 * @param client The client, signed in as the store's account.
 * @param options The clock and a signal.
 * @returns Which lists were taken.
 */
export async function takeSnapshots(
  store: HistoryStore,
  client: SpotifyClient,
  options: { now?: number; signal?: AbortSignal } = {},
): Promise<SnapshotReport> {
  const day = new Date(options.now ?? Date.now()).toISOString().slice(0, 10);
  const report: SnapshotReport = { taken: [], already: [], unavailable: [], summary: "" };
  const signal = options.signal ? { signal: options.signal } : {};
  const lists: [SnapshotList, string, () => Promise<Row[]>][] = [
    ...TIME_RANGES.flatMap((range) =>
      [
        ["top_artists", range, async () =>
          (await client.topArtists(range, { max: 50, ...signal })).map((a) => ({
            id: a.id ?? null,
            name: a.name ?? null,
            artist: null,
            added_at: null,
          }))],
        ["top_tracks", range, async () =>
          (await client.topTracks(range, { max: 50, ...signal })).map((t) => ({
            id: t.id ?? null,
            name: t.name ?? null,
            artist: t.artists?.[0]?.name ?? null,
            added_at: null,
          }))],
      ] as [SnapshotList, string, () => Promise<Row[]>][]
    ),
    ["saved_tracks", "", async () =>
      (await client.savedTracks(signal)).map((s) => ({
        id: s.track?.id ?? null,
        name: s.track?.name ?? null,
        artist: s.track?.artists?.[0]?.name ?? null,
        added_at: s.added_at === undefined ? null : Date.parse(s.added_at),
      }))],
  ];
  for (const [list, range, fetch] of lists) {
    const name = range === "" ? list : `${list}/${range}`;
    if (taken(store, day, list, range)) {
      report.already.push(name);
      continue;
    }
    let rows: Row[];
    try {
      rows = await fetch();
    } catch (error) {
      if (!(error instanceof ModeError)) throw error;
      report.unavailable.push(name);
      continue;
    }
    transaction(store, () => keep(store, { day, list, range, rows }));
    report.taken.push(name);
  }
  report.summary = `${report.taken.length} snapshot${report.taken.length === 1 ? "" : "s"} taken` +
    (report.already.length > 0 ? `, ${report.already.length} already taken today` : "") +
    (report.unavailable.length > 0
      ? `, ${report.unavailable.length} not allowed in this mode`
      : "");
  return report;
}

function taken(store: HistoryStore, day: string, list: string, range: string): boolean {
  return store.db.prepare(
    "SELECT 1 FROM snapshots WHERE account = ? AND taken_on = ? AND list = ? AND time_range = ? LIMIT 1",
  ).get(store.account, day, list, range) !== undefined;
}

function keep(
  store: HistoryStore,
  s: { day: string; list: string; range: string; rows: Row[] },
): void {
  const insert = store.db.prepare(
    `INSERT OR IGNORE INTO snapshots (account, taken_on, list, time_range, rank, id, name, artist, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  s.rows.forEach((row, i) =>
    insert.run(
      store.account,
      s.day,
      s.list,
      s.range,
      i + 1,
      row.id,
      row.name,
      row.artist,
      row.added_at,
    )
  );
}

/** Options of {@linkcode snapshotsFrame}. */
export interface SnapshotsFrameOptions {
  /** Only this list. */
  list?: SnapshotList;
  /** Only this time range (`short_term`, `medium_term`, `long_term`). */
  timeRange?: string;
}

/**
 * The snapshots kept, one row per item per day: `taken_on` (Datetime, UTC midnight), `list`,
 * `time_range` (empty for saved tracks), `rank` (1 first; saved tracks newest first), `id`,
 * `name`, `artist` (of a track), `added_at` (when a saved track was saved).
 *
 * @param store The open store.
 * @param options A list and a time range.
 * @returns The DataFrame, oldest day first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { snapshotsFrame } from "./snapshots.ts";
 * import { openHistory } from "./store.ts";
 * const dir = await Deno.makeTempDir();
 * using store = await openHistory("someone", { path: `${dir}/h.sqlite` });
 * assert.equal(snapshotsFrame(store, { list: "top_artists" }).height, 0);
 * store.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function snapshotsFrame(
  store: HistoryStore,
  options: SnapshotsFrameOptions = {},
): pl.DataFrame {
  const where = ["account = ?"];
  const params: string[] = [store.account];
  if (options.list !== undefined) [where.push("list = ?"), params.push(options.list)];
  if (options.timeRange !== undefined) {
    [where.push("time_range = ?"), params.push(options.timeRange)];
  }
  let rows: Record<string, unknown>[];
  try {
    rows = store.db.prepare(
      `SELECT taken_on, list, time_range, rank, id, name, artist, added_at FROM snapshots
       WHERE ${where.join(" AND ")} ORDER BY taken_on, list, time_range, rank`,
    ).all(...params);
  } catch (error) {
    throw storeError(store.path, error, "read");
  }
  const column = (name: string) => rows.map((r) => r[name] ?? null);
  const instant = (name: string, values: unknown[]) =>
    pl.Series(name, values, pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms", "UTC"));
  return pl.DataFrame([
    instant("taken_on", rows.map((r) => Date.parse(`${r.taken_on}T00:00:00Z`))),
    pl.Series("list", column("list"), pl.Utf8),
    pl.Series("time_range", column("time_range"), pl.Utf8),
    pl.Series("rank", column("rank"), pl.Int64),
    pl.Series("id", column("id"), pl.Utf8),
    pl.Series("name", column("name"), pl.Utf8),
    pl.Series("artist", column("artist"), pl.Utf8),
    instant("added_at", column("added_at")),
  ]);
}
