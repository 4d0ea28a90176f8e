/**
 * Plays of one source merged into the stored plays of an account. The rules (the README and
 * `import_export.ts` repeat them):
 *
 * 1. **The same item.** Two records are of the same item when their URIs are equal (track,
 *    episode or chapter URI), or, when one of them has no URI (the basic export names only), when
 *    their artist (or show) and track (or episode, chapter) names are equal ignoring case and
 *    surrounding spaces.
 * 2. **The same instant, within a tolerance.** Each source records when a play ended, at its own
 *    precision: the basic export to the minute (`endTime` 12:00 means 12:00:00 to 12:00:59), the
 *    extended export to the second (`ts`), the API to the millisecond (`played_at`). Two records
 *    are the same play when those windows are at most {@linkcode TOLERANCE_MS} (30 s) apart. The
 *    API's `played_at` is sometimes the start of the play rather than its end (spotify/web-api
 *    issues 613 and 1083), so an API record also matches an export play whose start (`ts` less
 *    `ms_played`) is within the tolerance, when no play's end is.
 * 3. **One source, distinct plays.** Two records of the same source are never merged: two plays
 *    of one song a minute apart stay two plays. A record whose source already recorded the stored
 *    play at the same instant is that play seen again (importing a file twice adds nothing); two
 *    such records in one batch are two plays.
 * 4. **Nearest first, one to one.** A record takes the nearest stored play that its source has
 *    not recorded yet; a play without a match is added. A skip the API never listed stays as the
 *    export has it.
 * 5. **The richer record.** The values of the richer source win: the extended export (`ms_played`,
 *    reasons, platform, country, shuffle, skips), then the API, then the basic export; a poorer
 *    source only fills what is missing (the basic export's `ms_played` for an API play; the API's
 *    `context` always). `played_at` is the extended export's instant, else the API's, else the
 *    basic export's minute. Each source's own instant is kept (`basic_at`, `extended_at`,
 *    `api_at`), which also says which sources saw the play.
 *
 * Private to `lib/history/`.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import {
  AT_COLUMN,
  FACET_FIELDS,
  facetOf,
  type FacetValues,
  Ids,
  PLAY_COLUMNS,
  type PlayRecord,
  Rows,
  type Source,
  SOURCES,
} from "./_rows.ts";
import type { HistoryStore } from "./store.ts";

/** How far apart two sources' instants of one play may be, in ms. */
export const TOLERANCE_MS = 30_000;
/** The width of each source's instant: the basic export rounds down to the minute. */
const PRECISION: Record<Source, number> = { basic: 60_000, extended: 1_000, api: 1 };
/** Whose values win. */
const RANK: Record<Source, number> = { basic: 1, api: 2, extended: 3 };
/** Stored plays this far around a batch are its candidates (a long play's start, the tolerance). */
const WINDOW_MS = 4 * 3_600_000;

/** What a merge did. */
export interface MergeCounts {
  /** Plays added. */
  added: number;
  /** Stored plays this source saw too. */
  merged: number;
  /** Records this source had given before. */
  already: number;
}

/** What the writes of one batch share. */
interface Batch {
  db: DatabaseSync;
  ids: Ids;
  source: Source;
  update: StatementSync | undefined;
}

/** A stored play that records may match. */
interface Candidate {
  row: Record<string, SQLInputValue>;
  uri: string | null;
  names: string | null;
  /** Whether a record of this batch has taken its source's place. */
  taken: boolean;
}

/**
 * Merge one source's plays into an account's stored plays (inside the caller's transaction).
 *
 * @param store The store, in a write transaction.
 * @param source Where the records come from.
 * @param records The plays.
 * @returns How many were added, merged, or already there.
 */
export function mergePlays(
  store: HistoryStore,
  source: Source,
  records: PlayRecord[],
): MergeCounts {
  const { db, account, ids: known } = store;
  const counts = { added: 0, merged: 0, already: 0 };
  if (records.length === 0) return counts;
  records.sort((a, b) => a.at - b.at);
  const batch: Batch = { db, ids: new Ids(db, account, known), source, update: undefined };
  const { index, from, to } = candidates(db, account, records[0]!.at, records.at(-1)!.at);
  const at = AT_COLUMN[source];
  // A new play: its instant (also its source's), item, facet and length; the account is fixed.
  const insert = new Rows(db, "plays", ["played_at", at, "item", "facet", "ms_played"], {
    account,
  });
  for (const record of records) {
    // Only records near a stored play can match one: the rest skip the search.
    const matches = record.at < from || record.at > to ? NONE : sameItem(index, record);
    const seen = matches.find((c) => !c.taken && c.row[at] === record.at);
    if (seen !== undefined) {
      seen.taken = true;
      counts.already++;
      continue;
    }
    const nearest = closest(matches, record, source);
    if (nearest !== undefined) {
      nearest.taken = true;
      update(batch, nearest, record);
      counts.merged++;
    } else {
      insert.add([
        record.at,
        record.at,
        batch.ids.item(record),
        batch.ids.facet(facetOf(record)),
        record.ms_played,
      ]);
    }
  }
  insert.flush();
  batch.ids.flush();
  counts.added = insert.count;
  return counts;
}

const uriOf = (r: { track_uri?: unknown; episode_uri?: unknown; chapter_uri?: unknown }) =>
  (r.track_uri ?? r.episode_uri ?? r.chapter_uri ?? null) as string | null;

