/**
 * Which periods each source holds, and where the gaps are: an export file holds every play from
 * its first to its last (a quiet week in it is no gap); a sync holds what the API answered for,
 * from the previous sync's newest play to its own newest; a window a sync found missed is a gap.
 *
 * @module
 */
import pl from "nodejs-polars";
import { AT_COLUMN } from "./_rows.ts";
import { type HistoryStore, storeError } from "./store.ts";

const DAY = 86_400_000;

/** One period of one source. */
interface Period {
  source: string;
  from: number;
  to: number;
}

/** Periods of one source, overlapping or touching (within `slack` ms) ones joined, in order. */
function joined(source: string, spans: { from: number; to: number }[], slack: number): Period[] {
  const out: Period[] = [];
  for (const { from, to } of [...spans].sort((a, b) => a.from - b.from)) {
    const last = out.at(-1);
    if (last !== undefined && from - last.to <= slack) last.to = Math.max(last.to, to);
    else out.push({ source, from, to });
  }
  return out;
}

/** The spans each source holds: export files by their first and last play, syncs as recorded. */
function spans(store: HistoryStore): Period[] {
  const periods: Period[] = [];
  for (const source of ["basic", "extended"] as const) {
    const at = AT_COLUMN[source];
    const files = store.db.prepare(
      `SELECT min(p.${at}) AS "from", max(p.${at}) AS "to" FROM plays p
       JOIN facets f ON f.id = p.facet
       WHERE p.account = ? AND p.${at} IS NOT NULL GROUP BY f.file`,
    ).all(store.account) as { from: number; to: number }[];
    periods.push(...joined(source, files, DAY));
  }
  const syncs = store.db.prepare(
    `SELECT covered_from AS "from", covered_to AS "to" FROM syncs
     WHERE account = ? AND covered_from IS NOT NULL AND covered_to IS NOT NULL`,
  ).all(store.account) as { from: number; to: number }[];
  periods.push(...joined("api", syncs, 60_000));
  const missed = store.db.prepare(
    `SELECT missed_from AS "from", missed_to AS "to" FROM syncs
     WHERE account = ? AND missed_from IS NOT NULL`,
  ).all(store.account) as { from: number; to: number }[];
  periods.push(...joined("missed", missed, 0));
  return periods;
}

/**
 * One row per period a source holds, and per window of plays a sync found missed: `source`
 * (`basic`, `extended`, `api` or `missed`), `from`, `to` (Datetime, UTC), `days`, `plays` (how
 * many plays of that source the period holds; null for `missed`).
 *
 * @param store The open store.
 * @returns The DataFrame, by source then time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PROJECT_ROOT } from "../core/config.ts";
 * import { coverageFrame } from "./coverage.ts";
 * import { importHistory } from "./import_export.ts";
 * import { openHistory } from "./store.ts";
 * const dir = await Deno.makeTempDir();
 * using store = await openHistory("sample.listener", { path: `${dir}/h.sqlite` });
 * await importHistory(store, `${PROJECT_ROOT}data/sample/export`);
 * const coverage = coverageFrame(store);
 * assert.deepEqual(coverage.getColumn("source").toArray(), ["basic", "extended"]);
 * assert.equal(coverage.getColumn("plays").sum(), 3116);
 * store.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function coverageFrame(store: HistoryStore): pl.DataFrame {
  let periods: (Period & { plays: number | null })[];
  try {
    const count = (p: Period) =>
      p.source === "missed" ? null : Number(
        store.db.prepare(
          `SELECT count(*) AS n FROM plays WHERE account = ? AND ${
            AT_COLUMN[p.source as "api"]
          } BETWEEN ? AND ?`,
        ).get(store.account, p.from, p.to)!.n,
      );
    periods = spans(store).map((p) => ({ ...p, plays: count(p) }));
  } catch (error) {
    throw storeError(store.path, error, "read");
  }
  const instant = (name: string, values: number[]) =>
    pl.Series(name, values, pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms", "UTC"));
  return pl.DataFrame([
    pl.Series("source", periods.map((p) => p.source), pl.Utf8),
    instant("from", periods.map((p) => p.from)),
    instant("to", periods.map((p) => p.to)),
    pl.Series("days", periods.map((p) => (p.to - p.from) / DAY), pl.Float64),
    pl.Series("plays", periods.map((p) => p.plays), pl.Int64),
  ]);
}