/** Artist (or show, audiobook) and track (or episode, chapter) names, for the basic export. */
function namesOf(r: Record<string, unknown>): string | null {
  const by = (r.artist ?? r.show ?? r.audiobook ?? null) as string | null;
  const name = (r.track ?? r.episode ?? r.chapter ?? null) as string | null;
  if (by === null || name === null) return null;
  return `${by.trim().toLowerCase()}\u001f${name.trim().toLowerCase()}`;
}

const NONE: Candidate[] = [];

/** The stored plays around a batch, by URI and by names, and the times records can match them. */
function candidates(
  db: DatabaseSync,
  account: string,
  from: number,
  to: number,
): { index: Map<string, Candidate[]>; from: number; to: number } {
  const rows = db.prepare(
    `SELECT p.*, i.track, i.artist, i.track_uri, i.episode, i.show, i.episode_uri, i.audiobook,
       i.chapter, i.chapter_uri, ${FACET_FIELDS.map((f) => `f.${f}`).join(", ")}
     FROM plays p JOIN items i ON i.id = p.item JOIN facets f ON f.id = p.facet
     WHERE p.account = ? AND p.played_at BETWEEN ? AND ?`,
  ).all(account, from - WINDOW_MS, to + WINDOW_MS);
  const index = new Map<string, Candidate[]>();
  const add = (key: string, c: Candidate) => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [c]);
    else list.push(c);
  };
  let [first, last] = [Infinity, -Infinity];
  for (const row of rows) {
    const c = { row, uri: uriOf(row), names: namesOf(row), taken: false };
    if (c.uri !== null) add(`u${c.uri}`, c);
    if (c.names !== null) add(`n${c.names}`, c);
    const at = row.played_at as number;
    [first, last] = [Math.min(first, at), Math.max(last, at)];
  }
  return { index, from: first - WINDOW_MS, to: last + WINDOW_MS };
}

/** The stored plays of the same item as a record (rule 1). */
function sameItem(index: Map<string, Candidate[]>, record: PlayRecord): Candidate[] {
  const uri = uriOf(record);
  const names = namesOf(record);
  const byUri = uri === null ? [] : index.get(`u${uri}`) ?? [];
  const byNames = names === null ? [] : index.get(`n${names}`) ?? [];
  // Names match only where one side has no URI.
  return [...byUri, ...byNames.filter((c) => uri === null || c.uri === null)];
}

/** Distance between `[a, a + wa)` and `[b, b + wb)`. */
const gap = (a: number, wa: number, b: number, wb: number) =>
  Math.max(0, b - (a + wa), a - (b + wb));

/** How far a record is from a stored play (rule 2): an end's distance, else a start's, past the tolerance. */
function distance(row: Record<string, SQLInputValue>, record: PlayRecord, source: Source): number {
  let end = Infinity;
  let start = Infinity;
  const stored = row.ms_played as number | null;
  for (const other of SOURCES) {
    const t = row[AT_COLUMN[other]] as number | null;
    if (t === null) continue;
    end = Math.min(end, gap(record.at, PRECISION[source], t, PRECISION[other]));
    if (source === "api" && other !== "api" && stored !== null) {
      start = Math.min(start, gap(record.at, 1, t - stored, PRECISION[other]));
    } else if (other === "api" && source !== "api" && record.ms_played !== null) {
      start = Math.min(start, gap(record.at - record.ms_played, PRECISION[source], t, 1));
    }
  }
  if (end <= TOLERANCE_MS) return end;
  return start <= TOLERANCE_MS ? TOLERANCE_MS + start : Infinity;
}

/** The nearest stored play this source has not recorded (rule 4). */
function closest(matches: Candidate[], record: PlayRecord, source: Source): Candidate | undefined {
  let best: Candidate | undefined;
  let bestDistance = Infinity;
  for (const c of matches) {
    if (c.taken || c.row[AT_COLUMN[source]] !== null) continue;
    const d = distance(c.row, record, source);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

const UPDATED = PLAY_COLUMNS.filter((c) => c !== "account");

/** A stored play seen by another source too: the richer values win (rule 5). */
function update(batch: Batch, c: Candidate, r: PlayRecord): void {
  const { ids, source } = batch;
  const row = c.row;
  const richest = Math.max(
    ...SOURCES.filter((s) => row[AT_COLUMN[s]] !== null).map((s) => RANK[s]),
  );
  const wins = RANK[source] > richest;
  const pick = (stored: SQLInputValue, incoming: SQLInputValue) =>
    incoming !== null && (wins || stored === null) ? incoming : stored;
  const incoming = facetOf(r);
  const facet = {} as FacetValues;
  for (const field of FACET_FIELDS) facet[field] = pick(row[field]!, incoming[field]);
  // The file a play first came from stays its file.
  facet.file = row.file ?? incoming.file;
  const next: Record<string, SQLInputValue> = { ...row, ...facet, [AT_COLUMN[source]]: r.at };
  next.item = wins ? ids.item(r) : row.item!;
  next.facet = ids.facet(facet);
  next.ms_played = pick(row.ms_played!, r.ms_played);
  next.played_at = (next.extended_at ?? next.api_at ?? next.basic_at)!;
  batch.update ??= batch.db.prepare(
    `UPDATE plays SET ${UPDATED.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`,
  );
  batch.update.run(...UPDATED.map((column) => next[column]!), row.id!);
  c.row = next;
}
